"""Spoken audio: the speech script → WAV or MP3 with ID3 tags, cover art and chapter marks.

Audio is made in batches of lines (on both cores for long documents, MP3 encoded where it was
spoken) and appended to the file as it arrives, so memory stays flat for a book. Every line's
start is counted in decoded samples while writing, so the chapter marks (ID3 CHAP/CTOC) land
where each chapter's first words begin.

MP3 speech is a ``Narration``, made once per article and options and kept for a while, because
the M4B and read-aloud writers reuse the same audio and the same measured times.
"""

from __future__ import annotations

import shutil
import tempfile
import wave
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO, Protocol

import lameenc
from mutagen.id3 import (
    APIC,
    CHAP,
    COMM,
    CTOC,
    ID3,
    TALB,
    TDRC,
    TIT2,
    TPE1,
    WOAS,
    CTOCFlags,
)
from mutagen.wave import WAVE

from clearread import progress
from clearread.errors import OutputError
from clearread.model import Document
from clearread.speech import engine
from clearread.speech.lexicon import pronouncer
from clearread.speech.script import Segment, script
from clearread.speech.voices import VoiceProfile, profile_for
from clearread.writers import WriteOptions

MP3_QUALITY = 7          # lame's fast mode: same size as 2, ~3.5x quicker, clean for speech
ARTICLE_GAP_MS = 2000    # between articles of a bundle
COVER_SIZE = (1400, 1400)
MAX_TOC_ENTRIES = 255    # an ID3 CTOC frame counts its entries in one byte


@dataclass(frozen=True)
class Chapter:
    title: str
    start: float   # seconds
    end: float


@dataclass(frozen=True)
class Timeline:
    """Where everything landed: per-segment start times and the chapters built from them."""

    segments: tuple[Segment, ...]
    starts: tuple[float, ...]
    duration: float
    chapters: tuple[Chapter, ...]


# --- formats: how batches become a file ----------------------------------------------------------

# MPEG-2 layer III (what lame writes at 22,050 Hz): kbps by header index, 576 samples a frame.
MPEG2_KBPS = (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160)
FRAME_SAMPLES = 576
LAME_DELAY = 1105   # samples a decoder plays before the first input sample (576 + 529)


class _EncodeMp3:
    """Encode one batch as a complete MP3 stream (runs in the worker that spoke it).

    Whole MP3 streams concatenate into a valid file; each adds lame's start delay and pads its
    last frame, a few tens of milliseconds of silence inside a pause, counted exactly below.
    """

    def __init__(self, kbps: int) -> None:
        if kbps not in MPEG2_KBPS[1:]:
            raise OutputError(f"MP3 bitrate {kbps} kbps is not one of {MPEG2_KBPS[1:]}")
        self.kbps = kbps

    def __call__(self, pcm: bytes) -> bytes:
        encoder = lameenc.Encoder()
        encoder.set_bit_rate(self.kbps)
        encoder.set_in_sample_rate(engine.SAMPLE_RATE)
        encoder.set_out_sample_rate(engine.SAMPLE_RATE)
        encoder.set_channels(1)
        encoder.set_quality(MP3_QUALITY)
        return bytes(encoder.encode(pcm) + encoder.flush())


def mp3_frames(data: bytes) -> int:
    """How many frames an MP3 stream holds, walking the frame headers."""
    count = pos = 0
    while pos + 4 <= len(data):
        head = data[pos:pos + 4]
        if head[0] != 0xFF or head[1] & 0xFE != 0xF2:   # sync, MPEG-2, layer III
            raise OutputError(f"the MP3 encoder wrote an unexpected frame at byte {pos}")
        kbps = MPEG2_KBPS[head[2] >> 4]
        pos += 72_000 * kbps // engine.SAMPLE_RATE + (head[2] >> 1 & 1)
        count += 1
    return count


class _Mp3:
    def __init__(self, out: BinaryIO) -> None:
        self.out = out

    @staticmethod
    def finish(options: WriteOptions) -> engine.Finish:
        return _EncodeMp3(options.bitrate)

    def write(self, batch: engine.Batch) -> tuple[int, int]:
        """Append the batch; returns (samples before its first line, samples it decodes to)."""
        self.out.write(batch.data)
        return LAME_DELAY, mp3_frames(batch.data) * FRAME_SAMPLES

    def close(self) -> None:
        pass


