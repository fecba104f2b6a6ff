"""Is a plain text a copied web page (a page dump) or a document written as text?

A page dump is one line per page element: menus, "Share" and "Most Popular" lines, links and
short navigation labels around the article's prose. A document (an e-mail, a newsletter, a
licence, a chapter, a poem) is a title and paragraphs, often hard-wrapped at a fixed margin.
No single signal tells them apart, so the whole text is weighed: how many lines are chrome
(navigation vocabulary, links), how many sit in runs of short labels (menus), against a
consistent right margin and blank-line paragraphs. One pass over the lines, no per-line
regex backtracking, so a huge file costs linear time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from clearread.readers import vocabulary as rules

#: Thresholds of the page-dump decision (see ``is_document``).
SETTINGS = {
    # a line of at most this many words can be a navigation label or a menu entry
    "label_max_words": 6,
    # a menu is at least this many short label lines in a row, with no blank line between
    "menu_run_lines": 5,
    # a menu line has at most this many words and characters
    "menu_max_words": 4,
    "menu_max_chars": 40,
    # only this many leading characters of each line are looked at for navigation words
    "label_max_chars": 80,
    # weight of each piece of evidence in the dump score
    "navigation_weight": 3.0,
    "link_weight": 0.5,
    "menu_weight": 1.0,
    "paragraph_gap_credit": 0.3,
    "margin_credit": 0.3,
    # dump score (share of lines) above which the text is a page dump
    "dump_score": 0.1,
    # at least this many navigation and menu lines before a text can be a dump at all
    "min_dump_lines": 2,
    # a hard-wrapped text: most non-final paragraph lines end near one right margin
    "margin_min_lines": 2,
    "margin_min_width": 40,
    "margin_max_width": 100,
    # the margin is this percentile of those line lengths (ragged fills stay below it)
    "margin_percentile": 0.8,
    "margin_full_share": 0.6,
}

_LINK_LIKE = re.compile(r"https?://|www\.|^[@#]\w|\.(?:com|org|net|co\.uk|io)\b", re.IGNORECASE)
_TOKEN = re.compile(r"[\w'’-]+")
_SENTENCE_END = frozenset(".!?…:;。！？\"”’»)")
_LIST_MARKER = re.compile(r"^(?:[-*•+–]|\(?\w{1,3}[.)])\s")
_NAV_PHRASES = frozenset(rules.NAVIGATION_PHRASES)


@dataclass(frozen=True)
class Evidence:
    """What the decision reads, kept so tests and ``inspect`` can explain it."""

    lines: int
    navigation: int
    links: int
    menu: int
    paragraph_gaps: int
    wrapped: bool

    @property
    def score(self) -> float:
        """Share of lines that speak for a page dump, less credit for document structure."""
        if not self.lines:
            return 0.0
        s = SETTINGS
        dump = (s["navigation_weight"] * self.navigation + s["link_weight"] * self.links
                + s["menu_weight"] * self.menu)
        credit = s["paragraph_gap_credit"] * self.paragraph_gaps
        score = (dump - credit) / self.lines
        return score - (s["margin_credit"] if self.wrapped else 0.0)


def has_navigation(line: str) -> bool:
    """A navigation phrase ("Share", "Most popular", "Sign in"...) among the line's words."""
    tokens = _TOKEN.findall(line[: SETTINGS["label_max_chars"]].lower())
    for i, token in enumerate(tokens):
        for size in range(1, rules.NAVIGATION_STARTS.get(token, 0) + 1):
            if " ".join(tokens[i: i + size]) in _NAV_PHRASES:
                return True
    return False


def is_navigation(line: str, words: int) -> bool:
    """A short line holding a navigation label or a copyright sign."""
    return words <= SETTINGS["label_max_words"] and ("©" in line or has_navigation(line))


def is_link(line: str, words: int) -> bool:
    """A short line that is a web address or a handle (documents cite some; pages list many)."""
    return words <= SETTINGS["label_max_words"] and bool(_LINK_LIKE.search(line))


def is_label(raw: str, line: str, words: int) -> bool:
    """A menu-entry shape: a few words flush left, no sentence end, no list marker and no
    column gap (table rows and indented code are not menus)."""
    return (0 < words <= SETTINGS["menu_max_words"] and len(line) <= SETTINGS["menu_max_chars"]
            and line[-1] not in _SENTENCE_END and raw[0] not in " \t" and "  " not in line
            and not _LIST_MARKER.match(line))


def wrap_width(lengths: list[int], next_words: list[int]) -> int | None:
    """The right margin of a hard-wrapped text, or None when it is not wrapped: lines that go
    on in the next line mostly stop where the next word would pass one margin. ``lengths`` are
    the lengths of lines followed by another line; ``next_words`` the length of that line's
    first word."""
    if len(lengths) < SETTINGS["margin_min_lines"]:
        return None
    ordered = sorted(lengths)
    width = ordered[int(SETTINGS["margin_percentile"] * (len(ordered) - 1))]
    if not SETTINGS["margin_min_width"] <= width <= SETTINGS["margin_max_width"]:
        return None
    full = sum(1 for n, w in zip(lengths, next_words, strict=True) if n + 1 + w > width)
    return width if full >= SETTINGS["margin_full_share"] * len(lengths) else None


def _menu_lines_added(run: int) -> int:
    """Menu lines a label line adds: the whole run once it is long enough, then itself."""
    needed = SETTINGS["menu_run_lines"]
    return needed if run == needed else int(run > needed)


def evidence(text: str) -> Evidence:
    """One pass over the lines: counts of navigation, link, menu-run lines and blank-line
    gaps, and the lengths of lines that a next line continues (for the margin test)."""
    lines = navigation = links = menu = gaps = run = 0
    continued: list[int] = []
    next_words: list[int] = []
    previous: str | None = None
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            gaps += previous is not None and lines > 0
            run, previous = 0, None
            continue
        words = len(line.split())
        lines += 1
        navigation += is_navigation(line, words)
        links += is_link(line, words)
        if previous is not None:
            continued.append(len(previous))
            next_words.append(len(line.split(maxsplit=1)[0]))
        run = run + 1 if is_label(raw, line, words) else 0
        menu += _menu_lines_added(run)
        previous = raw.rstrip()
    wrapped = wrap_width(continued, next_words) is not None
    return Evidence(lines, navigation, links, menu, gaps, wrapped)


def is_document(text: str) -> bool:
    """True for a document (title and paragraphs), False for a page dump full of chrome."""
    found = evidence(text)
    if found.navigation + found.menu < SETTINGS["min_dump_lines"]:
        return True
    return found.score <= SETTINGS["dump_score"]
