"""The one document model every reader builds and every writer consumes.

Small and stable on purpose (like pandoc's AST): frozen dataclasses, tuples instead of lists so
documents hash and compare by value, and a versioned JSON form that round-trips exactly.
Each node class carries a ``kind`` name; writers dispatch on it (``render_<kind>``).
"""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, ClassVar, Union, get_type_hints

JSON_VERSION = 1


class ModelError(ValueError):
    """A document (or its JSON form) breaks the model's rules."""


# --- inlines -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Text:
    kind: ClassVar[str] = "text"
    text: str


@dataclass(frozen=True)
class Emphasis:
    kind: ClassVar[str] = "emphasis"
    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Strong:
    kind: ClassVar[str] = "strong"
    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Link:
    kind: ClassVar[str] = "link"
    href: str
    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Code:
    kind: ClassVar[str] = "code"
    text: str


@dataclass(frozen=True)
class LineBreak:
    kind: ClassVar[str] = "line_break"


Inline = Union[Text, Emphasis, Strong, Link, Code, LineBreak]  # noqa: UP007 (forward refs)

# --- blocks --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Heading:
    kind: ClassVar[str] = "heading"
    level: int
    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Paragraph:
    kind: ClassVar[str] = "paragraph"
    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Quote:
    kind: ClassVar[str] = "quote"
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class ListItem:
    kind: ClassVar[str] = "list_item"
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class List:
    kind: ClassVar[str] = "list"
    ordered: bool
    items: tuple[ListItem, ...]


@dataclass(frozen=True)
class Figure:
    """An image. ``src`` is the page's URL for it; the bytes, when known, are a Resource."""

    kind: ClassVar[str] = "figure"
    src: str
    alt: str
    caption: tuple[Inline, ...] = ()


@dataclass(frozen=True)
class Preformatted:
    kind: ClassVar[str] = "preformatted"
    text: str


@dataclass(frozen=True)
class Cell:
    kind: ClassVar[str] = "cell"
    children: tuple[Inline, ...]
    header: bool = False


@dataclass(frozen=True)
class Table:
    kind: ClassVar[str] = "table"
    rows: tuple[tuple[Cell, ...], ...]
    caption: tuple[Inline, ...] = ()


@dataclass(frozen=True)
class Break:
    """A thematic break (``<hr>``, "* * *")."""

    kind: ClassVar[str] = "break"


Block = Union[Heading, Paragraph, Quote, List, Figure, Preformatted, Table, Break]  # noqa: UP007

# --- document ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Removal:
    """One thing cleaning dropped, and the rule that dropped it (shown by ``inspect``)."""

    kind: ClassVar[str] = "removal"
    rule: str
    text: str


@dataclass(frozen=True)
class Resource:
    """Bytes a reader already holds for a URL (e.g. an image), so writers never fetch."""

    kind: ClassVar[str] = "resource"
    src: str
    media_type: str
    data: bytes


@dataclass(frozen=True)
class Metadata:
    kind: ClassVar[str] = "metadata"
    title: str = ""
    subtitle: str = ""
    authors: tuple[str, ...] = ()
    published: str | None = None
    source_url: str = ""
    site_name: str = ""
    language: str = ""
    section: str = ""
    description: str = ""
    removed: tuple[Removal, ...] = ()


@dataclass(frozen=True)
class Document:
    kind: ClassVar[str] = "document"
    meta: Metadata = field(default_factory=Metadata)
    blocks: tuple[Block, ...] = ()
    resources: tuple[Resource, ...] = ()

    def resource(self, src: str) -> Resource | None:
        return next((r for r in self.resources if r.src == src), None)


Node = Union[Inline, Block, ListItem, Cell, Removal, Resource, Metadata, Document]  # noqa: UP007

NODE_TYPES: dict[str, type] = {
    cls.kind: cls
    for cls in (Text, Emphasis, Strong, Link, Code, LineBreak, Heading, Paragraph, Quote,
                ListItem, List, Figure, Preformatted, Cell, Table, Break, Removal, Resource,
                Metadata, Document)
}

#: Kinds a renderer meets inside ``Document.blocks``: blocks, their parts and inlines.
BLOCK_KINDS: frozenset[str] = frozenset(
    cls.kind for cls in (Heading, Paragraph, Quote, List, Figure, Preformatted, Table, Break))
PART_KINDS: frozenset[str] = frozenset({ListItem.kind, Cell.kind})
INLINE_KINDS: frozenset[str] = frozenset(
    cls.kind for cls in (Text, Emphasis, Strong, Link, Code, LineBreak))
