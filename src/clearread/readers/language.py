"""The language of an article's text, for readers whose source does not say.

Function words settle most articles in the languages with word lists (a tenth of the
classifier's time); py3langid decides the rest.
"""

from __future__ import annotations

import re
from functools import cache
from types import ModuleType

from clearread.readers import vocabulary as rules

_TOKEN = re.compile(r"[\w'’-]+")


@cache
def _language_identifier() -> ModuleType:
    """py3langid's model takes most of a second to load: load it once, on first use."""
    import py3langid

    return py3langid


def function_word_language(sample: str) -> str:
    """The language whose function words clearly dominate the sample, else ""."""
    tokens = _TOKEN.findall(sample.lower())
    hits = sorted(((sum(map(words.__contains__, tokens)), lang)
                   for lang, words in rules.FUNCTION_WORDS.items()), reverse=True)
    (best, lang), (second, _) = hits[0], hits[1]
    if best >= rules.LANGUAGE_MIN_HITS and best >= rules.LANGUAGE_LEAD * second:
        return lang
    return ""


def detect_language(text: str) -> str:
    """A language code ("en", "fr", ...) for ``text``, or "" when there is no text."""
    sample = text[: rules.LANGUAGE_SAMPLE_CHARS]
    if not sample.strip():
        return ""
    return function_word_language(sample) or str(_language_identifier().classify(sample)[0])
