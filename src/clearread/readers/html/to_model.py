"""trafilatura's kept-content XML (``<p>``, ``<head rend>``, ``<list rend>``, ``<quote>``,
``<graphic>``, ``<table>``, ``<code>``, ``<hi>``, ``<ref>``) → model blocks and inlines.

Working on the XML rather than trafilatura's text output keeps the structure (ordered lists,
quotes, captions) that its text and markdown renderings lose. Dispatch is by tag name, one small
method per tag, so a new tag is one entry. Every link and image URL passes ``links.safe_url``
here, so nothing unsafe from the page reaches the model.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from copy import deepcopy

from lxml import etree
from lxml.etree import _Element

from clearread.links import WEB_SCHEMES, safe_url
from clearread.model import (
    Block,
    Break,
    Cell,
    Code,
    Emphasis,
    Figure,
    Heading,
    Inline,
    LineBreak,
    Link,
    List,
    ListItem,
    Paragraph,
    Preformatted,
    Quote,
    Strong,
    Table,
    Text,
    plain_text,
)
from clearread.readers.html.images import LocalImages

_SPACES = re.compile(r"\s+")
_BREAK_TEXT = re.compile(r"^\s*([*•·~-]\s*){3,}$")
#: ``<hi rend>`` values → inline wrapper (anything else is kept as its plain children).
HI_RENDS: dict[str, Callable[[tuple[Inline, ...]], Inline]] = {
    "#b": Strong, "#i": Emphasis, "#u": Emphasis, "#t": lambda c: Code("".join(
        i.text for i in c if isinstance(i, Text | Code))),
}
_BLOCK_TAGS = frozenset({"p", "head", "list", "quote", "graphic", "table", "code", "div",
                         "item", "row", "figcaption"})
#: A fragment's plain HTML tags → the kept-content tag and attributes they stand for (tags not
#: listed stay: block containers read as ``div``, anything else as inline text).
FRAGMENT_TAGS: dict[str, tuple[str, dict[str, str]]] = {
    **{f"h{n}": ("head", {"rend": f"h{n}"}) for n in range(1, 7)},
    "ul": ("list", {"rend": "ul"}), "ol": ("list", {"rend": "ol"}), "li": ("item", {}),
    "dl": ("list", {"rend": "ul"}), "dt": ("item", {}), "dd": ("item", {}),
    "blockquote": ("quote", {}), "img": ("graphic", {}), "br": ("lb", {}),
    "b": ("hi", {"rend": "#b"}), "strong": ("hi", {"rend": "#b"}),
    "i": ("hi", {"rend": "#i"}), "em": ("hi", {"rend": "#i"}), "u": ("hi", {"rend": "#u"}),
    "a": ("ref", {}), "tr": ("row", {}), "td": ("cell", {}), "th": ("cell", {"role": "head"}),
    **dict.fromkeys(("pre", "section", "article", "main", "figure", "center", "details"),
                    ("div", {})),
}
#: Never text: removed from a fragment before it is mapped.
FRAGMENT_DROPPED = ("script", "style", "noscript", "template", "iframe", "object", "embed",
                    "svg", "math", "button", "input", "select", "textarea", "head", "title")


def tidy(inlines: Iterable[Inline], strip: bool = True) -> tuple[Inline, ...]:
    """Merge neighbouring texts and collapse whitespace, as a browser would render it."""
    out: list[Inline] = []
    for node in inlines:
        if isinstance(node, Text):
            text = _SPACES.sub(" ", node.text)
            if out and isinstance(out[-1], Text):
                text = out.pop().text + text
            text = text.replace("  ", " ")
            if text:
                out.append(Text(text))
        else:
            out.append(node)
    if strip:
        out = _strip_edges(out)
    return tuple(out)


def _strip_edges(out: list[Inline]) -> list[Inline]:
    while out and isinstance(out[0], LineBreak):
        out.pop(0)
    while out and isinstance(out[-1], LineBreak):
        out.pop()
    if out and isinstance(out[0], Text):
        out[0] = Text(out[0].text.lstrip())
    if out and isinstance(out[-1], Text):
        out[-1] = Text(out[-1].text.rstrip())
    return [n for n in out if not (isinstance(n, Text) and not n.text)]


class Mapper:
    """One page's mapping: the base URL for links and the captions found around its images."""

    def __init__(self, base: str | None, captions: dict[str, str] | None = None,
                 table_captions: frozenset[str] = frozenset(),
                 local: LocalImages | None = None) -> None:
        self.base = base
        self.captions = captions or {}
        self.table_captions = table_captions
        self.local = local

    # --- blocks ----------------------------------------------------------------------------

    def blocks(self, parent: _Element) -> list[Block]:
        """Blocks of an element whose children are blocks, with loose text gathered into
        paragraphs (trafilatura leaves text directly in ``<item>``, ``<quote>`` and ``<div>``)."""
        out: list[Block] = []
        run: list[Inline] = []

        def flush() -> None:
            inlines = tidy(run)
            run.clear()
            if inlines:
                out.append(Paragraph(inlines))

        if parent.text:
            run.append(Text(parent.text))
        for child in parent:
            if child.tag in _BLOCK_TAGS:
                flush()
                out.extend(getattr(self, f"block_{child.tag}")(child))
            else:
                run.extend(self.inline(child))
                continue
            if child.tail and child.tail.strip():
                run.append(Text(child.tail))
        flush()
        return out

    def block_p(self, el: _Element) -> list[Block]:
        # a paragraph may hold images: they become figures between paragraph parts
        out: list[Block] = []
        run: list[Inline] = [Text(el.text)] if el.text else []
        for child in el:
            if child.tag == "graphic" or child.tag in _BLOCK_TAGS - {"code"}:
                out.extend(self._paragraph(run))
                run = []
                out.extend(getattr(self, f"block_{child.tag}")(child))
                if child.tail:
                    run.append(Text(child.tail))
            else:
                run.extend(self.inline(child))
        out.extend(self._paragraph(run))
        return out

    def _paragraph(self, run: list[Inline]) -> list[Block]:
        inlines = tidy(run)
        if not inlines:
            return []
        if all(isinstance(i, Text) for i in inlines) and _BREAK_TEXT.match(
                "".join(i.text for i in inlines if isinstance(i, Text))):
            return [Break()]
        return [Paragraph(inlines)]

    def block_head(self, el: _Element) -> list[Block]:
        rend = el.get("rend") or "h2"
        level = int(rend[1]) if re.fullmatch(r"h[1-6]", rend) else 2
        inlines = tidy(self.inline_children(el))
        return [Heading(level, inlines)] if inlines else []

    def block_list(self, el: _Element) -> list[Block]:
        items = []
        for item in el:
            if item.tag != "item":
                continue
            blocks = self.blocks(item)
            if blocks:
                items.append(ListItem(tuple(blocks)))
        return [List(el.get("rend") == "ol", tuple(items))] if items else []

    def block_item(self, el: _Element) -> list[Block]:
        return self.blocks(el)

    def block_quote(self, el: _Element) -> list[Block]:
        blocks = self.blocks(el)
        return [Quote(tuple(blocks))] if blocks else []

    def block_div(self, el: _Element) -> list[Block]:
        return self.blocks(el)

    def block_figcaption(self, el: _Element) -> list[Block]:
        inlines = tidy(self.inline_children(el))
        return [Paragraph(inlines)] if inlines else []

    def block_code(self, el: _Element) -> list[Block]:
        text = "".join(el.itertext()).strip("\n")
        return [Preformatted(text)] if text.strip() else []

    def block_graphic(self, el: _Element) -> list[Block]:
        src = safe_url(el.get("src"), self.base, WEB_SCHEMES)
        alt = _SPACES.sub(" ", el.get("alt") or "").strip()
        caption = self.captions.get(src or "", "") or self.captions.get(el.get("src") or "", "")
        if src is None and self.local is not None:
            resource = self.local.load(el.get("src"))
            src = resource.src if resource else None
        # text trafilatura put inside the picture (it does so for one without a src) is
        # the paragraph around it, never to be dropped with the picture
        text = self._paragraph(self.inline_children(el))
        if src is None and not (alt or caption):
            return text
        # a picture that cannot be shown still has its description read out (src "")
        return [Figure(src or "", alt, (Text(caption),) if caption else ()), *text]

    def block_table(self, el: _Element) -> list[Block]:
        rows = []
        for row in el.iter("row"):
            cells = tuple(Cell(self._cell_inlines(c), c.get("role") == "head")
                          for c in row if c.tag == "cell")
            if any(c.children for c in cells):
                rows.append(cells)
        caption: tuple[Inline, ...] = ()
        filled = [c for c in rows[0] if c.children] if rows else []
        if len(filled) == 1 and " ".join(plain_text(filled[0]).split()) in self.table_captions:
            caption, rows = filled[0].children, rows[1:]     # trafilatura's row for <caption>
        return [Table(tuple(rows), caption)] if rows else []

    def block_row(self, el: _Element) -> list[Block]:
        return self.block_table(el)

    def _cell_inlines(self, cell: _Element) -> tuple[Inline, ...]:
        """Cells hold inlines only: nested blocks become lines separated by line breaks."""
        parts: list[Inline] = []
        for block in self.blocks(cell):
            text = _inline_of(block)
            if text:
                if parts:
                    parts.append(LineBreak())
                parts.extend(text)
        return tidy(parts)

    # --- inlines ---------------------------------------------------------------------------

    def inline_children(self, el: _Element) -> list[Inline]:
        out: list[Inline] = [Text(el.text)] if el.text else []
        for child in el:
            out.extend(self.inline(child))
        return out

    def inline(self, el: _Element) -> list[Inline]:
        """An inline element followed by its tail text."""
        handler = getattr(self, f"inline_{el.tag}", None)
        out = handler(el) if handler else self.inline_children(el)
        if el.tail:
            out.append(Text(el.tail))
        return out

    def inline_hi(self, el: _Element) -> list[Inline]:
        children = tidy(self.inline_children(el), strip=False)
        wrap = HI_RENDS.get(el.get("rend") or "")
        if not children or all(isinstance(c, Text) and not c.text.strip() for c in children):
            return list(children)
        return [wrap(children)] if wrap else list(children)

    def inline_ref(self, el: _Element) -> list[Inline]:
        children = tidy(self.inline_children(el), strip=False)
        href = safe_url(el.get("target"), self.base)
        if href is None or not children:
            return list(children)
        return [Link(href, children)]

    def inline_code(self, el: _Element) -> list[Inline]:
        text = "".join(el.itertext())
        return [Code(text)] if text else []

    def inline_lb(self, el: _Element) -> list[Inline]:
        return [LineBreak()]

    def inline_graphic(self, el: _Element) -> list[Inline]:
        return []


