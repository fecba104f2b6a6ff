"""Pronunciation lexicons: the listener's own fixes for words the engine says wrong.

A lexicon maps a written word to what is said instead, either plain words (``"Kyiv" = "keev"``)
or espeak-ng phonemes in double brackets (``"Kyiv" = "[[k'i:v]]"``). It is applied to the
normalised text, so it is the very last change before the engine and what
``inspect --to speech`` shows. Rules:

- whole words only: ``"Kyiv"`` never touches "Kyivan"; an entry may hold several words;
- an entry written all in lower case matches any capitalisation ("gif" → gif, Gif, GIF); an
  entry with a capital letter matches that spelling only ("US" never changes "us");
- longer entries win over shorter ones ("New York" before "New");
- entries see the normalised text: "2" is already "two" when the lexicon runs.

A user file is TOML with one table per language (``[en]``, ``[fr]`` …) and an optional ``[all]``
table for every language; its entries win over a voice profile's ``[pronunciations]``.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from clearread.errors import ClearreadError
from clearread.speech.tables import base_language

ANY_LANGUAGE = "all"
_PHONEMES = re.compile(r"\[\[[^\[\]]+\]\]")
_BAD_SPOKEN = re.compile(r"[\[\]]")


@dataclass(frozen=True)
class Lexicon:
    """Entries per language (``ANY_LANGUAGE`` for all of them), in the order they were given."""

    entries: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = ()

    def for_language(self, language: str) -> tuple[tuple[str, str], ...]:
        lang = base_language(language)
        tables = dict(self.entries)
        return (*tables.get(ANY_LANGUAGE, ()), *tables.get(lang, ()))


class LexiconError(ClearreadError):
    """A lexicon file that cannot be used: the message names the file and the entry."""


def _check_entry(source: str, lang: str, word: object, spoken: object) -> tuple[str, str]:
    if not isinstance(spoken, str) or not spoken.strip():
        raise LexiconError(f"{source}: [{lang}] {word!r} needs a non-empty string")
    word = str(word).strip()
    if not word or not re.search(r"\w", word):
        raise LexiconError(f"{source}: [{lang}] has an entry without a word")
    if _BAD_SPOKEN.search(_PHONEMES.sub("", spoken)):
        raise LexiconError(f"{source}: [{lang}] {word!r}: phonemes go inside [[ and ]]")
    return word, spoken.strip()


def parse(text: str, source: str = "lexicon") -> Lexicon:
    """A lexicon from TOML text; any problem is one ``LexiconError`` line."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise LexiconError(f"{source}: not valid TOML ({exc})") from None
    tables = []
    for lang, table in data.items():
        if not isinstance(table, dict):
            raise LexiconError(f"{source}: {lang!r} must be a table like [en], [fr] or [all]")
        key = lang if lang == ANY_LANGUAGE else base_language(lang)
        tables.append((key, tuple(_check_entry(source, lang, w, s) for w, s in table.items())))
    return Lexicon(tuple(tables))


def load(path: Path | str) -> Lexicon:
    """A lexicon file; a missing or unreadable file is a ``LexiconError`` too."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise LexiconError(f"lexicon {path}: {getattr(exc, 'strerror', None) or exc}") from None
    return parse(text, f"lexicon {path.name}")


class Pronouncer:
    """One compiled pass replacing every entry (later entries override earlier ones)."""

    def __init__(self, entries: Iterable[tuple[str, str]]) -> None:
        exact: dict[str, str] = {}
        folded: dict[str, str] = {}
        for word, spoken in entries:
            if word == word.lower():
                folded[word] = spoken
                exact.pop(word, None)
            else:
                exact[word] = spoken
        self.exact, self.folded = exact, folded
        words = sorted({*exact, *(w for w in folded)}, key=len, reverse=True)
        body = "|".join(re.escape(w) for w in words)
        self.pattern = re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE) if words else None

    def _spoken(self, m: re.Match[str]) -> str:
        found = m.group(0)
        if found in self.exact:
            return self.exact[found]
        return self.folded.get(found.lower(), found)

    def __call__(self, text: str) -> str:
        return self.pattern.sub(self._spoken, text) if self.pattern else text


def pronouncer(profile_entries: Iterable[tuple[str, str]], user: Lexicon | None,
               language: str) -> Pronouncer:
    """The voice profile's pronunciations, then the user's for ``language`` (the user wins)."""
    return Pronouncer([*profile_entries, *(user.for_language(language) if user else ())])
