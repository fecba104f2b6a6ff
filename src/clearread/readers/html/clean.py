"""Post-extraction filters on the mapped blocks: what trafilatura keeps but a reader does not
want to hear twice — the headline, dek and byline repeated at the top of the body, repeated
blocks, share/subscribe/related chrome, captions repeated as text.

Every filter returns what it dropped as a ``Removal`` so ``inspect --show-removed`` can explain
the result; rules are data in ``html.settings``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from clearread.model import (
    Block,
    Break,
    Figure,
    Heading,
    LineBreak,
    Link,
    List,
    ListItem,
    Paragraph,
    Quote,
    Removal,
    Text,
    count_words,
    plain_text,
    walk,
)
from clearread.readers.html import settings as S
from clearread.readers.html.meta import split_authors

_WORD = re.compile(r"\w+")
_NAME_WORD = re.compile(r"^(\w[\w.'’-]*|and|&|,)$")
_SAMPLE_CHARS = 200


def key(text: str) -> str:
    """Comparison form of a text: lower-case words only (punctuation and spacing ignored)."""
    return " ".join(_WORD.findall(text.lower()))


@dataclass
class Cleaned:
    blocks: list[Block]
    removed: list[Removal] = field(default_factory=list)
    byline_authors: list[str] = field(default_factory=list)
    section: str = ""

    def drop(self, rule: str, block: Block) -> None:
        self.note(rule, _sample(block))

    def note(self, rule: str, text: str) -> None:
        """Record a removal (at most MAX_REMOVED_SAMPLES, each shortened to a sample)."""
        if len(self.removed) < S.MAX_REMOVED_SAMPLES:
            self.removed.append(Removal(rule, text[:_SAMPLE_CHARS]))


def _sample(block: Block) -> str:
    """What a dropped block said; for a picture without a caption, its description or URL."""
    text = plain_text(block).strip()
    if not text and isinstance(block, Figure):
        return block.alt or block.src
    return text


def is_byline(text: str, authors: tuple[str, ...]) -> bool:
    """``By Jane Smith and Joe Bloggs`` or a line that is just the known author names."""
    k = key(text)
    if not k or count_words(text) > S.SHORT_LINE_WORDS:
        return False
    names = {key(a) for a in authors}
    if k in names or k.removeprefix("by ") in names:
        return True
    if not S.BYLINE.match(text):
        return False
    rest = re.sub(r"^\s*\w+\s+", "", text).split("|")[0]
    tokens = rest.replace(",", " , ").split()
    capitals = [t for t in tokens if t[:1].isupper()]
    return bool(tokens) and all(_NAME_WORD.match(t) for t in tokens) and len(capitals) >= max(
        1, len([t for t in tokens if t not in {"and", "&", ","}]) - 1)


def _head_rule(block: Block, titles: set[str], deks: set[str], authors: tuple[str, ...]
               ) -> str | None:
    if not isinstance(block, Heading | Paragraph):
        return None
    text = plain_text(block)
    k = key(text)
    if not k:
        return None
    if k in titles:
        return "title"
    if k in deks:
        return "dek"
    if is_byline(text, authors):
        return "byline"
    if count_words(text) <= S.SHORT_LINE_WORDS and S.DATELINE.match(text.strip()):
        return "dateline"
    return None


def _is_kicker(block: Block) -> bool:
    """A section label opening the body ("Culture", "World news"): a few words, no sentence."""
    if not isinstance(block, Paragraph):
        return False
    text = plain_text(block).strip()
    return (0 < count_words(text) <= S.KICKER_MAX_WORDS and text[-1:].isalpha()
            and not any(c.isdigit() for c in text))


def is_logo(figure: Figure, logos: set[str]) -> bool:
    """A site's logo or an icon: named so, or found so on the page (class, tiny size)."""
    name = figure.src.split("?")[0].rstrip("/").rsplit("/", 1)[-1]
    return (figure.src in logos or S.LOGO_NAMES.search(name) is not None
            or S.LOGO_ALT.search(figure.alt) is not None)