#: Kinds no renderer dispatches on: the document around the content and what rides with it.
FRAME_KINDS: frozenset[str] = frozenset(
    cls.kind for cls in (Removal, Resource, Metadata, Document))
CONTENT_KINDS: frozenset[str] = BLOCK_KINDS | PART_KINDS | INLINE_KINDS


class Dispatch:
    """The one node kind → method lookup every renderer shares (like mistune's renderers):
    ``node.kind`` selects ``<method_prefix><kind>``. ``kinds`` says which kinds a renderer handles;
    a test checks each has its method and meets them all in a document."""

    method_prefix: ClassVar[str] = "render_"
    kinds: ClassVar[frozenset[str]] = CONTENT_KINDS

    def method(self, node: Any) -> Callable[[Any], Any]:
        """The method for ``node``'s kind; recursive renderers call it directly, so deep
        nesting costs no extra stack frame a level."""
        return getattr(self, self.method_prefix + node.kind)

    def dispatch(self, node: Any) -> Any:
        return self.method(node)(node)


# --- generic traversal ---------------------------------------------------------------------------


#: Field names of each node class, looked up once: traversal is the hot path of every pass.
_FIELDS: dict[type, tuple[str, ...]] = {
    cls: tuple(f.name for f in dataclasses.fields(cls)) for cls in NODE_TYPES.values()
}


def _is_node(value: Any) -> bool:
    return type(value) in _FIELDS


def _child_nodes(value: Any) -> Iterator[Any]:
    if type(value) in _FIELDS:
        yield value
    elif type(value) is tuple:
        for item in value:
            yield from _child_nodes(item)


def children(node: Any) -> Iterator[Any]:
    """Direct child nodes of ``node``, in document order."""
    for name in _FIELDS[type(node)]:
        yield from _child_nodes(getattr(node, name))


def walk(node: Any) -> Iterator[Any]:
    """Every node under ``node`` (itself first), depth first, in document order."""
    yield node
    for child in children(node):
        yield from walk(child)


def transform(node: Any, fn: Callable[[Any], Any]) -> Any:
    """Rebuild ``node`` bottom-up, replacing each node by ``fn(node)`` (like pandoc's walk).

    ``fn`` may return a node, or a tuple of nodes to splice into the parent's tuple (an empty
    tuple deletes the node).
    """

    def rebuild(value: Any) -> Any:
        if _is_node(value):
            return fn(_rebuild_fields(value))
        if isinstance(value, tuple):
            out: list[Any] = []
            for item in value:
                new = rebuild(item)
                if isinstance(new, tuple) and _is_node(item):
                    out.extend(new)
                else:
                    out.append(new)
            return tuple(out)
        return value

    def _rebuild_fields(n: Any) -> Any:
        changes = {}
        for name in _FIELDS[type(n)]:
            old = getattr(n, name)
            new = rebuild(old)
            if new is not old:
                changes[name] = new
        return dataclasses.replace(n, **changes) if changes else n

    return rebuild(node)


_TEXT_LEAVES = frozenset({Text, Code, Preformatted})


def plain_text(node: Any) -> str:
    """The visible text of a node and its children, inline elements joined without separators."""
    kind = type(node)
    if kind in _TEXT_LEAVES:
        return node.text
    if kind is LineBreak:
        return "\n"
    if kind is tuple:
        return "".join([plain_text(n) for n in node])
    return "".join([plain_text(c) for c in children(node)])


def text_blocks(doc: Document) -> Iterator[str]:
    """The text of each leaf block (paragraph, heading, list item paragraph...) in reading order."""
    for node in walk(doc):
        if isinstance(node, Heading | Paragraph | Preformatted):
            yield plain_text(node)
        elif isinstance(node, Figure):
            yield plain_text(node.caption)


#: Scripts written without spaces between words (Chinese, Japanese) are counted by characters,
#: this many to a word, so their articles are neither "too short" nor read in no time.
CHARS_PER_WORD = 2.0
UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_WORD = re.compile(r"\w+")


def _matches(pattern: re.Pattern[str], text: str) -> int:
    """How often ``pattern`` matches, without a list of every match for huge texts."""
    if len(text) < 1_000_000:
        return len(pattern.findall(text))
    return sum(1 for _ in pattern.finditer(text))


def count_words(text: str) -> int:
    """The one word count: runs of word characters, and characters / CHARS_PER_WORD in text
    written without spaces (whichever is larger)."""
    spaced = _matches(_WORD, text)
    if text.isascii():
        return spaced
    return max(spaced, round(_matches(UNSPACED, text) / CHARS_PER_WORD))


