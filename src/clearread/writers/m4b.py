"""M4B audiobook: the MP3 writer's narration as AAC in MP4, with chapters, tags and cover art.

The speech is the shared narration (made once per article, see ``audio.narrate``), so the
audiobook says exactly what the MP3 says and its chapters start at the same measured times.
PyAV (FFmpeg's libraries, shipped in its wheels) decodes it, encodes AAC and muxes the MP4 with
chapter marks (a chapter track and a Nero ``chpl`` box, which audiobook players read); mutagen
adds the iTunes tags and cover, which FFmpeg's muxer takes only as a video stream.
"""

from __future__ import annotations

import contextlib
import io
import os
import pickle
import signal
from collections.abc import Callable, Iterator, Sequence
from fractions import Fraction
from functools import partial
from pathlib import Path
from typing import BinaryIO

import av
import numpy as np
from mutagen.mp4 import MP4, MP4Cover

from clearread import lifeline
from clearread.errors import OutputError
from clearread.model import Document
from clearread.speech import engine
from clearread.writers import WriteOptions, audio

# FFmpeg's fast AAC coder: about a third of the default's time, and clean for speech
AAC_OPTIONS = {"aac_coder": "fast"}
MUXER = ("ipod", {"brand": "M4B "})    # the brand audiobook apps look for
AUDIOBOOK = 2                          # iTunes media kind (stik)
SAMPLE_TIME = Fraction(1, engine.SAMPLE_RATE)
AAC_FRAME = 1024                         # samples an AAC packet codes
SPLIT_SAMPLES = 30 * engine.SAMPLE_RATE  # shorter audio is encoded in one part
QUIET_SAMPLES = 4 * AAC_FRAME            # the least pause to cut at: silence either side


def _chapters(timeline: audio.Timeline) -> list[dict]:
    return [{"id": i + 1, "start": round(ch.start * engine.SAMPLE_RATE),
             "end": round(ch.end * engine.SAMPLE_RATE), "time_base": SAMPLE_TIME,
             "metadata": {"title": ch.title}}
            for i, ch in enumerate(timeline.chapters)]


class _Reader(io.RawIOBase):
    """The narration's MP3 read at a private offset: a forked copy reading the same file then
    never moves the parent's position (``fileno`` puts a small in-memory spool on disk)."""

    def __init__(self, mp3: BinaryIO) -> None:
        self.fd, self.at = mp3.fileno(), 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray) -> int:
        data = os.pread(self.fd, len(buffer), self.at)
        buffer[:len(data)] = data
        self.at += len(data)
        return len(data)

    def seek(self, offset: int, whence: int = os.SEEK_SET) -> int:
        base = {os.SEEK_SET: 0, os.SEEK_CUR: self.at, os.SEEK_END: os.fstat(self.fd).st_size}
        self.at = base[whence] + offset
        return self.at


def _decoded(narration: audio.Narration, start: int = 0, stop: int | None = None
             ) -> Iterator[av.AudioFrame | None]:
    """Samples ``start``–``stop`` (or the end) of the narration as frames timed from ``start``,
    decoded one MP3 frame at a time (memory stays flat for a book), then None (the encoder's
    cue to flush)."""
    with _Reader(narration.mp3) as raw, av.open(raw, "r", format="mp3") as source:
        at = 0
        for decoded in source.decode(audio=0):
            pcm = decoded.to_ndarray()
            low = max(start - at, 0)
            high = pcm.shape[1] if stop is None else min(stop - at, pcm.shape[1])
            if low < high:
                yield _frame(pcm[:, low:high], at + low - start)
            at += pcm.shape[1]
    yield None


def _frame(pcm: np.ndarray, pts: int) -> av.AudioFrame:
    frame = av.AudioFrame.from_ndarray(np.ascontiguousarray(pcm), "fltp", layout="mono")
    frame.rate, frame.pts, frame.time_base = engine.SAMPLE_RATE, pts, SAMPLE_TIME
    return frame


def _split(narration: audio.Narration) -> int | None:
    """Where to cut long audio in two for the two cores: the middle of the pause nearest the
    middle, on an AAC frame boundary, so the packets either side of the cut code silence."""
    if narration.length < SPLIT_SAMPLES:
        return None
    pauses = [(end, start) for end, start in zip(narration.ends, narration.starts[1:],
                                                 strict=False) if start - end >= QUIET_SAMPLES]
    if not pauses:
        return None
    end, start = min(pauses, key=lambda pause: abs(sum(pause) - narration.length))
    return (end + start) // 2 // AAC_FRAME * AAC_FRAME


