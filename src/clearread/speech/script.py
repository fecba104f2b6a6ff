"""Document → speech script: the ordered segments an engine speaks, with pauses and chapters.

The script is the one place that decides *what* is heard (titles announced, lists counted,
quotes marked, tables read row by row); the engine only decides *how* it sounds. Segments stay
short (≤ ``MAX_CHARS``) because the engine synthesises one segment at a time, and chapter marks
sit on the first segment of each top-level section so audio players can jump between them.

Prose is spoken one sentence a segment, and every segment carries a ``ref`` naming the piece of
the document it reads (``b3-1s2``: block 3, its child 1, sentence 2; ``t`` the title), so a
writer that shows the text (the read-aloud EPUB) can point at exactly what is being said.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Final

from clearread.model import (
    BLOCK_KINDS,
    Block,
    Break,
    Dispatch,
    Document,
    Figure,
    Heading,
    List,
    ListItem,
    Paragraph,
    Preformatted,
    Quote,
    Table,
    plain_text,
)
from clearread.speech.normalise import normalise
from clearread.speech.numbers import cardinal
from clearread.speech.tables import base_language, phrases

__all__ = ["MAX_CHARS", "PAUSES", "Segment", "normalise", "preview", "script", "sentences"]

MAX_CHARS: Final = 400
"""Longest segment the script emits (the engine chunks by segment)."""

PAUSES: Final[dict[str, int]] = {
    "title": 1200,      # after the article title: listeners asked for a clear gap
    "meta": 500,        # after byline, date, site
    "sentence": 400,    # between chunks of one long paragraph
    "paragraph": 500,
    "item": 300,        # between list items and table rows
    "heading": 1000,    # before and after a section heading
    "chapter": 2000,    # before a top-level section heading (a new chapter)
    "break": 1500,      # a thematic break
}


@dataclass(frozen=True)
class Segment:
    """One utterance: normalised plain text, then ``pause_ms`` of silence."""

    text: str
    pause_ms: int
    block: int | None
    chapter: str | None
    voice: str = "narrator"
    ref: str | None = None


_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]*\s+")
_SENTENCE_GAP = re.compile(r"(?<=[.!?])([\"'’”)\]]*)\s+(?=[\"'‘“(\[]?[^\s\w]*\w)")
#: Words whose full stop does not end a sentence (titles, "e.g."), besides initials ("J.")
#: and dotted abbreviations ("p.m.").
ABBREVIATIONS: Final = frozenset({"mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "vs", "no",
                                  "fig", "mt", "gen", "col", "lt", "sgt", "rev", "approx"})
_LAST_WORD = re.compile(r"([\w.]+)\.$")


def _abbreviation(word: str) -> bool:
    word = word.rstrip(".")
    return word.casefold() in ABBREVIATIONS or len(word) == 1 or "." in word


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    part = text[start:end]
    return start + len(part) - len(part.lstrip()), end - len(part) + len(part.rstrip())


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of ``text``, surrounding spaces left out; a full stop
    after an abbreviation or an initial does not end one."""
    spans, start = [], 0
    for gap in _SENTENCE_GAP.finditer(text):
        word = _LAST_WORD.search(text, start, gap.start())
        if word and _abbreviation(word.group(1)):
            continue
        spans.append((start, gap.end(1)))
        start = gap.end()
    spans.append((start, len(text)))
    return [_trim(text, a, b) for a, b in spans if text[a:b].strip()]


_CLAUSE_END = re.compile(r"(?<=[,;:])\s+")


def split_text(text: str, limit: int = MAX_CHARS) -> list[str]:
    """Split at sentence ends (then clause ends, then spaces) into pieces of ≤ ``limit`` chars."""
    if len(text) <= limit:
        return [text] if text else []
    pieces: list[str] = []
    for sentence in _SENTENCE_END.split(text):
        if len(sentence) > limit:
            pieces.extend(_pack(_CLAUSE_END.split(sentence), limit, hard=True))
        else:
            pieces.append(sentence)
    return _pack(pieces, limit)


def _pack(parts: Iterable[str], limit: int, hard: bool = False) -> list[str]:
    out: list[str] = []
    for part in parts:
        part = part.strip()
        if not part:
            continue
        if hard and len(part) > limit:
            out.extend(_pack(part.split(" "), limit))
        elif out and len(out[-1]) + 1 + len(part) <= limit:
            out[-1] = f"{out[-1]} {part}"
        else:
            out.append(part)
    return out


