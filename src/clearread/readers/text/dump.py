"""Scraped plain text (a whole web page copied as text) → Document.

A copied page is site chrome (menus, share buttons, "Most Popular" lists, repeated author bios,
legal lines) around one run of article prose. No single signal separates them, so each line gets
a few cheap, site-independent features (length, sentence shape, share of function words,
repetition, link-likeness, navigation vocabulary from ``vocabulary``); the article core is the
maximum-scoring contiguous run of lines; the title, dek, byline and date are looked for just
before it. Every dropped line is recorded in ``meta.removed`` with the rule that dropped it.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from clearread.errors import NoArticleError
from clearread.model import (
    CHARS_PER_WORD,
    UNSPACED,
    Document,
    Heading,
    Metadata,
    Paragraph,
    Removal,
    Text,
    calendar_date,
)
from clearread.readers import vocabulary as rules
from clearread.readers.language import detect_language
from clearread.readers.text.document import is_document, read_document

_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_KEY_JUNK = re.compile(r"[\W_]+")
_SENTENCE_END = re.compile(r"[.!?…:;。！？][\"”’»)\]」』]*$|[\"”»」』]$")
# Lower-cased text; no branch opens with a look-behind or ``\b``, which keeps the scan fast.
_LINK_LIKE = re.compile(
    r"://|www\.|\.(?:com|org|net|co\.uk|de|fr|es|io)\b|^[@#]\w|\s[|•·]\s.*\s[|•·]\s"
)
_NUMBER = re.compile(r"(?<!\w)[-+$€£]?\d[\d.,:%]*")
_LIST_NUMBER = re.compile(r"(\d{1,3})(?:[.)]\s*|\s+)(?=\S)")  # "1. ", "2) ", "3 "
_LABEL = re.compile(r"^([\w ]{1,20}):\s")  # "Photo: ...", "Related: ..."
_TOKEN = re.compile(r"[\w'’-]+")
_NAV_PHRASES = frozenset(rules.NAVIGATION_PHRASES)
_FOOTER_RULES = frozenset({"navigation", "copyright"})  # chrome rules that mark a footer break


_BYLINE = re.compile(
    r"^(?:" + "|".join(re.escape(p) for p in rules.BYLINE_PREFIXES) + r")\s*:?\s+(?P<names>.+)$",
    re.IGNORECASE,
)
_NAME_SPLIT = re.compile(
    r"\s*(?:,|;|\s(?:" + "|".join(re.escape(j) for j in rules.NAME_JOINERS) + r")\s)\s*",
    re.IGNORECASE,
)
_NAME_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
_NAME_PARTICLES = frozenset({"van", "von", "de", "der", "den", "da", "di", "du", "la", "le",
                             "del", "bin", "al", "ter", "dos"})
_MONTH = "|".join(sorted((re.escape(m) for m in rules.MONTHS), key=len, reverse=True))
_DATE_PATTERNS = (
    re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})\b"),
    re.compile(rf"\b(?P<mn>{_MONTH})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})\b",
               re.IGNORECASE),
    re.compile(rf"\b(?P<d>\d{{1,2}})(?:\.|er|º)?\s+(?:de\s+)?(?P<mn>{_MONTH})\.?,?\s+(?:de\s+)?"
               rf"(?P<y>\d{{4}})\b", re.IGNORECASE),
    re.compile(r"\b(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})(?!\d)"),
)


@dataclass
class _Line:
    """One non-empty line and the features every rule reads."""

    text: str
    first_word: str
    n: int  # length in words (unspaced scripts: characters / CHARS_PER_WORD)
    caseless: bool  # written mostly in a script without letter case (no capitals to read)
    key: int  # hash of the normalised text (0 when empty): repeats found without copies
    stop_ratio: float
    lower_ratio: float
    sentence_end: bool
    notice: str | None  # "credit" (photo credit) or "copyright" (legal notice), if it is one
    link_like: bool  # holds a URL, a domain, a handle or " | "-separated items
    repeated: bool = False
    chrome: str | None = None  # name of the chrome rule it matches, if any
    prose: bool = False
    short_sentence: bool = False
    list_item: bool = False  # one of a run of lines numbered 1, 2, 3... (a ranking, a list)
    list_gap: bool = False  # a line between two such items (a link under each)


def _features(text: str) -> _Line:
    words = _WORD.findall(text)
    lowered = text.lower()
    initials = "".join([w[0] for w in words])
    n = max(len(words), 1)
    unspaced = 0 if text.isascii() else len(UNSPACED.findall(text))
    return _Line(
        text=text,
        first_word=words[0] if words else "",
        n=max(len(words), round(unspaced / CHARS_PER_WORD)),
        caseless=initials.upper() == initials.lower() or unspaced >= len(text) / 2,
        key=hash(key) if (key := _KEY_JUNK.sub(" ", lowered).strip()) else 0,
        stop_ratio=sum(map(rules.STOPWORDS.__contains__, lowered.split())) / n,
        lower_ratio=sum(map(str.islower, initials)) / n,
        sentence_end=_SENTENCE_END.search(text[-4:]) is not None,
        notice=_notice(lowered),
        link_like=_LINK_LIKE.search(lowered) is not None,
    )


def _notice(lowered: str) -> str | None:
    """A photo credit (or a caption carrying one) or a copyright notice: a listener would hear
    them before the article."""
    if not any(hint in lowered for hint in rules.NOTICE_HINTS):
        return None
    if (rules.CREDIT.search(lowered[-rules.CREDIT_TAIL_CHARS :])
            or rules.CAPTION_START.match(lowered)):
        return "credit"
    return "copyright" if rules.COPYRIGHT.search(lowered) else None


def _navigation(line: _Line) -> bool:
    """A short line holding navigation vocabulary, or a longer one dense with it."""
    if line.n > rules.NAV_MAX_WORDS:
        return False
    label = _LABEL.match(line.text)
    if label and label.group(1).lower() in _NAV_PHRASES:
        return True
    matched = _navigation_words(_TOKEN.findall(line.text.lower()))
    if not matched or len(_NUMBER.findall(line.text)) >= rules.DATA_ROW_MIN_NUMBERS:
        return False
    return line.n <= 6 or matched / line.n >= 0.2


def _navigation_words(tokens: list[str]) -> int:
    """How many tokens belong to navigation phrases (longest phrase first)."""
    i = matched = 0
    while i < len(tokens):
        size = min(rules.NAVIGATION_STARTS.get(tokens[i], 0), len(tokens) - i)
        while size and " ".join(tokens[i : i + size]) not in _NAV_PHRASES:
            size -= 1
        matched += size
        i += size or 1
    return matched


def _chrome_rule(line: _Line) -> str | None:
    if line.notice == "credit" or (line.notice and line.n <= rules.NAV_MAX_WORDS):
        return line.notice
    if line.link_like and line.n <= rules.NAV_MAX_WORDS:
        return "link-like"
    if _navigation(line):
        return "navigation"
    return None


def _sentence_shaped(line: _Line) -> bool:
    if line.caseless:
        return True
    if line.lower_ratio >= rules.PROSE_LOWER_RATIO_ALONE:
        return True
    return (line.stop_ratio >= rules.PROSE_MIN_STOPWORD_RATIO
            and line.lower_ratio >= rules.PROSE_MIN_LOWER_RATIO)


def _mark_sentence(line: _Line) -> None:
    if not _sentence_shaped(line):
        return
    long_enough = line.n >= 2 * rules.PROSE_MIN_WORDS
    if long_enough or (line.n >= rules.PROSE_MIN_WORDS and line.sentence_end):
        line.prose = True
    elif line.n >= rules.SHORT_SENTENCE_MIN_WORDS and line.sentence_end:
        line.short_sentence = True


def _classify(lines: list[_Line]) -> None:
    """Chrome rules and sentence shape per line. Of a repeated sentence only the extra copies
    are chrome (a paragraph printed twice keeps one copy); a repeated short line is chrome
    throughout."""
    counts = Counter(line.key for line in lines if line.key)
    seen: set[int] = set()
    for line in lines:
        line.repeated = counts[line.key] > 1
        line.chrome = _chrome_rule(line)
        if not line.chrome:
            _mark_sentence(line)
        if line.repeated and (line.key in seen or not (line.prose or line.short_sentence)):
            line.chrome, line.prose, line.short_sentence = "repeated", False, False
        seen.add(line.key)
    _mark_numbered_lists(lines)


def _mark_numbered_lists(lines: list[_Line]) -> None:
    """Lines opening with consecutive numbers are a ranking or a numbered list: article content,
    though not sentences. Up to LIST_MAX_GAP other lines may sit between two items."""
    run: list[int] = []
    number = 0
    for i, line in enumerate(lines):
        match = _LIST_NUMBER.match(line.text)
        if match is None:
            if run and i - run[-1] > rules.LIST_MAX_GAP:
                _close_list(lines, run)
                run = []
            continue
        follows = run and i - run[-1] <= rules.LIST_MAX_GAP + 1
        if not (follows and int(match.group(1)) == number + 1):
            _close_list(lines, run)
            run = []
        run.append(i)
        number = int(match.group(1))
    _close_list(lines, run)


def _close_list(lines: list[_Line], run: list[int]) -> None:
    """Mark a finished run of numbered lines as a list, unless it is too short or sits under a
    navigation heading ("Most Popular", "Trending"): such a list is site chrome."""
    if len(run) < rules.LIST_MIN_ITEMS or (run[0] and lines[run[0] - 1].chrome == "navigation"):
        return
    for i in range(run[0], run[-1] + 1):
        lines[i].list_gap = True
    for i in run:
        lines[i].list_item, lines[i].list_gap = True, False


def _sentence(line: _Line) -> bool:
    return line.prose or line.short_sentence


def _content(line: _Line) -> bool:
    """A line the body keeps as a paragraph: a sentence or a numbered-list item."""
    return _sentence(line) or line.list_item


def _weight(line: _Line, count_repeats: bool) -> float:
    if line.repeated and _sentence(line) and not count_repeats:
        return -rules.CHROME_COST
    if line.prose:
        return min(line.n, rules.PROSE_WEIGHT_CAP)
    if line.short_sentence:
        return line.n / 2
    if line.list_item and not line.chrome:
        return rules.LIST_ITEM_WEIGHT
    if line.list_gap:
        return 0.0
    if line.chrome:
        return -rules.CHROME_COST
    return -rules.SHORT_LINE_COST


def _best_run(weights: list[float]) -> tuple[int, int] | None:
    """The maximum-sum contiguous run of weights, inclusive bounds (None when all are negative)."""
    best, best_span = 0.0, None
    total, start = 0.0, 0
    for i, weight in enumerate(weights):
        if total <= 0:
            total, start = 0.0, i
        total += weight
        if total > best:
            best, best_span = total, (start, i)
    return best_span


def _core(lines: list[_Line]) -> tuple[int, int] | None:
    """The article core. A repeated paragraph first counts as chrome (an author bio printed above
    and below the article); when no core with prose is left (every paragraph printed twice), its
    first copy counts as prose. Failing both, the longest run of sentences: a text with prose
    never ends without an article."""
    for count_repeats in (False, True):
        span = _best_run([_weight(line, count_repeats) for line in lines])
        if span and any(line.prose for line in lines[span[0] : span[1] + 1]):
            return _drop_edge_notices(lines, *_trim_tail(lines, *span))
    return _best_run([line.n if _sentence(line) else -math.inf for line in lines])


def _drop_edge_notices(lines: list[_Line], start: int, end: int) -> tuple[int, int]:
    """Move the core's edges inward past credits and copyright notices of any length (and the
    short lines between them), so the article neither opens nor ends with legal text."""
    def keeps(line: _Line) -> bool:
        return _content(line) and not line.notice

    if not any(keeps(line) for line in lines[start : end + 1]):
        return start, end
    while not keeps(lines[start]):
        start += 1
    while not keeps(lines[end]):
        end -= 1
    return start, end


def _trim_tail(lines: list[_Line], start: int, end: int) -> tuple[int, int]:
    """Cut the core at a footer break when the prose after it is small next to the prose before
    it: form notices, bios and legal text after "Leave a reply" or "Related" outweigh a few
    chrome lines, but not the article. A break opening a comment section cuts however long the
    comments run, once the article before it has some length."""
    words_after = sum(line.n for line in lines[start : end + 1] if line.prose)
    words_before = 0
    i = start
    while i <= end:
        run_end = i
        while run_end <= end and not _content(lines[run_end]):
            run_end += 1
        run = lines[i:run_end]
        if _footer_break(run) and (
                words_after < rules.FOOTER_TAIL_RATIO * words_before
                or (words_before >= rules.COMMENTS_MIN_ARTICLE_WORDS and _opens_comments(run))):
            return start, i - 1
        if run_end == i:
            line = lines[i]
            words_before += line.n if line.prose else 0
            words_after -= line.n if line.prose else 0
            i += 1
        else:
            i = run_end
    return start, end


def _footer_break(run: list[_Line]) -> bool:
    """A run of non-content lines that ends an article: several chrome lines holding navigation
    words, or an "About <author>" heading over a bio."""
    if len(run) >= rules.FOOTER_BREAK_LINES and any(line.chrome in _FOOTER_RULES for line in run):
        return True
    return any(_author_box(line) for line in run)


def _author_box(line: _Line) -> bool:
    words = line.text.split(maxsplit=1)
    return (len(words) == 2 and words[0].lower() in rules.AUTHOR_BOX_WORDS
            and _is_name(words[1]))


def _opens_comments(run: list[_Line]) -> bool:
    return any(not rules.COMMENT_WORDS.isdisjoint(_TOKEN.findall(line.text.lower()))
               for line in run)


# --- header: title, dek, byline, date, section ---------------------------------------------------


def _starts_capitalised(line: _Line) -> bool:
    return bool(line.first_word) and line.first_word[0].isupper()


def _headline_score(line: _Line) -> float:
    """How much a line looks like a headline (0 = not at all)."""
    if line.chrome not in (None, "repeated"):
        return 0.0
    if not rules.HEADLINE_MIN_WORDS <= line.n <= rules.HEADLINE_MAX_WORDS:
        return 0.0
    if line.text.endswith((".", ":", ";", ",")) or _BYLINE.match(line.text) or _dateline(line):
        return 0.0
    if not (_starts_capitalised(line) or line.caseless or line.text[0].isdigit()):
        return 0.0
    score = 1.0 + min(line.n, 12) / 12
    if not line.repeated:
        score += 1.0
    return score


def _is_name(text: str) -> bool:
    parts = text.split()
    if not 2 <= len(parts) <= 4:
        return False
    capitalised = [p for p in parts if p.lower() not in _NAME_PARTICLES]
    return len(capitalised) >= 2 and all(
        p[0].isupper() and _NAME_WORD.fullmatch(p)
        and (p.lower() not in rules.STOPWORDS or p.lower() in rules.NAME_LIKE_STOPWORDS)
        for p in capitalised
    )


def _byline_names(line: _Line) -> tuple[str, ...]:
    match = _BYLINE.match(line.text)
    if not match:
        return ()
    names = re.split(r"\s[|–—-]\s|\s{2,}", match.group("names"))[0]
    found = tuple(n.strip(" .") for n in _NAME_SPLIT.split(names) if _is_name(n.strip(" .")))
    return found


def _date(text: str) -> str | None:
    for pattern in _DATE_PATTERNS:
        match = pattern.search(text)
        if not match:
            continue
        groups = match.groupdict()
        month = int(groups["m"]) if groups.get("m") else rules.MONTHS.get(groups["mn"].lower())
        if month and (day := calendar_date(int(groups["y"]), month, int(groups["d"]))):
            return day
    return None


def _dateline(line: _Line) -> bool:
    """A line stating when the article was posted or updated."""
    first = line.first_word.lower()
    return first in rules.DATELINE_WORDS or _date(line.text) is not None


@dataclass
class _Header:
    title: str = ""
    subtitle: str = ""
    section: str = ""
    authors: tuple[str, ...] = ()
    published: str | None = None
    roles: dict[int, str] | None = None  # line index → rule that consumed it


def _find_header(lines: list[_Line], start: int) -> _Header:
    header = _Header(roles={})
    roles = header.roles
    window = range(max(0, start - rules.HEADER_WINDOW), start)
    scored = [(i, _headline_score(lines[i])) for i in window]
    scored = [(i, s - 0.1 * (start - i)) for i, s in scored if s > 0]
    if scored:
        t = max(scored, key=lambda item: item[1])[0]
        header.title = lines[t].text
        roles[t] = "title"
        _find_section(lines, t, header)
        first_after_title = t + 1
    else:
        first_after_title = window.start
    for i in range(first_after_title, start):
        line = lines[i]
        names = _byline_names(line) or (
            (line.text,) if header.title and line.chrome in (None, "repeated")
            and _is_name(line.text) else ())
        if names and not header.authors:
            header.authors, roles[i] = names, "byline"
        elif header.published is None and line.n <= 15 and (date := _date(line.text)):
            header.published, roles[i] = date, "date"
        elif (not header.subtitle and not line.chrome and not line.repeated and header.title
              and line.n >= rules.SHORT_SENTENCE_MIN_WORDS and _sentence_shaped(line)):
            header.subtitle, roles[i] = line.text, "subtitle"
    return header


def _body_start(lines: list[_Line], start: int, end: int) -> int:
    """Where the body begins: the first prose line, unless a byline or date line follows it
    closely — then that first line was the dek and the body starts after the byline."""
    first = next((i for i in range(start, end + 1) if lines[i].prose), start)
    body = first
    for j in range(first + 1, min(end, first + rules.DEK_BYLINE_GAP) + 1):
        line = lines[j]
        if line.prose:
            break
        if not line.chrome and (_byline_names(line) or _is_name(line.text) or _dateline(line)):
            body = j + 1
    return body


def _find_section(lines: list[_Line], title: int, header: _Header) -> None:
    """A short capitalised line (kicker) shortly before the title names the section."""
    for i in range(title - 1, max(-1, title - 4), -1):
        line = lines[i]
        if line.chrome:
            continue
        plain_words = not any(c.isdigit() for c in line.text)
        if 1 <= line.n <= 3 and plain_words and _starts_capitalised(line) and not line.sentence_end:
            header.section = line.text
            header.roles[i] = "section"
        return


def _authors_elsewhere(lines: list[_Line], header: _Header) -> tuple[str, ...]:
    """A name-shaped line whose name opens another line (an author bio) is the author."""
    openings = {" ".join(line.text.split()[:k]) for line in lines if line.n > 4 for k in (2, 3, 4)}
    for i, line in enumerate(lines):
        if line.text in openings and not line.chrome and _is_name(line.text):
            header.roles.setdefault(i, "byline")
            return (line.text,)
    return ()


# --- body ----------------------------------------------------------------------------------------


def _is_subheading(lines: list[_Line], i: int, start: int, end: int) -> bool:
    line = lines[i]
    if not 1 <= line.n <= rules.SUBHEADING_MAX_WORDS or line.sentence_end or line.chrome:
        return False
    if not (_starts_capitalised(line) or line.caseless):
        return False
    prev_prose = i > start and (lines[i - 1].prose or lines[i - 1].short_sentence)
    next_prose = i < end and lines[i + 1].prose
    return prev_prose and next_prose


def _body(lines: list[_Line], start: int, end: int, roles: dict[int, str]) -> list[Any]:
    blocks: list[Any] = []
    for i in range(start, end + 1):
        line = lines[i]
        if i in roles:
            continue
        if line.chrome:
            roles[i] = line.chrome
        elif _content(line):
            blocks.append(Paragraph((Text(line.text),)))
        elif _is_subheading(lines, i, start, end):
            blocks.append(Heading(2, (Text(line.text),)))
        else:
            roles[i] = "short-line"
    return blocks


# --- entry point ---------------------------------------------------------------------------------


def _outside_rule(line: _Line) -> str:
    """The rule recorded for a line dropped without a header or body role."""
    return line.chrome or line.notice or ("repeated" if line.repeated else "outside-body")


def read_text(text: str, source: str) -> Document:
    """The article in a scraped plain-text page; raises NoArticleError when there is no prose."""
    if is_document(text):
        return read_document(text, source)
    lines = [_features(raw.strip()) for raw in text.splitlines() if raw.strip()]
    _classify(lines)
    span = _core(lines)
    if span is None:
        raise NoArticleError(source)
    start, end = span
    header = _find_header(lines, _body_start(lines, start, end))
    roles = header.roles or {}
    authors = header.authors or _authors_elsewhere(lines, header)
    blocks = _body(lines, start, end, roles)
    if not blocks:
        raise NoArticleError(source)
    removed = tuple(
        Removal(roles.get(i) or _outside_rule(line), line.text)
        for i, line in enumerate(lines)
        if i in roles or not start <= i <= end
    )
    body_text = "\n".join(b.children[0].text for b in blocks if isinstance(b, Paragraph))
    meta = Metadata(
        title=header.title,
        subtitle=header.subtitle,
        authors=authors,
        published=header.published,
        section=header.section,
        language=detect_language(body_text),
        removed=removed,
    )
    return Document(meta=meta, blocks=tuple(blocks))