def _tail_packets(narration: audio.Narration, kbps: int, offset: int) -> bytes:
    """The second part's AAC packets as (pts, duration, data), pts counted from the start of
    the book; its encoder's priming packet is left out (the first part's last one is there)."""
    codec = av.CodecContext.create("aac", "w")
    codec.sample_rate, codec.layout, codec.format = engine.SAMPLE_RATE, "mono", "fltp"
    codec.bit_rate, codec.options = kbps * 1000, AAC_OPTIONS
    packets = [p for frame in _decoded(narration, offset) for p in codec.encode(frame)]
    return pickle.dumps([(p.pts + offset, p.duration, bytes(p)) for p in packets if p.pts >= 0])


class _Forked:
    """``work`` run in a forked copy of this process: no start-up cost, and allowed inside a
    batch worker, where a process pool is not. Leaving the ``with`` block (an error, Ctrl-C)
    stops the copy and reaps it if its result was never taken."""

    def __init__(self, work: Callable[[], bytes]) -> None:
        parent = os.getpid()
        self.readable, writable = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:
            status = 1
            try:
                os.close(self.readable)
                lifeline.die_with(parent)
                with os.fdopen(writable, "wb") as pipe:
                    pipe.write(work())
                status = 0
            finally:
                os._exit(status)
        os.close(writable)

    def result(self) -> bytes:
        with os.fdopen(self.readable, "rb") as pipe:
            data = pipe.read()
        _, status = os.waitpid(self.pid, 0)
        self.pid = 0
        if status != 0:
            raise OutputError("M4B: the second AAC encoder stopped unexpectedly")
        return data

    def __enter__(self) -> _Forked:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.pid:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
            os.close(self.readable)


def _encode(narration: audio.Narration, dest: Path, kbps: int) -> None:
    """Encode the narration as AAC into ``dest``, chapters included; long audio is encoded in
    two parts at once (one in a forked process) and its packets joined at a pause."""
    cut = _split(narration)
    fmt, options = MUXER
    with (_Forked(partial(_tail_packets, narration, kbps, cut)) if cut
          else contextlib.nullcontext()) as tail, \
            av.open(str(dest), "w", format=fmt, options=options) as out:
        stream = out.add_stream("aac", rate=engine.SAMPLE_RATE, layout="mono",
                                options=AAC_OPTIONS)
        stream.bit_rate = kbps * 1000
        for packet in (p for frame in _decoded(narration, 0, cut) for p in stream.encode(frame)):
            if cut is None or packet.pts < cut:
                out.mux(packet)
        for pts, duration, data in pickle.loads(tail.result()) if tail else ():
            out.mux(_packet(stream, pts, duration, data))
        out.set_chapters(_chapters(narration.timeline))


def _packet(stream: av.AudioStream, pts: int, duration: int, data: bytes) -> av.Packet:
    packet = av.Packet(data)
    packet.pts = packet.dts = pts
    packet.duration, packet.time_base, packet.stream = duration, SAMPLE_TIME, stream
    return packet


def _tag(dest: Path, title: str, authors: Sequence[str], album: str, date: str | None,
         url: str) -> None:
    tags = {"\xa9nam": [title or "Untitled"], "\xa9ART": ["; ".join(authors)],
            "\xa9alb": [album], "\xa9day": [(date or "")[:10]], "\xa9cmt": [url],
            "stik": [AUDIOBOOK]}
    cover = audio.cover_art(title, authors, album)
    if cover:
        tags["covr"] = [MP4Cover(cover, imageformat=MP4Cover.FORMAT_JPEG)]
    mp4 = MP4(dest)
    if mp4.tags is None:
        mp4.add_tags()
    mp4.tags.update({key: value for key, value in tags.items() if value != [""]})
    mp4.save()


def _write(narration: audio.Narration, dest: Path, kbps: int) -> audio.Timeline:
    if not narration.segments:
        raise OutputError("nothing to speak: the document has no text")
    try:
        _encode(narration, dest, kbps)
    except (av.FFmpegError, OSError) as exc:
        raise OutputError(f"M4B: could not encode the audiobook ({exc})") from exc
    return narration.timeline


def write(doc: Document, dest: Path, options: WriteOptions, fmt: str = "m4b") -> audio.Timeline:
    """One article as an audiobook; returns the timeline its chapters were made from."""
    timeline = _write(audio.narrate(doc, options), dest, options.bitrate)
    meta = doc.meta
    _tag(dest, meta.title, meta.authors, meta.site_name, meta.published, meta.source_url)
    return timeline


def write_bundle(docs: Sequence[Document], dest: Path, options: WriteOptions,
                 fmt: str = "m4b") -> audio.Timeline:
    """Many articles as one audiobook, one chapter per article."""
    timeline = _write(audio.narrate_bundle(docs, options), dest, options.bitrate)
    album = options.bundle_title or "Articles"
    authors = list(dict.fromkeys(a for d in docs for a in d.meta.authors))
    dates = sorted(d.meta.published for d in docs if d.meta.published)
    _tag(dest, album, authors, album, dates[-1] if dates else None, "")
    return timeline
