"""Readers: any source (file path, URL, ``-`` for stdin) → one raw Document (the pipeline's
read step then cleans it, whichever reader made it).

The kind of input is sniffed from its content, not trusted from its file extension: a saved page
named ``.txt`` is still HTML, and a text dump named ``.html`` is still text.
"""

from __future__ import annotations

import functools
import re
import sys
from pathlib import Path

from clearread.errors import InputError
from clearread.model import Document
from clearread.readers.binary import looks_binary
from clearread.readers.decode import declared_codec

MAX_INPUT_BYTES = 64 * 1024 * 1024
_HTML_SNIFF = re.compile(
    rb"^\s*(<!doctype\s+html|<html|<head|<body|<\?xml[^>]*>\s*<(!doctype\s+)?html)"
    rb"|<(html|head|body|article|main|div|p|h[1-6]|section|meta|title)[\s>]",
    re.IGNORECASE,
)


def is_url(source: str) -> bool:
    return re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", source) is not None


@functools.cache
def stdin_bytes() -> bytes:
    """Standard input, read once and bounded (one byte past the limit, so the size check can
    tell): it cannot be read twice, so every use of ``-`` in a run shares this one read."""
    return sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)


def load(source: str) -> tuple[bytes, str | None, str | None]:
    """Raw bytes of a source, its declared charset if any, and its URL if it came from the web."""
    if source == "-":
        return stdin_bytes(), None, None
    if is_url(source):
        from clearread.readers.fetch import fetch

        page = fetch(source)
        return page.body, page.charset, page.url
    path = Path(source)
    if not path.exists():
        raise InputError(source, "no such file")
    if path.is_dir():
        raise InputError(source, "is a folder, not a file")
    try:
        with path.open("rb") as fh:
            return fh.read(MAX_INPUT_BYTES + 1), None, None
    except OSError as exc:
        raise InputError(source, f"cannot read ({exc.strerror})") from exc


def sniff(data: bytes) -> str:
    """``"html"`` or ``"text"``, decided from the first few kilobytes of content."""
    head = data[:4096]
    codec = declared_codec(data)
    if codec is not None and codec.startswith(("utf-16", "utf-32")):
        head = head.decode(codec, errors="ignore").encode("utf-8")
    return "html" if _HTML_SNIFF.search(head) else "text"


def check_bytes(source: str, data: bytes) -> None:
    if len(data) > MAX_INPUT_BYTES:
        raise InputError(source, f"larger than {MAX_INPUT_BYTES // (1024 * 1024)} MB")
    if not data or data.isspace():
        raise InputError(source, "empty input")
    if looks_binary(data):
        raise InputError(source, "binary file, not an HTML page or text")


def local_folder(source: str) -> Path | None:
    """The folder of a page read from disk, where its saved pictures may sit."""
    if source == "-" or is_url(source) or not Path(source).is_file():
        return None
    return Path(source).parent


def read_bytes(data: bytes, source: str, kind: str = "auto", charset: str | None = None,
               url: str | None = None) -> Document:
    """The article as its reader built it; raises InputError with a clear reason."""
    check_bytes(source, data)
    if kind == "auto":
        kind = sniff(data)
    if kind == "html":
        from clearread.readers.html import read_html

        return read_html(data, source, charset=charset, url=url, folder=local_folder(source))
    if kind == "text":
        from clearread.readers.decode import decode_bytes
        from clearread.readers.text import read_text

        text, _ = decode_bytes(data, charset)
        return read_text(text, source)
    raise InputError(source, f"unknown input kind {kind!r} (use auto, html or text)")