def _inline_of(block: Block) -> tuple[Inline, ...]:
    if isinstance(block, Paragraph | Heading):
        return block.children
    if isinstance(block, Preformatted):
        return (Text(block.text),)
    if isinstance(block, Figure):
        return block.caption or ((Text(block.alt),) if block.alt else ())
    return ()


def kept_xml(tree: _Element) -> _Element:
    """A copy of a fragment's body in the kept-content tags, whole: the fragment is the
    article, so nothing is extracted away (only what is never text is dropped)."""
    body = deepcopy(next(tree.iter("body"), tree))
    for figcaption in body.xpath(".//figure[.//img]//figcaption"):
        figcaption.getparent().remove(figcaption)        # put back on the picture by URL
    etree.strip_elements(body, *FRAGMENT_DROPPED, with_tail=False)
    for el in body.iter():
        if not isinstance(el.tag, str) or el.tag not in FRAGMENT_TAGS:
            continue
        tag, attrs = FRAGMENT_TAGS[el.tag]
        if el.tag == "a":
            attrs = {"target": el.get("href") or ""}
        kept = {name: el.get(name) for name in ("src", "alt") if el.get(name)}
        el.attrib.clear()
        el.tag = tag
        el.attrib.update({**kept, **attrs})
    return body


def map_body(body: _Element, base: str | None, captions: dict[str, str] | None = None,
             table_captions: frozenset[str] = frozenset(), local: LocalImages | None = None
             ) -> tuple[Block, ...]:
    """The model blocks for trafilatura's ``<body>`` result (``local`` collects the pictures
    saved beside the page)."""
    return tuple(Mapper(base, captions, table_captions, local).blocks(body))
