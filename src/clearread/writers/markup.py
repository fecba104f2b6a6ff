"""Model → HTML fragment, shared by the large-print page and the EPUB's XHTML documents.

One short method per node kind (dispatch by ``node.kind``, like mistune's renderers). Output is
well-formed XHTML that is also valid HTML5: every value escaped, void elements self-closed.
Links pass through ``safe_href``; images go through an ``image_src`` callback so each writer
decides how to embed them (data URI, EPUB item) — an image without one is shown as its text.
"""

from __future__ import annotations

import dataclasses
import html
import re
from collections.abc import Callable, Iterable

from clearread import model
from clearread.links import safe_href
from clearread.writers.labels import LABELS, Labels, human_date, join_names
from clearread.writers.typography import typeset

_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def escape(value: str, quote: bool = True) -> str:
    """``html.escape`` that also drops characters XML forbids, so XHTML always parses."""
    return html.escape(_XML_INVALID.sub("", value), quote=quote)


def text(value: str) -> str:
    """Escaped, typeset text for an element's content."""
    return escape(typeset(value.strip()), quote=False)


def byline_lines(meta: model.Metadata, labels: Labels) -> list[str]:
    """Subtitle, 'By …' and publication date as HTML paragraphs, in the article's language
    (the large-print page header and the EPUB title page share them)."""
    lines = []
    if meta.subtitle.strip():
        lines.append(f'<p class="subtitle">{text(meta.subtitle)}</p>')
    names = tuple(a.strip() for a in meta.authors if a.strip())
    if names:
        lines.append(f'<p class="byline">{text(labels.by.format(names=join_names(names, labels)))}'
                     "</p>")
    day = model.published_day(meta.published)
    if day is not None:
        stamp = f'<time datetime="{day.isoformat()}">{text(human_date(day, labels))}</time>'
        lines.append(f'<p class="meta date">{text(labels.published)} {stamp}</p>')
    elif meta.published and meta.published.strip():
        lines.append(f'<p class="meta date">{text(meta.published)}</p>')
    return lines


def _xml_safe_node(node: object) -> object:
    changes = {}
    for f in dataclasses.fields(node):
        value = getattr(node, f.name)
        if isinstance(value, str):
            changes[f.name] = _XML_INVALID.sub("", value)
        elif isinstance(value, tuple) and value and all(isinstance(v, str) for v in value):
            changes[f.name] = tuple(_XML_INVALID.sub("", v) for v in value)
    return dataclasses.replace(node, **changes)


def xml_safe(doc: model.Document) -> model.Document:
    """The document without characters XML forbids, for writers that hand text to XML
    libraries directly (a document from JSON may not have been through cleanup)."""
    return model.transform(doc, _xml_safe_node)


def attr(value: str) -> str:
    return escape(value, quote=True)


class HtmlRenderer(model.Dispatch):
    """Render blocks and inlines; writers renumber headings first (see ``outline``)."""

    def __init__(self, image_src: Callable[[model.Figure], str | None] = lambda fig: None,
                 labels: Labels = LABELS["en"]) -> None:
        self.image_src = image_src
        self.labels = labels
        self.in_link = False

    def render(self, nodes: Iterable[object]) -> str:
        return "".join([self.method(node)(node) for node in nodes])

    def blocks(self, nodes: Iterable[object]) -> str:
        return "\n".join(self.dispatch(node) for node in nodes)

    # inlines
    def render_text(self, node: model.Text) -> str:
        return escape(typeset(node.text), quote=False)

    def render_emphasis(self, node: model.Emphasis) -> str:
        return f"<em>{self.render(node.children)}</em>"

    def render_strong(self, node: model.Strong) -> str:
        return f"<strong>{self.render(node.children)}</strong>"

    def render_link(self, node: model.Link) -> str:
        """A link; one inside another keeps only its text (HTML forbids nested links)."""
        href = None if self.in_link else safe_href(node.href)
        self.in_link, outer = True, self.in_link
        inner = self.render(node.children)
        self.in_link = outer
        if href is None:
            return inner
        return f'<a href="{attr(href)}" rel="noopener noreferrer">{inner}</a>'

    def render_code(self, node: model.Code) -> str:
        return f"<code>{escape(node.text, quote=False)}</code>"

    def render_line_break(self, node: model.LineBreak) -> str:
        return "<br/>"

    # blocks
    def render_heading(self, node: model.Heading) -> str:
        return f"<h{node.level}>{self.render(node.children)}</h{node.level}>"

    def render_paragraph(self, node: model.Paragraph) -> str:
        return f"<p>{self.render(node.children)}</p>"

    def render_quote(self, node: model.Quote) -> str:
        return f"<blockquote>\n{self.blocks(node.blocks)}\n</blockquote>"

    def render_list(self, node: model.List) -> str:
        tag = "ol" if node.ordered else "ul"
        return f"<{tag}>\n{self.blocks(node.items)}\n</{tag}>"

    def render_list_item(self, node: model.ListItem) -> str:
        if len(node.blocks) == 1 and isinstance(node.blocks[0], model.Paragraph):
            return f"<li>{self.render(node.blocks[0].children)}</li>"
        return f"<li>{self.blocks(node.blocks)}</li>"

    def render_figure(self, node: model.Figure) -> str:
        src = self.image_src(node)
        caption = self.render(node.caption)
        if src is None:
            text = escape(typeset(node.alt), quote=False)
            label = escape(self.labels.image, quote=False)
            picture = f'<p class="image-text">{label}: {text}</p>' if node.alt else ""
        else:
            picture = f'<img src="{attr(src)}" alt="{attr(typeset(node.alt))}"/>'
        figcaption = f"<figcaption>{caption}</figcaption>" if caption else ""
        return f"<figure>{picture}{figcaption}</figure>" if picture or figcaption else ""

    def render_preformatted(self, node: model.Preformatted) -> str:
        return f"<pre>{escape(node.text, quote=False)}</pre>"

    def render_table(self, node: model.Table) -> str:
        caption = f"<caption>{self.render(node.caption)}</caption>" if node.caption else ""
        rows = "\n".join(f"<tr>{self.render(row)}</tr>" for row in node.rows)
        return f"<table>{caption}\n{rows}\n</table>"

    def render_cell(self, node: model.Cell) -> str:
        tag = "th" if node.header else "td"
        return f"<{tag}>{self.render(node.children)}</{tag}>"

    def render_break(self, node: model.Break) -> str:
        return "<hr/>"
