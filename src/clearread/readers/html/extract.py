"""Article extraction chosen per page by evidence, not by one trafilatura mode.

Precision mode is right on most pages but sometimes keeps only part of a long article (text
split over several same-class containers around adverts, or paragraphs in unusual markup). So
the page's own text is measured — where its unlinked prose lives, outside chrome — and only
when the precision output is far shorter than that measure are trafilatura's own fallback
extractors run, and if it is still short, second extractions (balanced mode, and precision mode
on the text containers alone). One replaces the first only when it is
clearly longer, still holds the first's text, adds mostly the measured text and is not mostly
links. Most pages cost one extraction plus one cheap pass over the tree's text.

Text is measured in characters (stripped runs), not words: cheap, and the same for languages
written without spaces. trafilatura copies the tree it is given, so all runs share one parse.
"""

from __future__ import annotations

import re
from collections import Counter
from copy import deepcopy
from dataclasses import dataclass
from functools import cached_property

from lxml import html as lxml_html
from lxml.etree import _Element

from clearread.readers.html import settings as S

_WORD = re.compile(r"\w+")
Shingle = tuple[str, ...]


@dataclass(frozen=True)
class MainText:
    """The page's measured main text: its largest text container and that container's
    same-class twins (one article split into parts), in page order."""

    containers: tuple[_Element, ...]
    chars: int

    def shingles(self) -> frozenset[Shingle]:
        """The containers' word 4-grams (only wanted on pages that get a second extraction)."""
        return shingles(" ".join(" ".join(el.itertext()) for el in self.containers))


@dataclass(frozen=True)
class Candidate:
    """One extraction's kept body and the measures the choice compares."""

    body: _Element
    chars: int
    linked: int

    @cached_property
    def shingles(self) -> frozenset[Shingle]:
        """Word 4-grams, made only on the few pages where extractions are compared."""
        return shingles(" ".join(self.body.itertext()))


def shingles(text: str) -> frozenset[Shingle]:
    """Word 4-grams of a text: what two extractions share, whatever their markup."""
    tokens = _WORD.findall(text.lower())
    return frozenset(tuple(tokens[i:i + 4]) for i in range(len(tokens) - 3))


def _block_of(element: _Element, memo: dict[_Element, tuple[_Element, bool]]
              ) -> tuple[_Element, bool]:
    """The text container of an element's text (inline tags and paragraphs fold into the
    block around them) and whether that text sits inside a link."""
    if element in memo:
        return memo[element]
    tag = element.tag if isinstance(element.tag, str) else ""
    parent = element.getparent()
    if parent is not None and (tag in S.INLINE_TAGS or tag in S.PARAGRAPH_TAGS):
        container, linked = _block_of(parent, memo)
        result = (container, linked or tag == "a")
    else:
        result = (element, False)
    memo[element] = result
    return result


def text_containers(tree: _Element) -> Counter[_Element]:
    """Characters of unlinked visible text per text container, in one pass over the body."""
    mass: Counter[_Element] = Counter()
    memo: dict[_Element, tuple[_Element, bool]] = {}

    def add(owner: _Element, chars: int) -> None:
        container, linked = _block_of(owner, memo)
        if not linked:
            mass[container] += chars

    body = next(tree.iter("body"), tree)
    for el in body.iter():
        text, tail = (el.text or "").strip(), (el.tail or "").strip()
        if text and isinstance(el.tag, str) and el.tag not in S.NON_TEXT_TAGS:
            add(el, len(text))
        if tail and el is not body:
            add(el.getparent(), len(tail))
    return mass


def in_chrome(element: _Element) -> bool:
    """Whether an element sits in page chrome (aside, footer, comments, related stories...):
    such text is never the article, however long."""
    lineage = (element, *element.iterancestors())
    return any(el.tag in S.NOT_MAIN_TEXT_TAGS or S.NOT_MAIN_TEXT_NAMES.search(
        f"{el.get('class', '')} {el.get('id', '')}") for el in lineage)


def _twins(largest: _Element, mass: Counter[_Element]) -> tuple[_Element, ...]:
    """The largest container and, near it, the containers of the same tag and class, in page
    order (``mass`` counts containers in the order their text first appears)."""
    scope = largest
    for _ in range(S.TWIN_SCOPE_LEVELS):
        scope = scope.getparent() if scope.getparent() is not None else scope
    signature = (largest.tag, largest.get("class"))
    return tuple(el for el, chars in mass.items() if el is largest or (
        signature[1] and (el.tag, el.get("class")) == signature and chars >= S.TWIN_MIN_CHARS
        and any(up is scope for up in el.iterancestors()) and not in_chrome(el)))


