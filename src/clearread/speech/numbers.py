"""Numbers as words, per language, through num2words (cached: articles repeat their numbers).

English choices, for the record: cardinals keep num2words' British "and" ("one thousand two
hundred and fifty") but drop its commas, which would put pauses inside a number; years in
2000–2009 lose the "and" ("two thousand five"), as people say them.
"""

from __future__ import annotations

from functools import lru_cache

from num2words import num2words

SUPPORTED = frozenset({"en", "fr", "de", "es"})


def _lang(language: str) -> str:
    return language if language in SUPPORTED else "en"


@lru_cache(maxsize=8192)
def cardinal(number: int, language: str = "en") -> str:
    """``1250`` → ``"one thousand two hundred and fifty"``."""
    return num2words(number, lang=_lang(language)).replace(",", "")


@lru_cache(maxsize=1024)
def ordinal(number: int, language: str = "en") -> str:
    """``12`` → ``"twelfth"``; ``3`` in German → ``"dritte"``."""
    return num2words(number, lang=_lang(language), to="ordinal").replace(",", "")


@lru_cache(maxsize=1024)
def year(number: int, language: str = "en") -> str:
    """``1998`` → ``"nineteen ninety-eight"``, ``1908`` → ``"nineteen oh eight"``."""
    words = num2words(number, lang=_lang(language), to="year").replace(",", "")
    if _lang(language) == "en":
        words = words.replace("thousand and ", "thousand ").replace("oh-", "oh ")
    return words


def digits(text: str, language: str = "en") -> str:
    """``"0207"`` → ``"zero two zero seven"``: for codes and phone numbers."""
    return " ".join(cardinal(int(d), language) for d in text if d.isdigit())


def decimal(whole: str, fraction: str, language: str, point: str) -> str:
    """``("3", "14")`` → ``"three point one four"``: the fraction is read digit by digit."""
    return f"{cardinal(int(whole or '0'), language)} {point} {digits(fraction, language)}"
