"""Bytes → text, choosing the charset the way browsers do (BOM, header, meta, sniffing).

Used for HTML and plain-text input alike.

Saved pages lie about their charset often enough (a UTF-8 file keeping an old ``latin-1`` meta
tag) that valid multi-byte UTF-8 wins over a declared single-byte charset: such byte runs
almost never occur by accident in windows-1252 text.
"""

from __future__ import annotations

import codecs
import re

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"),
         (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))
#: Labels that browsers read as windows-1252 (WHATWG encoding standard).
CP1252_LABELS = frozenset({"iso-8859-1", "iso8859-1", "latin-1", "latin1", "l1", "ascii",
                           "us-ascii", "windows-1252", "cp1252", "iso_8859-1", "x-cp1252"})
#: A meta tag may not switch to these: the bytes we are scanning are clearly ASCII-compatible.
META_IGNORED = frozenset({"utf-16", "utf-16le", "utf-16be", "utf-32", "utf-32le", "utf-32be"})
#: Detected encodings trusted over the windows-1252 default (distinct byte patterns, unlikely
#: to be guessed by accident); anything else undeclared and not UTF-8 is read as windows-1252.
TRUSTED_DETECTIONS = frozenset({
    "shift_jis", "cp932", "euc_jp", "euc_jis_2004", "euc_jisx0213", "iso2022_jp", "gb2312",
    "gbk", "gb18030", "big5",
    "big5hkscs", "euc_kr", "cp949", "cp1251", "koi8_r", "koi8_u", "cp1256", "cp1253", "cp1255",
    "iso8859_7", "iso8859_5", "tis_620", "cp874",
})
#: How much of the page to scan for ``<meta charset>`` (HTML says 1024 bytes; be generous).
META_SCAN_BYTES = 4096
#: UTF-16 without a byte-order mark: at least this share of one byte parity is NUL (its
#: ASCII-range characters), and almost none of the other.
UTF16_NUL_PARITY_SHARE = 0.4
UTF16_SAMPLE_BYTES = 32 * 1024
_META_CHARSET = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([a-zA-Z0-9_:.\-]+)""", re.IGNORECASE)
_XML_DECL = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([a-zA-Z0-9_.\-]+)""")


def normalise_label(label: str | None) -> str | None:
    """A Python codec name for a charset label, or None when the label is unknown."""
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    if label in CP1252_LABELS:
        return "cp1252"
    try:
        name = codecs.lookup(label).name
        b"a".decode(name, "replace")  # base64, rot13...: codecs, but not text encodings
    except LookupError:
        return None
    return name


def utf16_without_bom(data: bytes) -> str | None:
    """``"utf-16-le"`` or ``"utf-16-be"`` for UTF-16 text written without a byte-order mark,
    else None. Such bytes are valid UTF-8 too (NUL is a valid character), so this is checked
    before UTF-8."""
    sample = data[:UTF16_SAMPLE_BYTES]
    half = len(sample) // 2
    if half < 2 or b"\x00" not in sample:
        return None
    for parity, codec in ((1, "utf-16-le"), (0, "utf-16-be")):
        if sample[parity::2].count(0) >= UTF16_NUL_PARITY_SHARE * half \
                and sample[1 - parity::2].count(0) < 0.05 * half:
            return codec
    return None


def declared_codec(data: bytes) -> str | None:
    """The codec that a byte-order mark or a UTF-16 byte pattern fixes for the whole input."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    return utf16_without_bom(data)


def meta_charset(data: bytes) -> str | None:
    """The charset a page declares in its first bytes (``<meta>`` or XML declaration)."""
    head = data[:META_SCAN_BYTES]
    found = _XML_DECL.search(head) or _META_CHARSET.search(head)
    if not found:
        return None
    label = found.group(1).decode("ascii", "ignore").lower()
    return None if label in META_IGNORED else normalise_label(label)


def _is_multibyte_utf8(data: bytes) -> bool:
    if data.isascii():
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _detect(data: bytes) -> str:
    """Best guess for undeclared, non-UTF-8 bytes: a trusted detection, else windows-1252."""
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is not None and normalise_label(best.encoding) in {
            normalise_label(e) for e in TRUSTED_DETECTIONS}:
        return best.encoding
    return "cp1252"


def sniff_codec(data: bytes, declared: str | None = None) -> str:
    """The codec to read ``data`` with: BOM, declared or meta charset, UTF-8, then detection."""
    fixed = declared_codec(data)
    if fixed is not None:
        return fixed
    for encoding in (normalise_label(declared), meta_charset(data)):
        if encoding is None:
            continue
        single_byte = codecs.lookup(encoding).name not in {"utf-8", "utf-16", "utf-32"}
        return "utf-8" if single_byte and _is_multibyte_utf8(data) else encoding
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return _detect(data)
    return "utf-8"


def decode_bytes(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """The text and the codec used to read it."""
    if not declared and declared_codec(data) is None and meta_charset(data) is None:
        try:                                   # the common case, decoded once
            return data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            pass
    encoding = sniff_codec(data, declared)
    return data.decode(encoding, errors="replace"), encoding