class _Scripter(Dispatch):
    """Builds the segment list; one ``block_<kind>`` method per block type (list items and
    table cells are read by their list and table)."""

    method_prefix = "block_"
    kinds = BLOCK_KINDS

    def __init__(self, doc: Document, pronounce: Callable[[str], str] | None) -> None:
        self.doc = doc
        self.pronounce = pronounce
        self.language = base_language(doc.meta.language)
        self.words = phrases(self.language)
        self.segments: list[Segment] = []
        self.block: int | None = None
        self.voice = "narrator"
        self.path = ""
        self.chapter_pending: str | None = None
        self.start = 1 if doc.blocks and self._same_as_title(doc.blocks[0]) else 0
        levels = [b.level for b in doc.blocks[self.start:] if isinstance(b, Heading)]
        self.top_level = min(levels) if levels else 0

    # -- output helpers ----------------------------------------------------------------------

    def say(self, text: str, pause: int, voice: str | None = None, ref: str | None = None
            ) -> None:
        """Normalise ``text`` and append it, split into ≤ MAX_CHARS segments."""
        ref = ref or self.path
        spoken = normalise(text, self.language)
        if self.pronounce is not None:
            spoken = self.pronounce(spoken)
        pieces = split_text(spoken)
        for i, piece in enumerate(pieces):
            last = i == len(pieces) - 1
            self.segments.append(Segment(
                text=piece,
                pause_ms=pause if last else PAUSES["sentence"],
                block=self.block,
                chapter=self.chapter_pending,
                voice=voice or self.voice,
                ref=ref,
            ))
            self.chapter_pending = None

    def prose(self, text: str, pause: int) -> None:
        """Say ``text`` one sentence a segment, each with its own ``ref``."""
        spans = sentences(text)
        for i, (start, end) in enumerate(spans):
            last = i == len(spans) - 1
            self.say(text[start:end], pause if last else PAUSES["sentence"],
                     ref=f"{self.path}s{i}")

    def pause_before(self, ms: int) -> None:
        """Lengthen the silence after the previous segment (frozen, so replace it)."""
        if self.segments and self.segments[-1].pause_ms < ms:
            self.segments[-1] = dataclasses.replace(self.segments[-1], pause_ms=ms)

    # -- document ----------------------------------------------------------------------------

    def run(self) -> tuple[Segment, ...]:
        blocks = self.doc.blocks
        self.intro()
        for index in range(self.start, len(blocks)):  # a repeated title heading is said once
            self.block = index
            self.path = f"b{index}"
            self.render(blocks[index])
        return tuple(s for s in self.segments if s.text)

    def _same_as_title(self, block: Block) -> bool:
        title = self.doc.meta.title.strip().casefold()
        if not title or not isinstance(block, Heading):
            return False
        return plain_text(block.children).strip().casefold() == title

    def intro(self) -> None:
        meta, w = self.doc.meta, self.words
        self.chapter_pending = meta.title.strip() or w["introduction"]
        if meta.title.strip():
            self.say(meta.title, PAUSES["title"], ref="t")
        if meta.subtitle.strip():
            self.say(meta.subtitle, PAUSES["meta"], ref="st")
        authors = [a.strip() for a in meta.authors if a.strip()]
        if authors:
            self.say(f"{w['by']} {self._join(authors)}", PAUSES["meta"], ref="by")
        if meta.published:
            self.say(f"{w['published']} {meta.published[:10]}", PAUSES["meta"], ref="date")
        if meta.site_name.strip():
            self.say(f"{w['from']} {meta.site_name.strip()}", PAUSES["meta"], ref="site")
        self.pause_before(PAUSES["title"])

    def _join(self, names: list[str]) -> str:
        if len(names) == 1:
            return names[0]
        return f"{', '.join(names[:-1])} {self.words['and']} {names[-1]}"

    def render(self, block: Block) -> None:
        self.dispatch(block)

    def render_all(self, blocks: Iterable[Block]) -> None:
        parent = self.path
        for index, block in enumerate(blocks):
            self.path = f"{parent}-{index}"
            self.render(block)
        self.path = parent

    # -- blocks ------------------------------------------------------------------------------

    def block_heading(self, block: Heading) -> None:
        title = plain_text(block.children).strip()
        if not title:
            return
        top = block.level == self.top_level and self.voice == "narrator" and self._at_top()
        self.pause_before(PAUSES["chapter"] if top else PAUSES["heading"])
        if top:
            self.chapter_pending = title
        self.say(title, PAUSES["heading"], voice="narrator")

    def _at_top(self) -> bool:
        return self.block is not None and self.doc.blocks[self.block].kind == "heading"

    def block_paragraph(self, block: Paragraph) -> None:
        self.prose(plain_text(block.children), PAUSES["paragraph"])

    def block_quote(self, block: Quote) -> None:
        w = self.words
        self.say(w["quote"], PAUSES["item"], voice="narrator")
        outer, self.voice = self.voice, "quote"
        self.render_all(block.blocks)
        self.voice = outer
        self.say(w["end_quote"], PAUSES["paragraph"], voice="narrator")

    def block_list(self, block: List) -> None:
        for index, item in enumerate(block.items):
            self.list_item(item, index, block.ordered)
        self.pause_before(PAUSES["paragraph"])

    def list_item(self, item: ListItem, index: int, ordered: bool) -> None:
        """One item, its number said first in an ordered list, then an item's pause."""
        parent, first = self.path, len(self.segments)
        self.path = f"{parent}-{index}"
        self.render_all(item.blocks)
        self.path = parent
        if ordered and len(self.segments) > first:
            head = self.segments[first]
            label = cardinal(index + 1, self.language).capitalize()
            self.segments[first] = dataclasses.replace(head, text=f"{label}. {head.text}")
        if self.segments:
            self.segments[-1] = dataclasses.replace(self.segments[-1], pause_ms=PAUSES["item"])

    def block_figure(self, block: Figure) -> None:
        alt = block.alt.strip()
        caption = plain_text(block.caption).strip()
        parts = [p for p in (alt, caption) if p]
        if alt and caption and alt.casefold() == caption.casefold():
            parts = [alt]
        if parts:
            text = ". ".join(p.rstrip(".") for p in parts) + "."
            self.say(f"{self.words['image']}: {text}", PAUSES["paragraph"])

    def block_table(self, block: Table) -> None:
        """The caption, then row by row, each value after its column's header."""
        table, caption = self.words["table"], plain_text(block.caption).strip()
        self.say(f"{table}: {caption}." if caption else f"{table}.", PAUSES["item"])
        header, rows = _header_and_rows(block)
        for number, row in enumerate(rows, start=1):
            cells = [f"{head}: {value}" if head else value
                     for head, value in itertools.zip_longest(header, row, fillvalue="") if value]
            if cells:
                self.say(f"{self.words['row']} {number}: {', '.join(cells)}.", PAUSES["item"],
                         ref=f"{self.path}r{number - 1 + bool(header)}")
        self.pause_before(PAUSES["paragraph"])

    def block_preformatted(self, block: Preformatted) -> None:
        if block.text.strip():
            self.say(self.words["code_omitted"], PAUSES["paragraph"], voice="narrator")

    def block_break(self, block: Break) -> None:
        self.pause_before(PAUSES["break"])


def _header_and_rows(table: Table) -> tuple[list[str], list[list[str]]]:
    """The header row's texts (empty without one) and the other rows' texts."""
    rows = [[plain_text(c.children).strip() for c in row] for row in table.rows]
    if table.rows and table.rows[0] and all(c.header for c in table.rows[0]):
        return rows[0], rows[1:]
    return [], rows


def script(doc: Document, pronounce: Callable[[str], str] | None = None
           ) -> tuple[Segment, ...]:
    """The spoken segments of ``doc``: intro (title, byline, date, site), then every block.

    ``pronounce`` (a pronunciation lexicon) runs on the normalised text, so the segments are
    exactly what the engine is given.
    """
    return _Scripter(doc, pronounce).run()


def preview(segments: Iterable[Segment]) -> str:
    """The segments as ``inspect --to speech`` prints them: one a line, ``# title`` before
    each chapter."""
    lines: list[str] = []
    for segment in segments:
        if segment.chapter:
            lines.append(f"# {segment.chapter}")
        lines.append(segment.text)
    return "\n".join(lines) + "\n" if lines else ""
