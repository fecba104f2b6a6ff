"""The M4B writer: AAC in MP4 with chapters, tags and cover, read back with mutagen and
ffprobe, decoded to the end, and compared with the MP3 made from the same narration."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import av
import numpy as np
import pytest
from mutagen.mp4 import MP4
from test_writer_audio import article, para

from clearread import pipeline, sanity, writers
from clearread.errors import OutputError
from clearread.model import Document, Heading, Metadata, Text
from clearread.writers import WriteOptions, audio, m4b

CHAPTERS = ["The River Garden", "Spring work", "Summer shade", "Autumn seeds"]


@pytest.fixture(scope="module")
def books(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, audio.Timeline]:
    doc = article(published="2024-05-01", source_url="https://example.org/river")
    folder = tmp_path_factory.mktemp("m4b")
    audio.write(doc, folder / "a.mp3", WriteOptions(), "mp3")
    timeline = m4b.write(doc, folder / "a.m4b", WriteOptions())
    return folder / "a.m4b", folder / "a.mp3", timeline


def decoded_seconds(path: Path) -> float:
    """Decode every frame to the end and count the samples."""
    with av.open(str(path)) as container:
        frames = list(container.decode(audio=0))
    return sum(f.samples for f in frames) / frames[0].sample_rate


def decoded(path: Path) -> np.ndarray:
    with av.open(str(path)) as container:
        return np.concatenate([f.to_ndarray()[0] for f in container.decode(audio=0)])


def test_chapters_tags_and_cover(books: tuple[Path, Path, audio.Timeline]) -> None:
    path, _, timeline = books
    book = MP4(path)
    assert [c.title for c in book.chapters] == CHAPTERS
    starts = [c.start for c in book.chapters]
    assert starts == sorted(set(starts)) and starts[0] == 0
    for chapter, expected in zip(book.chapters, timeline.chapters, strict=True):
        assert abs(chapter.start - expected.start) < 0.05
    tags = book.tags
    assert tags["\xa9nam"] == ["The River Garden"]
    assert tags["\xa9ART"] == ["Ann Lee; Tom Park"]
    assert tags["\xa9alb"] == ["Town Post"]
    assert tags["\xa9day"] == ["2024-05-01"]
    assert bytes(tags["covr"][0])[:2] == b"\xff\xd8"
    assert book.info.codec.startswith("mp4a")


def test_same_length_as_the_mp3_and_plays_to_the_end(
        books: tuple[Path, Path, audio.Timeline]) -> None:
    path, mp3, timeline = books
    mp3_seconds = decoded_seconds(mp3)
    assert abs(decoded_seconds(path) - mp3_seconds) <= 0.01 * mp3_seconds
    assert abs(MP4(path).info.length - timeline.duration) <= 0.01 * timeline.duration


@pytest.mark.skipif(shutil.which("ffprobe") is None, reason="ffprobe not installed")
def test_ffprobe_reads_the_chapters(books: tuple[Path, Path, audio.Timeline]) -> None:
    out = subprocess.run(["ffprobe", "-v", "error", "-print_format", "json", "-show_chapters",
                          str(books[0])], capture_output=True, text=True, check=True).stdout
    chapters = json.loads(out)["chapters"]
    assert [c["tags"]["title"] for c in chapters] == CHAPTERS
    starts = [float(c["start_time"]) for c in chapters]
    assert starts == sorted(starts)


def test_bundle_has_one_chapter_per_article(tmp_path: Path) -> None:
    docs = [Document(Metadata(title=t, language="en"), (para(f"This is the story of {t}."),
                                                       Heading(2, (Text("Part two"),)),
                                                       para("It ends here.")))
            for t in ("the red boat", "the green hill")]
    m4b.write_bundle(docs, tmp_path / "b.m4b", WriteOptions(bundle_title="Stories"))
    book = MP4(tmp_path / "b.m4b")
    assert [c.title for c in book.chapters] == ["the red boat", "the green hill"]
    assert book.tags["\xa9alb"] == ["Stories"]


def _no_chapters(dest: Path) -> None:
    """A real AAC audiobook, muxed without its chapters."""
    with av.open(str(dest), "w", format="ipod") as out:
        stream = out.add_stream("aac", rate=22_050, layout="mono")
        frame = av.AudioFrame.from_ndarray(np.zeros((1, 22_050), np.int16), "s16",
                                           layout="mono")
        frame.rate = 22_050
        out.mux(stream.encode(frame))
        out.mux(stream.encode(None))


@pytest.mark.parametrize(("broken", "reason"), [
    ("truncated", "not a readable M4B"),
    ("no-chapters", "no chapters"),
    ("mp3-inside", "no AAC audio stream"),
])
def test_a_broken_m4b_is_never_published(books: tuple[Path, Path, audio.Timeline],
                                         tmp_path: Path, broken: str, reason: str) -> None:
    good, mp3, _ = books
    assert sanity.problem("m4b", good) is None

    def write(dest: Path) -> None:
        if broken == "truncated":
            dest.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
        elif broken == "no-chapters":
            _no_chapters(dest)
        else:
            with av.open(str(mp3)) as source, av.open(str(dest), "w", format="mp4") as out:
                stream = out.add_stream_from_template(source.streams.audio[0])
                for packet in source.demux(source.streams.audio[0]):
                    if packet.dts is not None:
                        packet.stream = stream
                        out.mux(packet)

    with pytest.raises(OutputError, match=reason):
        pipeline.write_temp(write, tmp_path, writers.FORMATS["m4b"])
    assert list(tmp_path.iterdir()) == []


def test_two_part_encoding_sounds_like_one(books: tuple[Path, Path, audio.Timeline],
                                           tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                           ) -> None:
    """Long audio is encoded in two parts joined at a pause: same length, and no more
    different from the narration than one encoder's output is, at the join too."""
    narration = audio.narrate(article(published="2024-05-01",
                                      source_url="https://example.org/river"), WriteOptions())
    cut = m4b._split(narration)
    assert cut
    monkeypatch.setattr(m4b, "SPLIT_SAMPLES", 10**12)
    m4b._encode(narration, tmp_path / "one.m4b", 64)
    reference = np.concatenate([f.to_ndarray()[0] for f in m4b._decoded(narration) if f])
    one, two = (decoded(p) for p in (tmp_path / "one.m4b", books[0]))
    assert len(one) == len(two)
    count = min(len(one), len(reference))
    for near in (slice(0, count), slice(cut - 4096, cut + 4096)):
        assert np.abs(two[near] - reference[near]).max() <= (
            np.abs(one[near] - reference[near]).max() * 1.1 + 1e-4)
