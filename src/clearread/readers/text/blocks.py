"""The lines of a plain-text document → model blocks.

Plain text marks structure by layout alone: blank lines between paragraphs, a right margin the
lines were filled to, underlines, list markers, ``>`` quotes, indented code and tables drawn
with spaces. Lines are grouped into chunks (runs without a blank line), each chunk becomes one
or more blocks, and a line is joined to the next only when the margin broke it (the next word
would not have fitted); a line that ends early ends deliberately, as in a poem or an address.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from clearread.model import (
    UNSPACED,
    Block,
    Break,
    Heading,
    LineBreak,
    List,
    ListItem,
    Paragraph,
    Preformatted,
    Quote,
    Text,
)
from clearread.readers.text.kind import wrap_width

SETTINGS = {
    # a heading has at most this many words
    "heading_max_words": 12,
    # a numbered heading ending in a full stop ("0. Definitions.") has at most this many
    "numbered_heading_dotted_words": 4,
    # lines of verse, an address or a signature are at most this long (unwrapped texts)
    "verse_max_chars": 60,
    # code or a table sits at least this many columns right of the paragraphs
    "code_extra_indent": 4,
    # code: share of its characters that are brackets, operators and the like
    "code_symbol_share": 0.04,
    # tabs are expanded to this many columns
    "tab_size": 8,
    # quotes nest at most this deep (deeper ">" marks stay text)
    "max_quote_depth": 8,
    # columns a quote mark takes ("> ")
    "quote_mark_width": 2,
}

_UNDERLINE = re.compile(r"^\s*(=+|-+)\s*$")
_RULE = re.compile(r"^\s*(?:(?:\*\s*){3,}|(?:-\s*){3,}|(?:_\s*){3,}|(?:~\s*){3,})$")
_BULLET = re.compile(r"^(?P<indent>\s*)(?P<marker>[-*•+–·])\s+(?P<text>\S.*)$")
_ORDERED = re.compile(r"^(?P<indent>\s*)(?P<marker>(?P<number>\d{1,3})[.)])\s+(?P<text>\S.*)$")
_SECTION = re.compile(r"^\s*(?P<number>\d{1,3}(?:\.\d{1,3})*)\.?\s+(?P<text>\S.*)$")
_QUOTE = re.compile(r"^\s*>")
_SIGNATURE = re.compile(r"^--\s?$")
_COLUMN_GAP = re.compile(r"(?<=[^\s.!?:;])\s{2,}(?=\S)")
_CODE_SYMBOLS = frozenset("{}[]()<>=;$#|\\/*_+&%^~`")
_SENTENCE_END = ".!?…。！？:;,"


@dataclass(frozen=True)
class Layout:
    """What holds for the whole text: the right margin it was filled to (None when its
    paragraphs are one line each) and the indentation of its ordinary lines."""

    width: int | None
    indent: int


# --- layout --------------------------------------------------------------------------------------


def expand(lines: list[str]) -> list[str]:
    """Tabs to spaces and no trailing blanks, so lengths and indents compare."""
    size = SETTINGS["tab_size"]
    return [(line.expandtabs(size) if "\t" in line else line).rstrip() for line in lines]


def indent_of(line: str) -> int:
    return len(line) - len(line.lstrip())


def measure(lines: list[str]) -> Layout:
    """The margin and usual indentation, read from lines that another line follows."""
    lengths: list[int] = []
    next_words: list[int] = []
    indents: dict[int, int] = {}
    for line, following in pairwise(lines):
        if line and following:
            lengths.append(len(line))
            next_words.append(len(following.split(maxsplit=1)[0]))
        if line:
            indents[indent_of(line)] = indents.get(indent_of(line), 0) + 1
    indent = max(indents, key=indents.__getitem__) if indents else 0
    return Layout(wrap_width(lengths, next_words), indent)


# --- line shapes ---------------------------------------------------------------------------------


def ends_sentence(text: str) -> bool:
    return text.rstrip("\"'”’»)]*_").endswith(tuple(_SENTENCE_END))


def heading_shaped(text: str) -> bool:
    """Short, not a sentence, opening with a capital or a number, or written in capitals."""
    words = text.split()
    if not words or len(words) > SETTINGS["heading_max_words"] or ends_sentence(text):
        return False
    first = text[0]
    return first.isupper() or first.isdigit() or (not first.isalpha() and first not in "-*•([")


def all_capitals(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def section_level(text: str) -> int | None:
    """Heading level of a numbered section line ("1. Introduction" → 2, "2.3 Scope" → 3)."""
    match = _SECTION.match(text)
    if not match:
        return None
    words = len(text.split())
    dotted_ok = words <= SETTINGS["numbered_heading_dotted_words"]
    if words > SETTINGS["heading_max_words"] or (ends_sentence(text) and not dotted_ok):
        return None
    if not match.group("text")[0].isupper():
        return None
    return min(1 + match.group("number").rstrip(".").count(".") + 1, 6)


def heading_level(text: str) -> int | None:
    """The level of a line standing alone as a heading, or None when it is text."""
    level = section_level(text)
    if level is not None:
        return level
    if all_capitals(text) and len(text.split()) <= SETTINGS["heading_max_words"]:
        return 2
    return 2 if heading_shaped(text) else None


def list_marker(line: str) -> re.Match[str] | None:
    return _BULLET.match(line) or _ORDERED.match(line)


def is_unspaced(char: str) -> bool:
    return bool(UNSPACED.match(char))


def join_wrapped(previous: str, following: str) -> str:
    """Two lines the margin broke, as one: no space inside a hyphenated word or between
    characters of a script written without spaces."""
    if previous.endswith("-") and previous[-2:-1].isalpha() and following[:1].isalpha():
        return previous + following
    if previous and following and is_unspaced(previous[-1]) and is_unspaced(following[0]):
        return previous + following
    return previous + " " + following


def broken_by_margin(line: str, following: str, layout: Layout) -> bool:
    """The next line's first word would not have fitted on this line."""
    if layout.width is None:
        return False
    first = following.split(maxsplit=1)[0]
    return len(line) + 1 + len(first) > layout.width


