"""Titles → file names that are safe on every OS and never climb out of the output folder."""

from __future__ import annotations

import re
import unicodedata

MAX_STEM = 80
_NOT_WORD = re.compile(r"[^\w]+")
_RESERVED = frozenset(
    ["con", "prn", "aux", "nul", "clock$"]
    + [f"{dev}{n}" for dev in ("com", "lpt") for n in range(10)]
)


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
    if slug.split(".")[0] in _RESERVED:
        slug = f"{slug}-{fallback}"
    return slug


def with_suffix_number(stem: str, n: int) -> str:
    """``stem-n`` cut so the whole name still fits in MAX_STEM characters."""
    tail = f"-{n}"
    return stem[:MAX_STEM - len(tail)].rstrip("-") + tail