def word_count(doc: Document) -> int:
    """Words a reader meets: block text, captions and table cells (for reading times)."""
    cells = (plain_text(n) for n in walk(doc) if isinstance(n, Cell))
    return sum(count_words(text) for source in (text_blocks(doc), cells) for text in source)


# --- field values: the rules readers and writers share -------------------------------------------
# A reader must not put in the model what a writer would refuse (or show differently), so
# each rule lives here once; the model imports nothing, so both sides may use it.

#: A BCP 47 tag as documents need it: a 2–3 letter language, then subtags of 1–8 letters or
#: digits. E-readers and EPUBCheck reject a whole book over a malformed ``xml:lang``.
_LANGUAGE_TAG = re.compile(r"[a-z]{2,3}(-[a-z0-9]{1,8})*")
#: Subtag case by length, as RFC 5646 recommends (region ``US``, script ``Hant``); others lower.
_SUBTAG_CASE: dict[int, Callable[[str], str]] = {2: str.upper, 4: str.title}


def language_tag(value: str | None) -> str:
    """``value`` as a BCP 47 tag in its usual case (``en_us`` → ``en-US``), or "" when it is
    not one; after a singleton (``x-``, an extension) subtags keep lower case."""
    tag = (value or "").strip().replace("_", "-").lower()
    if not _LANGUAGE_TAG.fullmatch(tag):
        return ""
    primary, *subtags = tag.split("-")
    plain = next((n for n, subtag in enumerate(subtags) if len(subtag) == 1), len(subtags))
    cased = [_SUBTAG_CASE.get(len(subtag), str.lower)(subtag) for subtag in subtags[:plain]]
    return "-".join([primary, *cased, *subtags[plain:]])


#: Years a publication date may fall in: a number outside them is not an article's date.
PUBLISHED_YEARS = range(1900, 2101)
#: ``YYYY-MM-DD`` anywhere in a string (also at the start of a date-time).
ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def calendar_date(year: int, month: int, day: int) -> str | None:
    """``YYYY-MM-DD`` when the numbers name a real day (never 31 February) in
    PUBLISHED_YEARS, else None: how readers turn what they find into ``published``."""
    if year not in PUBLISHED_YEARS:
        return None
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def iso_date_in(text: str) -> str | None:
    """The day of the first ``YYYY-MM-DD`` in ``text`` when it is a real one, else None."""
    found = ISO_DATE.search(text)
    return calendar_date(*(int(group) for group in found.groups())) if found else None


def published_at(value: str | None) -> dt.datetime | None:
    """``published`` (an ISO date or date-time, or a value starting with an ISO date) as an
    aware date-time in its own offset, UTC when it names none; None when it is not ISO.
    Its ``date()`` is the day the article gives, the same in every output."""
    text = (value or "").strip()
    for candidate in (text, text[:10]):
        try:
            moment = dt.datetime.fromisoformat(candidate)
        except ValueError:
            continue
        return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
    return None


def published_day(value: str | None) -> dt.date | None:
    """The day an article was published, as ``published_at`` reads it."""
    moment = published_at(value)
    return moment.date() if moment else None


#: The picture kinds a document may hold, by their leading bytes (offset, bytes): those every
#: browser and e-reader shows. Anything else is no picture here, whatever a decoder could open.
IMAGE_SIGNATURES: tuple[tuple[str, tuple[tuple[int, bytes], ...]], ...] = (
    ("image/png", ((0, b"\x89PNG\r\n\x1a\n"),)),
    ("image/jpeg", ((0, b"\xff\xd8\xff"),)),
    ("image/gif", ((0, b"GIF87a"),)),
    ("image/gif", ((0, b"GIF89a"),)),
    ("image/webp", ((0, b"RIFF"), (8, b"WEBP"))),
)


def image_type(data: bytes) -> str | None:
    """The media type of picture bytes, or None when they are not a picture a document holds."""
    return next((kind for kind, parts in IMAGE_SIGNATURES
                 if all(data[at:at + len(magic)] == magic for at, magic in parts)), None)


# --- JSON ----------------------------------------------------------------------------------------

_HINTS: dict[type, dict[str, Any]] = {}


def _hints(cls: type) -> dict[str, Any]:
    if cls not in _HINTS:
        _HINTS[cls] = get_type_hints(cls)
    return _HINTS[cls]