def clean_head(state: Cleaned, titles: tuple[str, ...], deks: tuple[str, ...],
               authors: tuple[str, ...], logos: set[str] = frozenset()) -> None:
    """Drop the site logo, headline, dek, byline and dateline before the article's text."""
    title_keys = {key(t) for t in titles} - {""}
    dek_keys = {key(d) for d in deks} - {""}
    kept: list[Block] = []
    zone = S.HEAD_ZONE_BLOCKS
    for i, block in enumerate(state.blocks):
        rule = _head_rule(block, title_keys, dek_keys, authors) if i < zone else None
        if rule is None and i == 0 and _is_kicker(block):
            rule, state.section = "section", plain_text(block).strip()
        if rule is None and i < zone and isinstance(block, Figure | Break):
            zone += 1  # a lead image or rule does not use up the head zone
            if isinstance(block, Figure) and is_logo(block, logos):
                rule = "logo"
        if rule:
            state.drop(rule, block)
            if rule == "byline":
                state.byline_authors.extend(split_authors(plain_text(block).split("|")[0]))
        else:
            prose = 2 * S.SHORT_LINE_WORDS
            if isinstance(block, Paragraph) and count_words(plain_text(block)) > prose:
                zone = min(zone, i)  # the article's prose has started
            kept.append(block)
    state.blocks = kept


def squash(text: str) -> str:
    """Letters and digits only: captions glued together on the page ("…nation.LessU.S.…")
    still compare equal to their separate texts."""
    return "".join(_WORD.findall(text.lower()))


def _caption_of(text: str, captions: dict[str, str]) -> str | None:
    """The caption a paragraph repeats (whole, as a fragment, or as several captions' pieces
    run together), else None."""
    if count_words(text) < S.CAPTION_MIN_WORDS:
        return None
    padded = f" {key(text)} "
    found = next((full for ck, full in captions.items() if padded in f" {ck} "), None)
    return found if found is not None else _made_of_captions(text, captions)


def _made_of_captions(text: str, captions: dict[str, str]) -> str | None:
    """The first caption of those a paragraph is pieced together from, else None."""
    rest, found = squash(text), None
    for ck, full in captions.items():          # longest first
        piece = ck.replace(" ", "")
        if piece in rest:
            found = found or full
            rest = rest.replace(piece, "")
    return found if len(rest) <= S.CAPTION_LEFTOVER_CHARS else None


def line_rule(text: str) -> str | None:
    """The chrome or notice rule a line of text matches (share, credit, copyright...), if any."""
    if S.BARE_URL.match(text):
        return "url"
    count = count_words(text)
    if count <= S.SHORT_LINE_WORDS:
        rule = next((name for name, rx in S.CHROME_RULES if rx.match(text)), None)
        if rule is not None:
            return rule
    if count <= S.NOTICE_MAX_WORDS:
        return next((name for name, rx in S.NOTICE_RULES if rx.search(text)), None)
    return None


def is_link_box(block: Paragraph) -> bool:
    """Links to other stories, one a line, perhaps under a short label: not article text."""
    nodes = list(walk(block))
    links = [n for n in nodes if isinstance(n, Link)]
    if len(links) < S.LINK_BOX_MIN_LINKS:
        return False
    if sum(isinstance(n, LineBreak) for n in nodes) < len(links) - 1:
        return False
    linked = sum(count_words(plain_text(link)) for link in links)
    return linked >= S.LINK_BOX_MIN_LINK_SHARE * max(count_words(plain_text(block)), 1)


def _caption_keys(state: Cleaned, caption_texts: set[str]) -> dict[str, str]:
    """Every caption by its comparison form, longest first."""
    texts = caption_texts | {plain_text(b.caption) for b in state.blocks if isinstance(b, Figure)}
    captions = {key(t): t for t in sorted(texts, key=len, reverse=True)}
    captions.pop("", None)
    return captions


