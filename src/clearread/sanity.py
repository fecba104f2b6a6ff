"""Cheap checks that a written file holds what its format promises, run before it is published:
an MP3 with tags but no audio frames or an EPUB with no pages is never renamed into place.

Each check reads only headers or a table of contents and returns a reason, or None when the file
looks right. Formats without a check here only have to be non-empty.
"""

from __future__ import annotations

import re
import wave
import zipfile
from collections.abc import Callable
from pathlib import Path

Check = Callable[[Path], str | None]
_ROOTFILE = re.compile(rb'full-path="([^"]+)"')
_ITEMREF = re.compile(rb"<(?:\w+:)?itemref\b")


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


CHECKS: dict[str, Check] = {"mp3": mp3_problem, "wav": wav_problem, "epub": epub_problem,
                            "read-aloud": epub_problem}


def problem(fmt: str, path: Path) -> str | None:
    """Why the file written for format ``fmt`` must not be published, or None."""
    check = CHECKS.get(fmt)
    return check(path) if check else None