# --- chunks --------------------------------------------------------------------------------------


def chunks(lines: list[str]) -> list[list[str]]:
    """Runs of non-blank lines."""
    found: list[list[str]] = []
    current: list[str] = []
    for line in lines:
        if line.strip():
            current.append(line)
        elif current:
            found.append(current)
            current = []
    if current:
        found.append(current)
    return found


def is_table(chunk: list[str]) -> bool:
    """Rows whose columns are set apart by runs of spaces, one column start shared by all."""
    if len(chunk) < 2:
        return False
    starts: set[int] | None = None
    for line in chunk:
        row = {m.end() for m in _COLUMN_GAP.finditer(line)}
        if not row:
            return False
        starts = row if starts is None else starts & row
    return bool(starts)


def is_code(chunk: list[str], layout: Layout) -> bool:
    """Indented well past the paragraphs and dense with brackets and operators."""
    if min(indent_of(line) for line in chunk) < layout.indent + SETTINGS["code_extra_indent"]:
        return False
    text = "".join(line.strip() for line in chunk)
    symbols = sum(1 for c in text if c in _CODE_SYMBOLS)
    return symbols >= SETTINGS["code_symbol_share"] * max(len(text), 1)


def preformatted(chunk: list[str]) -> Preformatted:
    cut = min(indent_of(line) for line in chunk)
    return Preformatted("\n".join(line[cut:] for line in chunk))


def unquote(line: str) -> str:
    """The line without its first ``>`` and the space after it."""
    rest = line.lstrip()[1:]
    return rest[1:] if rest.startswith(" ") else rest


def quote_layout(inner: list[str], outer: Layout) -> Layout:
    """A quote too short to show its own margin was filled to the text's, less the marks."""
    layout = measure(inner)
    if layout.width is None and outer.width is not None:
        return Layout(outer.width - SETTINGS["quote_mark_width"], layout.indent)
    return layout


def chunk_blocks(chunk: list[str], layout: Layout, depth: int) -> list[Block]:
    """The blocks of one run of non-blank lines."""
    if depth < SETTINGS["max_quote_depth"] and all(_QUOTE.match(line) for line in chunk):
        inner = [unquote(line) for line in chunk]
        return [Quote(tuple(parse_lines(inner, quote_layout(inner, layout), depth + 1)))]
    if len(chunk) == 1 and _RULE.match(chunk[0]):
        return [Break()]
    if is_table(chunk) or is_code(chunk, layout):
        return [preformatted(chunk)]
    if len(chunk) == 1 and (level := heading_level(chunk[0].strip())) is not None:
        return [Heading(level, (Text(chunk[0].strip()),))]
    return LineWalker(chunk, layout).blocks()