def main_text(tree: _Element) -> MainText | None:
    """The largest text container outside chrome, with its twins; None for a textless page."""
    mass = text_containers(tree)
    largest = next((el for el, _ in mass.most_common(S.LARGEST_CANDIDATES)
                    if not in_chrome(el)), None)
    if largest is None:
        return None
    parts = _twins(largest, mass)
    return MainText(parts, sum(mass[el] for el in parts))


def measure(body: _Element | None) -> Candidate | None:
    """An extraction's body with its sizes (None for no extraction)."""
    if body is None:
        return None
    text = " ".join(body.itertext())
    linked = sum(len(" ".join(ref.itertext()).strip()) for ref in body.iter("ref"))
    return Candidate(body, len(text.strip()), linked)


def run_trafilatura(tree: _Element, options: dict[str, object]) -> Candidate | None:
    """One trafilatura extraction of ``tree``, measured."""
    import trafilatura

    result = trafilatura.bare_extraction(tree, **options)
    return measure(result.body if result is not None else None)


def container_page(parts: tuple[_Element, ...]) -> _Element:
    """A page holding only the text containers, as one ``<article>``: their own classes are
    dropped so trafilatura takes them all rather than the first that looks like an article body."""
    page = lxml_html.fromstring("<html><body><article></article></body></html>")
    article = next(page.iter("article"))
    for part in parts:
        copied = deepcopy(part)
        copied.attrib.clear()
        copied.tail = None
        article.append(copied)
    return page


def looks_truncated(first: Candidate | None, measured: MainText | None) -> bool:
    """Whether the first extraction kept far less unlinked text than the page's main text."""
    if measured is None or measured.chars < S.CHECK_MIN_CHARS:
        return first is None
    kept = first.chars - first.linked if first is not None else 0
    return kept < S.TRUNCATED_SHARE * measured.chars


def acceptable(candidate: Candidate | None, first: Candidate | None,
               main: frozenset[Shingle]) -> bool:
    """A second extraction may replace the first only when clearly longer, mostly prose,
    holding most of the first's text (the same article, not another region of the page), and
    when what it adds is mostly the measured main text (not chrome around the article)."""
    if candidate is None or candidate.chars == 0:
        return False
    if candidate.linked > S.ACCEPT_MAX_LINK_SHARE * candidate.chars:
        return False
    kept = first.shingles if first is not None else frozenset()
    if first is not None and candidate.chars < S.ACCEPT_GAIN * first.chars:
        return False
    if len(kept & candidate.shingles) < S.ACCEPT_OVERLAP * len(kept):
        return False
    added = candidate.shingles - kept
    return len(added & main) >= S.ACCEPT_ADDED_FROM_MAIN * len(added)


def second_extractions(tree: _Element, measured: MainText | None) -> list[Candidate | None]:
    """The alternatives to precision mode: balanced mode on the page, and precision mode on
    the measured text containers alone."""
    seconds = [run_trafilatura(tree, S.SECOND_OPTIONS)]
    if measured is not None:
        seconds.append(run_trafilatura(container_page(measured.containers),
                                       S.TRAFILATURA_OPTIONS))
    return seconds


def extract_body(tree: _Element) -> _Element | None:
    """The article body in trafilatura's XML (``<p>``, ``<head>``, ``<list>``...) for
    ``map_body``, or None when no extraction finds one. Fast precision mode first; its
    fallback extractors when that looks truncated; the second extractions if it still does."""
    first = run_trafilatura(tree, S.TRAFILATURA_OPTIONS)
    measured = main_text(tree)
    if not looks_truncated(first, measured):
        return first.body if first is not None else None
    first = run_trafilatura(tree, S.FALLBACK_OPTIONS) or first
    if not looks_truncated(first, measured):
        return first.body
    main = measured.shingles() if measured is not None else frozenset()
    accepted = [c for c in second_extractions(tree, measured) if acceptable(c, first, main)]
    best = max(accepted, key=lambda c: c.chars - c.linked, default=first)
    return best.body if best is not None else None