def _encode(value: Any) -> Any:
    if _is_node(value):
        out: dict[str, Any] = {"type": value.kind}
        for f in dataclasses.fields(value):
            v = getattr(value, f.name)
            is_bytes = isinstance(v, bytes)
            out[f.name] = base64.b64encode(v).decode("ascii") if is_bytes else _encode(v)
        return out
    if isinstance(value, tuple):
        return [_encode(v) for v in value]
    return value


def _decode(data: Any, where: str) -> Any:
    if isinstance(data, list):
        return tuple(_decode(v, f"{where}[{i}]") for i, v in enumerate(data))
    if not isinstance(data, dict):
        return data
    kind = data.get("type")
    cls = NODE_TYPES.get(kind) if isinstance(kind, str) else None
    if cls is None:
        raise ModelError(f"{where}: unknown node type {kind!r}")
    hints = _hints(cls)
    fields = {f.name for f in dataclasses.fields(cls)}
    unknown = set(data) - fields - {"type"}
    if unknown:
        raise ModelError(f"{where}: unknown field(s) {sorted(unknown)} for {kind}")
    kwargs = {}
    for name in fields & set(data):
        raw = data[name]
        if hints[name] is bytes:
            try:
                kwargs[name] = base64.b64decode(raw, validate=True)
            except (ValueError, TypeError) as exc:
                raise ModelError(f"{where}.{name}: not base64") from exc
        else:
            kwargs[name] = _decode(raw, f"{where}.{name}")
    try:
        node = cls(**kwargs)
    except TypeError as exc:
        raise ModelError(f"{where}: {kind}: {exc}") from exc
    _check_types(node, where)
    return node


def _check_types(node: Any, where: str) -> None:
    """Reject JSON whose scalars have the wrong type (e.g. a number where text belongs)."""
    for name, hint in _hints(type(node)).items():
        if name == "kind":
            continue
        value = getattr(node, name)
        text = str(hint)
        if hint is str and not isinstance(value, str):
            raise ModelError(f"{where}.{name}: expected text")
        if hint is int and (not isinstance(value, int) or isinstance(value, bool)):
            raise ModelError(f"{where}.{name}: expected an integer")
        if hint is bool and not isinstance(value, bool):
            raise ModelError(f"{where}.{name}: expected true or false")
        if text.startswith("tuple") and not isinstance(value, tuple):
            raise ModelError(f"{where}.{name}: expected a list")
        if text == "str | None" and value is not None and not isinstance(value, str):
            raise ModelError(f"{where}.{name}: expected text or null")
        if name == "authors" and not all(isinstance(a, str) for a in value):
            raise ModelError(f"{where}.{name}: expected a list of names")


def to_dict(doc: Document) -> dict[str, Any]:
    body = _encode(doc)
    body.pop("type")
    return {"version": JSON_VERSION, **body}


def to_json(doc: Document, indent: int | None = 1) -> str:
    """The versioned JSON form: ``{"version": 1, "meta": {...}, "blocks": [...]}``."""
    return json.dumps(to_dict(doc), ensure_ascii=False, indent=indent)


def from_json(text: str | bytes) -> Document:
    """Parse the JSON form back into a Document; malformed input raises ModelError."""
    try:
        data = json.loads(text)
    except (ValueError, UnicodeDecodeError) as exc:
        raise ModelError(f"not valid JSON ({exc})") from exc
    if not isinstance(data, dict):
        raise ModelError("document JSON must be an object")
    version = data.get("version")
    if version != JSON_VERSION:
        raise ModelError(f"unsupported document version {version!r} (expected {JSON_VERSION})")
    body = {k: v for k, v in data.items() if k != "version"}
    doc = _decode({"type": "document", **body}, "document")
    validate(doc)
    return doc


def validate(doc: Document) -> None:
    """Check the invariants writers rely on (heading levels 1-6, well-typed children)."""
    for node in walk(doc):
        if isinstance(node, Heading) and not 1 <= node.level <= 6:
            raise ModelError(f"heading level {node.level} is outside 1-6")
        if isinstance(node, Emphasis | Strong | Link | Paragraph | Heading | Cell):
            for child in node.children:
                if not isinstance(child, Text | Emphasis | Strong | Link | Code | LineBreak):
                    raise ModelError(f"{node.kind} may hold only inline nodes, not {child.kind}")
        if isinstance(node, Quote | ListItem):
            for child in node.blocks:
                if not isinstance(child, Heading | Paragraph | Quote | List | Figure
                                  | Preformatted | Table | Break):
                    raise ModelError(f"{node.kind} may hold only blocks, not {child.kind}")
        if isinstance(node, List) and not all(isinstance(i, ListItem) for i in node.items):
            raise ModelError("list items must be list_item nodes")
