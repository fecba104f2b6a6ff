"""Numbers as words, per language, through num2words (cached: articles repeat their numbers)."""

from __future__ import annotations

from functools import lru_cache

from num2words import num2words

SUPPORTED = frozenset({"en", "fr", "de", "es"})


@lru_cache(maxsize=4096)
def cardinal(number: int, language: str = "en") -> str:
    """``1250`` → ``"one thousand two hundred and fifty"`` (num2words' commas dropped)."""
    lang = language if language in SUPPORTED else "en"
    return num2words(number, lang=lang).replace(",", "")