class LineWalker:
    """Walks one chunk line by line: underlined headings, list items with their continuation
    lines, and runs of text lines, which become paragraphs."""

    def __init__(self, chunk: list[str], layout: Layout) -> None:
        self.chunk = chunk
        self.layout = layout
        self.out: list[Block] = []
        self.text: list[str] = []
        self.items: list[list[str]] = []
        self.numbers: list[int] = []
        self.item_indent = 0
        self.ordered = False

    def blocks(self) -> list[Block]:
        for i, line in enumerate(self.chunk):
            following = self.chunk[i + 1] if i + 1 < len(self.chunk) else ""
            if _UNDERLINE.match(line) and i > 0:
                continue
            if following and _UNDERLINE.match(following) and line.strip():
                self.flush()
                level = 1 if following.strip().startswith("=") else 2
                self.out.append(Heading(level, (Text(line.strip()),)))
            elif marker := list_marker(line):
                self.add_item(marker)
            elif self.items and self.continues_item(line):
                self.items[-1].append(line)
            else:
                self.flush_list()
                self.text.append(line)
        self.flush()
        return self.out

    def add_item(self, marker: re.Match[str]) -> None:
        ordered = marker.re is _ORDERED
        if self.items and ordered != self.ordered:
            self.flush_list()
        self.flush_text()
        self.ordered = ordered
        self.item_indent = len(marker.group("indent"))
        self.numbers.append(int(marker.group("number")) if ordered else 0)
        self.items.append([marker.group(0)])

    def continues_item(self, line: str) -> bool:
        """Indented under the item's marker, or the item's last line was broken by the margin."""
        last = self.items[-1][-1]
        return indent_of(line) > self.item_indent or broken_by_margin(last, line, self.layout)

    def flush(self) -> None:
        self.flush_list()
        self.flush_text()

    def flush_list(self) -> None:
        """The items as a list; numbered items that do not count 1, 2, 3... (a list starting
        at 0, sections of a licence) keep their numbers as text, since a list renumbers."""
        if not self.items:
            return
        counts_from_one = self.numbers == list(range(1, len(self.numbers) + 1))
        if self.ordered and not counts_from_one:
            for item in self.items:
                self.out.extend(text_blocks(item, self.layout))
        else:
            self.out.append(List(self.ordered, tuple(self.list_item(i) for i in self.items)))
        self.items, self.numbers = [], []

    def list_item(self, lines: list[str]) -> ListItem:
        """An item without its marker; the marker turns to spaces, so the first line keeps its
        length for the margin test."""
        marker = list_marker(lines[0])
        first = " " * marker.start("text") + marker.group("text") if marker else lines[0]
        return ListItem(tuple(text_blocks([first, *lines[1:]], self.layout)))

    def flush_text(self) -> None:
        if self.text:
            self.out.extend(text_blocks(self.text, self.layout))
            self.text = []


# --- text runs -----------------------------------------------------------------------------------


def logical_lines(lines: list[str], layout: Layout) -> list[str]:
    """Lines joined wherever the margin (not the writer) broke them."""
    joined = [lines[0].strip()]
    for previous, line in pairwise(lines):
        if broken_by_margin(previous, line, layout):
            joined[-1] = join_wrapped(joined[-1], line.strip())
        else:
            joined.append(line.strip())
    return joined


def text_blocks(lines: list[str], layout: Layout) -> list[Block]:
    """A run of text lines: verse (every line short) keeps its line breaks in one paragraph;
    otherwise each unbroken line is a paragraph, or a heading between paragraphs."""
    joined = logical_lines(lines, layout)
    if len(joined) > 1 and all(len(line) <= verse_limit(layout) for line in joined):
        inlines: list[Text | LineBreak] = []
        for line in joined:
            inlines.extend((LineBreak(), Text(line)) if inlines else (Text(line),))
        return [Paragraph(tuple(inlines))]
    return [line_block(joined, i) for i in range(len(joined))]


def verse_limit(layout: Layout) -> int:
    """How long a deliberately short line may be: the margin when there is one."""
    return layout.width or SETTINGS["verse_max_chars"]


def line_block(joined: list[str], i: int) -> Block:
    """One logical line among paragraphs: a heading when short and set between longer text."""
    line = joined[i]
    between = 0 < i < len(joined) - 1 and len(joined[i + 1]) > len(line)
    if between and heading_shaped(line):
        return Heading(2, (Text(line),))
    return Paragraph((Text(line),))


# --- entry point ---------------------------------------------------------------------------------


def parse_lines(lines: list[str], layout: Layout, depth: int = 0) -> list[Block]:
    """Blocks of a document's lines (already tab-expanded), in order."""
    blocks: list[Block] = []
    for chunk in chunks(lines):
        blocks.extend(chunk_blocks(chunk, layout, depth))
    return merge_loose_lists(blocks)


def merge_loose_lists(blocks: list[Block]) -> list[Block]:
    """Bulleted items set apart by blank lines are still one list."""
    merged: list[Block] = []
    for block in blocks:
        previous = merged[-1] if merged else None
        if isinstance(block, List) and isinstance(previous, List) \
                and not previous.ordered and not block.ordered:
            merged[-1] = List(block.ordered, previous.items + block.items)
        else:
            merged.append(block)
    return merged


def signature_separator(line: str) -> bool:
    """The ``-- `` line that opens an e-mail signature."""
    return bool(_SIGNATURE.match(line))
