"""M4B audiobook: the MP3 writer's narration as AAC in MP4, with chapters, tags and cover art.

The speech is the shared narration (made once per article, see ``audio.narrate``), so the
audiobook says exactly what the MP3 says and its chapters start at the same measured times.
PyAV (FFmpeg's libraries, shipped in its wheels) decodes it, encodes AAC and muxes the MP4 with
chapter marks (a chapter track and a Nero ``chpl`` box, which audiobook players read); mutagen
adds the iTunes tags and cover, which FFmpeg's muxer takes only as a video stream.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from pathlib import Path

import av
from mutagen.mp4 import MP4, MP4Cover

from clearread.errors import OutputError
from clearread.model import Document
from clearread.speech import engine
from clearread.writers import WriteOptions, audio

# FFmpeg's fast AAC coder: about a third of the default's time, and clean for speech
AAC_OPTIONS = {"aac_coder": "fast"}
MUXER = ("ipod", {"brand": "M4B "})    # the brand audiobook apps look for
AUDIOBOOK = 2                          # iTunes media kind (stik)
SAMPLE_TIME = Fraction(1, engine.SAMPLE_RATE)


def _chapters(timeline: audio.Timeline) -> list[dict]:
    return [{"id": i + 1, "start": round(ch.start * engine.SAMPLE_RATE),
             "end": round(ch.end * engine.SAMPLE_RATE), "time_base": SAMPLE_TIME,
             "metadata": {"title": ch.title}}
            for i, ch in enumerate(timeline.chapters)]


def _encode(narration: audio.Narration, dest: Path, kbps: int) -> None:
    """Decode the narration's MP3 and encode it as AAC into ``dest``, chapters included."""
    narration.mp3.seek(0)
    fmt, options = MUXER
    with av.open(narration.mp3, "r", format="mp3") as source, \
            av.open(str(dest), "w", format=fmt, options=options) as out:
        stream = out.add_stream("aac", rate=engine.SAMPLE_RATE, layout="mono",
                                options=AAC_OPTIONS)
        stream.bit_rate = kbps * 1000
        for frame in source.decode(audio=0):
            frame.pts = None
            out.mux(stream.encode(frame))
        out.mux(stream.encode(None))
        out.set_chapters(_chapters(narration.timeline))


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
