"""Cheap checks that a written file holds what its format promises, run before it is published:
an MP3 with tags but no audio frames, an M4B without chapters or an EPUB with no pages is never
renamed into place.

Each check reads only headers or a table of contents and returns a reason, or None when the file
looks right. Formats without a check here only have to be non-empty.
"""

from __future__ import annotations

import re
import wave
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from av.container import InputContainer

Check = Callable[[Path], str | None]
_ROOTFILE = re.compile(rb'full-path="([^"]+)"')
_ITEMREF = re.compile(rb"<(?:\w+:)?itemref\b")
M4B_PACKETS_DECODED = 8


def mp3_problem(path: Path) -> str | None:
    from mutagen import MutagenError
    from mutagen.mp3 import MP3

    try:
        length = MP3(path).info.length
    except (MutagenError, OSError):
        return "no MPEG audio frames"
    return None if length > 0 else "no audio"


def wav_problem(path: Path) -> str | None:
    try:
        with wave.open(str(path), "rb") as audio:
            return None if audio.getnframes() > 0 else "no audio"
    except (wave.Error, EOFError, OSError):
        return "not a WAV file"


def epub_problem(path: Path) -> str | None:
    try:
        with zipfile.ZipFile(path) as book:
            rootfile = _ROOTFILE.search(book.read("META-INF/container.xml"))
            opf = book.read(rootfile.group(1).decode()) if rootfile else b""
    except (zipfile.BadZipFile, KeyError, OSError, UnicodeDecodeError):
        return "not a readable EPUB"
    return None if _ITEMREF.search(opf) else "no pages"


def m4b_problem(path: Path) -> str | None:
    """An AAC stream whose first packets decode to sound, and the chapters every narration has
    (its first segment always opens one), read as FFmpeg, and so audiobook apps, see them."""
    import av

    try:
        with av.open(str(path)) as box:
            if not box.streams.audio or box.streams.audio[0].codec_context.name != "aac":
                return "no AAC audio stream"
            if not box.chapters():
                return "no chapters"
            return None if _decodes(box) else "no audio"
    except (av.FFmpegError, OSError, UnicodeDecodeError):
        return "not a readable M4B"


def _decodes(box: InputContainer, packets: int = M4B_PACKETS_DECODED) -> bool:
    """Whether the first ``packets`` AAC packets give decoded samples (the rest is the same
    encoder's output; decoding it all would cost a tenth of the encoding)."""
    stream = box.streams.audio[0]
    for count, packet in enumerate(box.demux(stream)):
        if any(frame.samples for frame in packet.decode()):
            return True
        if count >= packets:
            break
    return False


CHECKS: dict[str, Check] = {"mp3": mp3_problem, "wav": wav_problem, "epub": epub_problem,
                            "read-aloud": epub_problem, "m4b": m4b_problem}


def problem(fmt: str, path: Path) -> str | None:
    """Why the file written for format ``fmt`` must not be published, or None."""
    check = CHECKS.get(fmt)
    return check(path) if check else None