class _Wav:
    def __init__(self, out: BinaryIO) -> None:
        self.wav = wave.open(out, "wb")  # noqa: SIM115 (closed by close())
        self.wav.setnchannels(1)
        self.wav.setsampwidth(2)
        self.wav.setframerate(engine.SAMPLE_RATE)

    @staticmethod
    def finish(options: WriteOptions) -> None:
        return None

    def write(self, batch: engine.Batch) -> tuple[int, int]:
        self.wav.writeframesraw(batch.data)
        return 0, len(batch.data) // 2

    def close(self) -> None:
        self.wav.close()


class Sink(Protocol):
    def write(self, batch: engine.Batch) -> tuple[int, int]: ...
    def close(self) -> None: ...


SINKS: dict[str, type[_Mp3] | type[_Wav]] = {"mp3": _Mp3, "wav": _Wav}

# --- speaking ------------------------------------------------------------------------------------


def _lines(segments: Sequence[Segment], profile: VoiceProfile) -> list[engine.Line]:
    pitch = {"quote": profile.quote_pitch}
    return [engine.Line(s.text, s.pause_ms, pitch.get(s.voice)) for s in segments]


def _speak(parts: Iterable[tuple[Sequence[Segment], VoiceProfile]], sink: Sink,
           finish: engine.Finish | None) -> tuple[list[int], list[int]]:
    """Write every part's audio; returns each segment's start in the decoded file and the end,
    and each segment's length in samples (speech and pause)."""
    parts = list(parts)
    total = sum(len(segments) for segments, _ in parts)
    starts, lengths, offset = [], [], 0
    for segments, profile in parts:
        for batch in engine.render(_lines(segments, profile), profile, finish):
            lead, decoded = sink.write(batch)
            line_start = offset + lead
            for length in batch.lengths:
                starts.append(line_start)
                line_start += length
            lengths.extend(batch.lengths)
            offset += decoded
            progress.advance(len(starts), total)
    return [*starts, offset], lengths


def _timeline(segments: Sequence[Segment], samples: list[int]) -> Timeline:
    seconds = [s / engine.SAMPLE_RATE for s in samples]
    duration = seconds[-1]
    marks = [(seg.chapter, t) for seg, t in zip(segments, seconds, strict=False) if seg.chapter]
    if marks:
        marks[0] = (marks[0][0], 0.0)  # the first chapter covers the lead-in too
    ends = [t for _, t in marks[1:]] + [duration]
    chapters = tuple(Chapter(title, start, end) for (title, start), end in zip(marks, ends,
                                                                             strict=True))
    return Timeline(tuple(segments), tuple(seconds[:-1]), duration, chapters)


def _render(parts: list[tuple[Sequence[Segment], VoiceProfile]], dest: Path,
            options: WriteOptions, fmt: str) -> Timeline:
    segments = [s for part, _ in parts for s in part]
    if not segments:
        raise OutputError("nothing to speak: the document has no text")
    kind = SINKS[fmt]
    finish = kind.finish(options)
    try:
        with dest.open("wb") as out:
            sink = kind(out)
            samples, _ = _speak(parts, sink, finish)
            sink.close()
    except OSError as exc:
        raise OutputError(f"{dest}: {exc.strerror or exc}") from exc
    return _timeline(segments, samples)


# --- narration: MP3 speech shared by the MP3, M4B and read-aloud writers -------------------------

SPOOL_BYTES = 2 << 20     # a narration's MP3 stays in memory up to this size (~4 min), then on disk
NARRATIONS_KEPT = 32      # recent articles whose narration is kept for the next format or bundle


@dataclass(frozen=True)
class Narration:
    """Speech as concatenated MP3 streams, and where each segment's speech starts and stops in
    the decoded audio, in samples at ``engine.SAMPLE_RATE`` (``length`` is the decoded total)."""

    segments: tuple[Segment, ...]
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    length: int
    mp3: BinaryIO

    @property
    def timeline(self) -> Timeline:
        return _timeline(self.segments, [*self.starts, self.length])

    def copy_to(self, out: BinaryIO) -> None:
        self.mp3.seek(0)
        shutil.copyfileobj(self.mp3, out)

    def read(self) -> bytes:
        self.mp3.seek(0)
        return self.mp3.read()


