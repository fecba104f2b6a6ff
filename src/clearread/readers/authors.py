"""Author names from byline text: names only, never dates, roles, handles or outlets.

A byline as pages write it ("By JANE DOE, AP Staff Writer • 8h", "Amy Kuperinsky | NJ Advance
Media", "Jane Doe, MA") is cut where its names end, split where each part is a name, and every
part is checked to look like a person's (or a news agency's) name. Kept apart from the HTML
reader so the text reader can read its bylines the same way.

Policy: a comma separates two authors only when both sides are names of two or more words
("Lisa Mascaro, Mary Clare Jalonick"); a one-word part after a comma is an outlet, place or
degree and is dropped ("Sandee LaMotte, CNN"), except that "Smith, John" stays one author as
written. Staff, desks, bureaus, "Admin" and user handles are not authors.
"""

from __future__ import annotations

import re

from clearread.readers.html import settings as S

_SPACES = re.compile(r"\s+")
_SURROGATES = re.compile(r"[\ud800-\udfff]")
_EDGE_PUNCTUATION = " ,.:;-–—'\"“”‘’*"


def clean_text(text: str | None) -> str:
    """Single-spaced text with lone surrogates (from JSON ``"\\ud800"``) made U+FFFD, so every
    title and name is valid Unicode."""
    return _SURROGATES.sub("\ufffd", _SPACES.sub(" ", text or "")).strip()


def name_key(name: str) -> str:
    """Comparison form of a name: lower-case words only."""
    return " ".join(re.findall(r"\w+", name.casefold()))


def is_agency(name: str) -> bool:
    return name_key(name) in S.NEWS_AGENCIES


def byline_names(raw: str) -> list[str]:
    """The names in one byline string, in order, each at most once."""
    text = clean_text(raw)
    text = S.BYLINE_PREFIX.sub("", text, count=1)
    end = S.BYLINE_END.search(text)
    if end:
        text = text[:end.start()]
    names: list[str] = []
    for group in S.NAME_SPLIT.split(text):
        names.extend(_comma_names(group))
    return list({name_key(n): n for n in reversed(names)}.values())[::-1]


def _comma_names(group: str) -> list[str]:
    """Names in a comma-separated group: the first part, and later parts only when they are
    names of two or more words (not an outlet, place or degree)."""
    parts = [p.strip() for p in group.split(",")]
    if len(parts) == 2 and all(len(p.split()) == 1 for p in parts) and not _is_degree(parts[1]):
        whole = _name(group)
        return [whole] if whole else []
    names = []
    for i, part in enumerate(parts):
        name = _name(part)
        if name and (i == 0 or len(name.split()) > 1):
            names.append(name)
    return names


def _name(part: str) -> str:
    """``part`` as a person's (or agency's) name, or "" when it is not one."""
    end = S.NAME_END.search(part)
    part = _strip_agency_suffix(part[:end.start()] if end else part).strip(_EDGE_PUNCTUATION)
    if S.NOT_A_PERSON.search(part):
        return ""
    words = [w for w in part.split() if any(c.isalpha() for c in w)]  # no emoji or dashes
    while words and (_is_degree(words[-1]) or words[-1].strip(".,").lower() in S.DATE_WORDS):
        words.pop()
    name = " ".join(words).strip(_EDGE_PUNCTUATION)
    return normal_case(name) if looks_like_name(name) else ""


def _strip_agency_suffix(part: str) -> str:
    """ "Eric Tucker Associated Press" → "Eric Tucker" (the agency is credited separately)."""
    lowered = part.casefold()
    for agency in S.NEWS_AGENCIES:
        rest = part[:-len(agency)]
        if lowered.endswith(" " + agency) and len(agency) > 3 and len(rest.split()) > 1:
            return rest
    return part


def _is_degree(word: str) -> bool:
    """A degree token ("MA", "PhD", "M.D."), not a name that happens to spell one ("Ma")."""
    bare = word.replace(".", "").strip(",")
    return bare.lower() in S.DEGREES and bare != bare.capitalize()


def looks_like_name(name: str) -> bool:
    """A few capitalised words (particles like "van" allowed), no digits or symbols; a single
    all-capitals word only when it is a news agency ("PTI", not "IGN")."""
    words = name.split()
    if not 0 < len(words) <= S.NAME_MAX_WORDS or not all(map(_name_word, words)):
        return False
    if not any(_capital_or_uncased(w) for w in words):
        return False
    return not (len(words) == 1 and name.isupper() and not is_agency(name))


def _name_word(word: str) -> bool:
    core = word.strip(".,'’")
    if not core or any(not (c.isalpha() or c in ".-'’\ufffd") for c in core):
        return False
    return _capital_or_uncased(core) or core.lower() in S.NAME_PARTICLES


def _capital_or_uncased(word: str) -> bool:
    first = word[0]
    return first.isupper() or (first.isalpha() and not first.islower())


def normal_case(name: str) -> str:
    """Names set in capitals ("JANIE HAR") in title case; agencies and mixed case as written."""
    letters = [c for c in name if c.isalpha()]
    if len(name.split()) < 2 or not all(c.isupper() for c in letters if c.isupper() or c.islower()):
        return name
    if is_agency(name):
        return name
    return " ".join(w.title() if w.isupper() else w for w in name.split())
