"""Typesetting for visual outputs: plain-keyboard punctuation → the characters print uses.

The model keeps the text as the page gave it; speech treats the same marks as pauses.
"""

from __future__ import annotations

import re

_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(?<=\S) ?--- ?(?=\S)"), "\u2014"),          # em dash
    (re.compile(r"(?<=\S) -- (?=\S)"), " \u2013 "),           # spaced en dash
    (re.compile(r"(?<=\S)--(?=\S)"), "\u2014"),              # closed em dash
    (re.compile(r"(?<=\d)-(?=\d)(?!\d*-\d)"), "\u2013"),     # ranges: 1990-1995
    (re.compile(r"\.\.\.(?!\.)"), "\u2026"),                  # ellipsis
)


def typeset(text: str) -> str:
    for pattern, replacement in _RULES:
        text = pattern.sub(replacement, text)
    return text