_kept: OrderedDict[tuple, tuple[tuple[object, object], Narration]] = OrderedDict()


def _narrate(segments: Sequence[Segment], profile: VoiceProfile, kbps: int) -> Narration:
    out = tempfile.SpooledTemporaryFile(SPOOL_BYTES)  # noqa: SIM115 (lives with the narration)
    if not segments:
        return Narration((), (), (), 0, out)
    samples, lengths = _speak([(segments, profile)], _Mp3(out), _EncodeMp3(kbps))
    pauses = [len(engine.silence(s.pause_ms)) // 2 for s in segments]
    ends = [start + n - p for start, n, p in zip(samples, lengths, pauses, strict=False)]
    return Narration(tuple(segments), tuple(samples[:-1]), tuple(ends), samples[-1], out)


def narrate(doc: Document, options: WriteOptions) -> Narration:
    """The article's narration, made once for these speech options and then reused."""
    key = (id(doc), options.voice, options.rate, options.bitrate, options.engine,
           options.voice_model)
    held = _kept.get(key)
    if held and held[0][0] is doc and held[0][1] is options.lexicon:
        _kept.move_to_end(key)
        return held[1]
    narration = _narrate(spoken(doc, options), _profile(doc, options), options.bitrate)
    _kept[key] = ((doc, options.lexicon), narration)
    while len(_kept) > NARRATIONS_KEPT:
        _kept.popitem(last=False)
    return narration


def narrate_bundle(docs: Sequence[Document], options: WriteOptions) -> Narration:
    """The articles' narrations one after another, one chapter each, ``ARTICLE_GAP_MS`` apart."""
    parts = [(d, n) for d in docs if (n := narrate(d, options)).segments]
    out = tempfile.SpooledTemporaryFile(SPOOL_BYTES)  # noqa: SIM115 (lives with the narration)
    segments: list[Segment] = []
    starts: list[int] = []
    ends: list[int] = []
    offset = 0
    for i, (doc, part) in enumerate(parts):
        segments += _retitle(doc, part.segments)
        starts += [offset + s for s in part.starts]
        ends += [offset + e for e in part.ends]
        part.copy_to(out)
        offset += part.length
        if i < len(parts) - 1:
            gap = _EncodeMp3(options.bitrate)(
                engine.silence(ARTICLE_GAP_MS - part.segments[-1].pause_ms))
            out.write(gap)
            offset += mp3_frames(gap) * FRAME_SAMPLES
    return Narration(tuple(segments), tuple(starts), tuple(ends), offset, out)


def _save(narration: Narration, dest: Path) -> Timeline:
    if not narration.segments:
        raise OutputError("nothing to speak: the document has no text")
    try:
        with dest.open("wb") as out:
            narration.copy_to(out)
    except OSError as exc:
        raise OutputError(f"{dest}: {exc.strerror or exc}") from exc
    return narration.timeline


# --- tags ----------------------------------------------------------------------------------------


def cover_art(title: str, authors: Sequence[str], site: str) -> bytes | None:
    try:
        from clearread.writers.cover import cover_image
    except ImportError:
        return None
    return cover_image(title, authors, site, size=COVER_SIZE, fmt="JPEG")


def _toc(element_id: str, title: str, children: list[str], top: bool) -> CTOC:
    flags = CTOCFlags.ORDERED | (CTOCFlags.TOP_LEVEL if top else 0)
    return CTOC(element_id=element_id, flags=flags, child_element_ids=children,
                sub_frames=[TIT2(encoding=3, text=[title])])


def _chapter_frames(chapters: Sequence[Chapter]) -> list:
    """CHAP frames and their table of contents; a CTOC lists at most 255 entries, so longer
    books get one sub-table per 255 chapters, each named after its first chapter."""
    ids = [f"ch{i}" for i in range(len(chapters))]
    frames: list = [CHAP(element_id=cid, start_time=round(ch.start * 1000),
                         end_time=round(ch.end * 1000),
                         sub_frames=[TIT2(encoding=3, text=[ch.title])])
                    for cid, ch in zip(ids, chapters, strict=True)]
    if len(ids) <= MAX_TOC_ENTRIES:
        return [_toc("toc", "Contents", ids, top=True), *frames]
    groups = range(0, len(ids), MAX_TOC_ENTRIES)
    subs = [_toc(f"toc{g}", chapters[g].title, ids[g:g + MAX_TOC_ENTRIES], top=False)
            for g in groups]
    return [_toc("toc", "Contents", [t.element_id for t in subs], top=True), *subs, *frames]


def _frames(title: str, authors: Sequence[str], album: str, date: str | None, url: str,
            timeline: Timeline) -> list:
    frames: list = [TIT2(encoding=3, text=[title or "Untitled"])]
    optional = (
        (authors, lambda: TPE1(encoding=3, text=list(authors))),
        (album, lambda: TALB(encoding=3, text=[album])),
        (date, lambda: TDRC(encoding=3, text=[(date or "")[:10]])),
        (url, lambda: COMM(encoding=3, lang="eng", desc="source", text=[url])),
        (url, lambda: WOAS(url=url)),
    )
    frames += [make() for value, make in optional if value]
    cover = cover_art(title, authors, album)
    if cover:
        frames.append(APIC(encoding=3, mime="image/jpeg", type=3, desc="Cover", data=cover))
    return frames + _chapter_frames(timeline.chapters)


def _tag(dest: Path, fmt: str, frames: list) -> None:
    if fmt == "wav":
        audio = WAVE(dest)
        audio.add_tags()
        tags = audio.tags
    else:
        tags = ID3()
    for frame in frames:
        tags.add(frame)
    if fmt == "wav":
        audio.save(v2_version=3)
    else:
        tags.save(dest, v2_version=3)


# --- entry points --------------------------------------------------------------------------------


def _profile(doc: Document, options: WriteOptions) -> VoiceProfile:
    return profile_for(doc.meta.language, options.voice, options.rate, options.engine,
                       options.voice_model)


def _check(fmt: str) -> None:
    if fmt not in SINKS:
        raise OutputError(f"audio writer cannot write {fmt!r} (choose from {', '.join(SINKS)})")


def spoken(doc: Document, options: WriteOptions) -> tuple[Segment, ...]:
    """Exactly what the engine will say for ``doc``: normalised text after the voice profile's
    and the user's pronunciation lexicons (``inspect --to speech`` prints this)."""
    profile = _profile(doc, options)
    say = pronouncer(profile.pronunciations, options.lexicon, doc.meta.language)
    return script(doc, say)


def write(doc: Document, dest: Path, options: WriteOptions, fmt: str) -> Timeline:
    """One article as audio; returns the timeline the chapter marks were made from."""
    _check(fmt)
    if fmt == "mp3":
        timeline = _save(narrate(doc, options), dest)
    else:
        timeline = _render([(spoken(doc, options), _profile(doc, options))], dest, options, fmt)
    meta = doc.meta
    _tag(dest, fmt, _frames(meta.title, meta.authors, meta.site_name, meta.published,
                            meta.source_url, timeline))
    return timeline


def _retitle(doc: Document, segments: Sequence[Segment]) -> list[Segment]:
    """An article's segments as one chapter of a bundle, titled with the article's title."""
    if not segments:
        return []
    title = doc.meta.title.strip() or segments[0].chapter or "Untitled"
    return [replace(segments[0], chapter=title), *(replace(s, chapter=None) for s in segments[1:])]


def _article(doc: Document, options: WriteOptions, last: bool) -> list[Segment]:
    """An article's segments in a WAV bundle, with a gap before the next article."""
    out = _retitle(doc, spoken(doc, options))
    if out and not last:
        out[-1] = replace(out[-1], pause_ms=max(out[-1].pause_ms, ARTICLE_GAP_MS))
    return out


def write_bundle(docs: Sequence[Document], dest: Path, options: WriteOptions, fmt: str
                 ) -> Timeline:
    """Many articles in one file, one chapter per article, each in its own language's voice."""
    _check(fmt)
    if fmt == "mp3":
        timeline = _save(narrate_bundle(docs, options), dest)
    else:
        parts = [(_article(d, options, i == len(docs) - 1), _profile(d, options))
                 for i, d in enumerate(docs)]
        timeline = _render(parts, dest, options, fmt)
    album = options.bundle_title or "Articles"
    authors = list(dict.fromkeys(a for d in docs for a in d.meta.authors))
    dates = sorted(d.meta.published for d in docs if d.meta.published)
    _tag(dest, fmt, _frames(album, authors, album, dates[-1] if dates else None, "", timeline))
    return timeline
