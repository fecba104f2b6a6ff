"""Titles → file names that are safe on every OS and never climb out of the output folder;
any text → valid Unicode, so it can be written as UTF-8 to a name, the manifest, a tag or a page."""

from __future__ import annotations

import os
import re
import unicodedata

MAX_STEM = 80
_NOT_WORD = re.compile(r"[^\w]+")
_RESERVED = frozenset(
    ["con", "prn", "aux", "nul", "clock$"]
    + [f"{dev}{n}" for dev in ("com", "lpt") for n in range(10)]
)
LIBRARY_STEMS = frozenset({"index", "feed"})     # index.html and feed.xml of the output folder
BUNDLE_MARK = ".bundle"     # slugs never hold a dot, so a bundle never takes an article's name
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def slugify(title: str, fallback: str = "article") -> str:
    """Lower-case words joined by hyphens: accents folded, other scripts kept, ≤ 80 characters."""
    folded = unicodedata.normalize("NFKD", title)
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    slug = _NOT_WORD.sub("-", folded.replace("_", " ").lower()).strip("-")
    if len(slug) > MAX_STEM:
        cut = slug[:MAX_STEM + 1]
        slug = cut[:cut.rfind("-")] if "-" in cut[MAX_STEM // 2:] else slug[:MAX_STEM]
        slug = slug.strip("-")
    if not slug:
        return fallback
    if slug in _RESERVED or slug in LIBRARY_STEMS:
        slug = f"{slug}-{fallback}"
    return slug


def bundle_stem(title: str) -> str:
    """A bundle's file stem: its own space, apart from every article and library name."""
    return slugify(title, "articles") + BUNDLE_MARK


def with_suffix_number(stem: str, n: int) -> str:
    """``stem-n`` cut so the whole name still fits in MAX_STEM characters."""
    tail = f"-{n}"
    return stem[:MAX_STEM - len(tail)].rstrip("-") + tail


def valid_text(text: str) -> str:
    """``text`` with lone surrogates (undecodable file-name bytes, broken JSON escapes) as U+FFFD:
    one bad character must never stop the text being written as UTF-8."""
    return _LONE_SURROGATE.sub("\ufffd", text)


def valid_data(value: object) -> object:
    """``valid_text`` over every string of a JSON-like value, dictionary keys included."""
    if isinstance(value, str):
        return valid_text(value)
    if isinstance(value, dict):
        return {valid_text(str(k)): valid_data(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [valid_data(v) for v in value]
    return value


def path_text(path: str) -> str:
    """A path as valid Unicode that still tells undecodable names apart (bytes shown as \\xNN)."""
    try:
        return os.fsencode(path).decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:      # a lone surrogate that never came from the file system
        return valid_text(path)
