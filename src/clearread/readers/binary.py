"""Is this text at all? Decided from the bytes, before any reader turns them into an "article".

A handful of magic numbers only catches the formats someone thought of; random bytes,
compressed or encrypted data and unknown formats slip through and come out as mojibake. Text has
tell-tale statistics instead: it decodes cleanly in some plausible encoding, holds almost no
control characters, and — when its encoding had to be guessed — is mostly letters. Binary data
fails at least one of these on any sizeable sample.

Only a few windows of the input are read (start, middle, end), so a 50 MB page costs the same
as a small one.
"""

from __future__ import annotations

from clearread.readers.decode import declared_codec

#: Signatures of common binary formats: refused at once, without statistics.
MAGIC = (b"%PDF", b"\x89PNG", b"PK\x03\x04", b"GIF8", b"\xff\xd8\xff", b"\x1f\x8b", b"\x7fELF",
         b"ID3", b"RIFF", b"OggS", b"fLaC", b"\xfd7zXZ", b"7z\xbc\xaf", b"\x28\xb5\x2f\xfd",
         b"SQLite format 3\x00", b"\xd0\xcf\x11\xe0", b"\x00asm", b"\xca\xfe\xba\xbe")
#: Bytes read from the start, and from the middle and the end of larger inputs.
HEAD_BYTES = 32 * 1024
TAIL_BYTES = 8 * 1024
#: Share of characters that may be control characters (other than tab, line and page breaks):
#: real text holds a stray one at most; random bytes hold about one in ten.
MAX_CONTROL_SHARE = 0.03
#: Share of undecodable sequences tolerated in text that is otherwise valid UTF-8 (a file
#: edited in two encodings); random bytes fail about half of their sequences.
MAX_INVALID_UTF8_SHARE = 0.01
#: A text whose encoding had to be guessed is a wrong guess (or no text) when fewer of its
#: visible characters than this are letters.
MIN_GUESSED_LETTER_SHARE = 0.5
_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v")


def windows(data: bytes, unit: int = 1) -> list[bytes]:
    """The parts of ``data`` that are inspected: its start, and for long inputs a slice of the
    middle and the end (binary formats often start with a readable header). Slices start on a
    multiple of ``unit`` bytes, so UTF-16 and UTF-32 code units stay whole."""
    if len(data) <= HEAD_BYTES + 2 * TAIL_BYTES:
        return [data]
    middle = len(data) // 2 // unit * unit
    end = (len(data) - TAIL_BYTES) // unit * unit
    return [data[:HEAD_BYTES], data[middle:middle + TAIL_BYTES], data[end:]]


def _control_share(text: str) -> float:
    controls = sum(1 for c in text if (c < " " or "\x7f" <= c <= "\x9f")
                   and c not in _ALLOWED_CONTROLS)
    return controls / max(len(text), 1)


def _letter_share(text: str) -> float:
    visible = [c for c in text if not c.isspace()]
    return sum(c.isalpha() for c in visible) / max(len(visible), 1)


def _as_utf8(window: bytes) -> str | None:
    """The window as UTF-8 when at most a few sequences are invalid (the edges of a window may
    cut a character in two), else None."""
    text = window.decode("utf-8", errors="replace")
    invalid = text.count("\ufffd") - window.count(b"\xef\xbf\xbd")
    return text if invalid <= 2 + MAX_INVALID_UTF8_SHARE * len(window) else None


def _guessed(window: bytes) -> str | None:
    """The window decoded in the legacy encoding a detector finds plausible, else None."""
    from charset_normalizer import from_bytes

    best = from_bytes(window).best()
    return None if best is None else str(best)


def window_is_text(window: bytes, codec: str | None) -> bool:
    """Whether one window reads as text in ``codec`` (or, when None, in UTF-8 or a guessed
    legacy encoding)."""
    if codec is not None:
        text = window.decode(codec, errors="replace")
        return _control_share(text) <= MAX_CONTROL_SHARE
    text = _as_utf8(window)
    if text is not None:
        return _control_share(text) <= MAX_CONTROL_SHARE
    text = _guessed(window)
    return (text is not None and _control_share(text) <= MAX_CONTROL_SHARE
            and _letter_share(text) >= MIN_GUESSED_LETTER_SHARE)


def looks_binary(data: bytes) -> bool:
    """True when ``data`` is not text in any plausible encoding (see the module docstring)."""
    if data.startswith(MAGIC):
        return True
    codec = declared_codec(data)
    unit = {"utf-16": 2, "utf-32": 4}.get((codec or "")[:6], 1)
    return not all(window_is_text(w, codec) for w in windows(data, unit))
