"""Very large pages (saved archives, endless comment threads) read in one streaming pass.

Full extraction holds the whole page tree several times over, which for a 50 MB page means
gigabytes. Here the page is fed to lxml's pull parser in slices; each text block is taken as
soon as it closes and the finished part of the tree is thrown away, so memory stays bounded by
the largest single block. Quality is plainer than full extraction (no scoring of page regions),
but navigation, headers, footers, forms and scripts are still skipped.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from lxml import etree

from clearread.model import Block, Heading, Paragraph, Preformatted, Text

SLICE_CHARS = 1 << 20
SKIPPED = frozenset({"script", "style", "noscript", "template", "svg", "math", "nav", "header",
                     "footer", "aside", "form", "iframe", "object", "select", "button",
                     "head", "figure"})
HEADINGS = {f"h{n}": n for n in range(1, 7)}
PARAGRAPHS = frozenset({"p", "li", "blockquote", "dd", "td"})
_SPACE = re.compile(r"\s+")


@dataclass
class StreamedPage:
    title: str = ""               # the first h1, else the <title>
    head_title: str = ""
    language: str = ""
    authors: tuple[str, ...] = ()
    blocks: list[Block] = field(default_factory=list)


def _slices(data: bytes, codec: str) -> Iterator[str]:
    """Decode incrementally so the page never exists twice in memory."""
    decoder = codecs.getincrementaldecoder(codec)(errors="replace")
    step = SLICE_CHARS
    for start in range(0, len(data), step):
        yield decoder.decode(data[start:start + step])
    yield decoder.decode(b"", final=True)


def _text(element: etree._Element) -> str:
    return _SPACE.sub(" ", "".join(element.itertext())).strip()


def _block(tag: str, element: etree._Element) -> Block | None:
    if tag == "pre":
        text = "".join(element.itertext()).strip("\n")
        return Preformatted(text) if text.strip() else None
    text = _text(element)
    if not text:
        return None
    if tag in HEADINGS:
        return Heading(HEADINGS[tag], (Text(text),))
    return Paragraph((Text(text),))


def stream_page(data: bytes, codec: str) -> StreamedPage:
    """Title, language, authors and text blocks of a page, in one bounded-memory pass."""
    page = StreamedPage()
    parser = etree.HTMLPullParser(events=("start", "end"), huge_tree=True, no_network=True)
    skipping = 0
    for piece in _slices(data, codec):
        parser.feed(piece)
        for event, element in parser.read_events():
            tag = element.tag if isinstance(element.tag, str) else ""
            if event == "start":
                skipping += tag in SKIPPED
                if tag == "html":
                    page.language = (element.get("lang") or "").strip()
                elif tag == "meta" and (element.get("name") or "").lower() == "author":
                    page.authors += tuple(filter(None, [(element.get("content") or "").strip()]))
                continue
            if tag == "title" and not page.head_title:
                page.head_title = _text(element)
            elif tag == "h1" and not page.title:
                page.title = _text(element)
            if tag in SKIPPED:
                skipping -= 1
            elif not skipping and (tag in HEADINGS or tag in PARAGRAPHS or tag == "pre"):
                block = _block(tag, element)
                if block is not None:
                    page.blocks.append(block)
            if not skipping:
                element.clear(keep_tail=True)
                while element.getprevious() is not None:
                    del element.getparent()[0]
    parser.close()
    page.title = page.title or page.head_title
    return page
