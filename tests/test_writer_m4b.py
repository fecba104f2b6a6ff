"""The M4B writer: AAC in MP4 with chapters, tags and cover, read back with mutagen and
ffprobe, decoded to the end, and compared with the MP3 made from the same narration."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import av
import pytest
from mutagen.mp4 import MP4
from test_writer_audio import article, para

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