def clean_body(state: Cleaned, authors: tuple[str, ...], caption_texts: set[str]) -> None:
    """Drop chrome and notice lines, repeated blocks, bylines and captions repeated as
    paragraphs (in lists and quotes too); a caption that follows an uncaptioned figure becomes
    that figure's caption, and a caption that is only a credit is dropped."""
    seen: set[str] = set()
    captions = _caption_keys(state, caption_texts)
    kept: list[Block] = []
    for block in state.blocks:
        rule = None
        if isinstance(block, Heading | Paragraph):
            text = plain_text(block)
            k = key(text)
            if k and k in seen and count_words(text) >= S.REPEAT_MIN_WORDS:
                rule = "repeated"
            else:
                rule = line_rule(text)
                if rule is None and isinstance(block, Paragraph) and is_link_box(block):
                    rule = "link-box"
                if rule is None and count_words(text) <= S.SHORT_LINE_WORDS and is_byline(
                        text, authors) and S.BYLINE.match(text):
                    rule = "byline"
            caption = _caption_of(text, captions) if rule is None and isinstance(
                block, Paragraph) else None
            if caption is not None:
                rule = "caption-repeat"
                last = kept[-1] if kept else None
                if isinstance(last, Figure) and not last.caption:
                    kept[-1] = replace(last, caption=(Text(caption),))
            seen.add(k)
        elif isinstance(block, Figure | List | Quote):
            block = _clean_inside(state, block, captions)
        if rule:
            state.drop(rule, block)
        elif block is not None:
            kept.append(block)
    state.blocks = _tidy_breaks(kept)


def _clean_inside(state: Cleaned, block: Block, captions: dict[str, str]) -> Block | None:
    """A figure, list or quote without its credit-only caption and its chrome, notice and
    caption lines; None when nothing is left."""
    if isinstance(block, Figure):
        block = _without_credit(state, block)
        rule = line_rule(plain_text(block.caption)) if block.caption else None
        if rule in S.CAPTION_ONLY_RULES:
            state.drop(rule, block)
            return replace(block, caption=())
        return block
    if isinstance(block, Quote):
        inner = _clean_blocks_inside(state, block.blocks, captions)
        return Quote(inner) if inner else None
    if isinstance(block, List):
        items = tuple(ListItem(inner) for item in block.items
                      if (inner := _clean_blocks_inside(state, item.blocks, captions)))
        return replace(block, items=items) if items else None
    return block


def _without_credit(state: Cleaned, figure: Figure) -> Figure:
    """The figure with a photo credit cut from the end of its caption (a caption made of plain
    text only; formatted captions are left as they are)."""
    if not figure.caption or not all(isinstance(n, Text) for n in figure.caption):
        return figure
    caption = plain_text(figure.caption)
    credit = S.CAPTION_CREDIT_TAIL.search(caption)
    if credit is None or credit.start() == 0:
        return figure
    state.note("credit", credit.group().strip())
    return replace(figure, caption=(Text(caption[:credit.start()].rstrip()),))


def _clean_blocks_inside(state: Cleaned, blocks: tuple[Block, ...], captions: dict[str, str]
                         ) -> tuple[Block, ...]:
    kept: list[Block] = []
    for block in blocks:
        rule = None
        if isinstance(block, Paragraph):
            text = plain_text(block)
            rule = line_rule(text) or ("caption-repeat" if _caption_of(text, captions)
                                       else None)
        elif isinstance(block, Figure | List | Quote):
            block = _clean_inside(state, block, captions)
        if rule:
            state.drop(rule, block)
        elif block is not None:
            kept.append(block)
    return tuple(kept)


def _tidy_breaks(blocks: list[Block]) -> list[Block]:
    """No thematic break at either end or twice in a row (left behind by removed blocks)."""
    out: list[Block] = []
    for block in blocks:
        if isinstance(block, Break) and (not out or isinstance(out[-1], Break)):
            continue
        out.append(block)
    while out and isinstance(out[-1], Break):
        out.pop()
    return out


def clean_blocks(blocks: list[Block], titles: tuple[str, ...], deks: tuple[str, ...],
                 authors: tuple[str, ...], caption_texts: set[str] = frozenset(),
                 logos: set[str] = frozenset()) -> Cleaned:
    """Head filters, then body filters; ``titles``/``deks`` are every known form of each."""
    state = Cleaned(list(blocks))
    clean_head(state, titles, deks, authors, logos)
    clean_body(state, authors, set(caption_texts))
    return state
