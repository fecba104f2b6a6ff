"""Inspection formats: Markdown, plain text and the model as JSON.

Markdown and text share one renderer (dispatch by node kind); text only drops the markup.
Links pass through ``safe_href`` like every other writer, so a hostile href never reaches a file.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from clearread import model
from clearread.links import safe_href
from clearread.writers import WriteOptions
from clearread.writers.labels import human_date, join_names, labels_for

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")
_MD_LINE_START = re.compile(r"^(\s*)([#>+-]|\d+[.)])(?=\s)", re.MULTILINE)


def _indent(text: str, prefix: str, first: str | None = None) -> str:
    lines = text.split("\n")
    head = first if first is not None else prefix
    return "\n".join([head + lines[0]] + [(prefix + ln) if ln else ln for ln in lines[1:]])


def _padded(rows: list[list[str]]) -> list[list[str]]:
    """Rows filled out with empty cells to the widest row (a pipe table needs equal rows)."""
    width = max(len(row) for row in rows)
    return [row + [""] * (width - len(row)) for row in rows]


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


class MarkdownRenderer(model.Dispatch):
    """CommonMark output; every method returns the text for one node."""

    def render(self, nodes: tuple[object, ...]) -> str:
        return "".join([self.method(n)(n) for n in nodes])

    def blocks(self, nodes: tuple[object, ...]) -> str:
        parts = (self.dispatch(n) for n in nodes)
        return "\n\n".join(p for p in parts if p)

    def escape(self, text: str) -> str:
        return _MD_LINE_START.sub(r"\1\\\2", _MD_SPECIAL.sub(r"\\\1", text))

    def document(self, doc: model.Document) -> str:
        return self.header(doc.meta) + self.blocks(doc.blocks) + "\n"

    def header(self, meta: model.Metadata) -> str:
        lines = [f"# {self.escape(meta.title)}"] if meta.title else []
        if meta.subtitle:
            lines.append(f"*{self.escape(meta.subtitle)}*")
        lines.extend(self.escape(line) for line in byline(meta))
        return "\n\n".join(lines) + "\n\n" if lines else ""

    def render_text(self, node: model.Text) -> str:
        return self.escape(node.text)

    def render_emphasis(self, node: model.Emphasis) -> str:
        return f"*{self.render(node.children)}*"

    def render_strong(self, node: model.Strong) -> str:
        return f"**{self.render(node.children)}**"

    def render_link(self, node: model.Link) -> str:
        href = safe_href(node.href)
        text = self.render(node.children)
        return f"[{text}](<{href.replace('>', '%3E')}>)" if href else text

    def render_code(self, node: model.Code) -> str:
        fence = "``" if "`" in node.text else "`"
        return f"{fence}{node.text}{fence}"

    def render_line_break(self, node: model.LineBreak) -> str:
        return "\\\n"

    def render_heading(self, node: model.Heading) -> str:
        return f"{'#' * min(6, node.level + 1)} {self.render(node.children)}"

    def render_paragraph(self, node: model.Paragraph) -> str:
        return self.render(node.children)

    def render_quote(self, node: model.Quote) -> str:
        return _indent(self.blocks(node.blocks), "> ").replace("\n\n", "\n>\n")

    def render_list(self, node: model.List) -> str:
        marks = [f"{n}. " if node.ordered else "- " for n in range(1, len(node.items) + 1)]
        return "\n".join(_indent(self.dispatch(item), " " * len(mark), mark)
                         for mark, item in zip(marks, node.items, strict=True))

    def render_list_item(self, node: model.ListItem) -> str:
        return self.blocks(node.blocks)

    def render_figure(self, node: model.Figure) -> str:
        caption = self.render(node.caption)
        parts = [f"Image: {self.escape(node.alt)}" if node.alt else "", caption]
        return "\n\n".join(p for p in parts if p)

    def render_preformatted(self, node: model.Preformatted) -> str:
        fence = "~~~~" if "```" in node.text else "```"
        return f"{fence}\n{node.text.rstrip()}\n{fence}"

    def render_table(self, node: model.Table) -> str:
        rows = _padded([[self.dispatch(cell) for cell in row] for row in node.rows])
        lines = [_row(rows[0]), "|" + " --- |" * len(rows[0]), *map(_row, rows[1:])]
        caption = self.render(node.caption)
        return "\n".join(lines) + (f"\n\n{caption}" if caption else "")

    def render_cell(self, node: model.Cell) -> str:
        return self.render(node.children).replace("\n", " ")

    def render_break(self, node: model.Break) -> str:
        return "* * *"


class TextRenderer(MarkdownRenderer):
    """Plain text: the Markdown layout without markup or escaping."""

    def escape(self, text: str) -> str:
        return text

    def header(self, meta: model.Metadata) -> str:
        lines = [meta.title, "=" * min(len(meta.title), 70)] if meta.title else []
        if meta.subtitle:
            lines += ["", meta.subtitle]
        info = byline(meta)
        if info:
            lines += ["", *info]
        return "\n".join(lines) + "\n\n" if lines else ""

    def render_emphasis(self, node: model.Emphasis) -> str:
        return self.render(node.children)

    render_strong = render_emphasis

    def render_link(self, node: model.Link) -> str:
        return self.render(node.children)

    def render_code(self, node: model.Code) -> str:
        return node.text

    def render_line_break(self, node: model.LineBreak) -> str:
        return "\n"

    def render_heading(self, node: model.Heading) -> str:
        text = self.render(node.children)
        return f"{text}\n{'-' * min(len(text), 70)}"

    def render_preformatted(self, node: model.Preformatted) -> str:
        return _indent(node.text.rstrip(), "    ")

    def render_table(self, node: model.Table) -> str:
        lines = ["   ".join(self.dispatch(cell) for cell in row) for row in node.rows]
        caption = self.render(node.caption)
        return "\n".join(([caption] if caption else []) + lines)


def byline(meta: model.Metadata) -> list[str]:
    """'By A and B', the date and the site/source, in the article's language, as the header
    lines of text outputs (the same words the visual writers use)."""
    labels = labels_for(meta.language or "en")
    lines = []
    if meta.authors:
        lines.append(labels.by.format(names=join_names(meta.authors, labels)))
    day = model.published_day(meta.published)
    if meta.published:
        lines.append(f"{labels.published} {human_date(day, labels) if day else meta.published}")
    source = " — ".join(x for x in (meta.site_name, meta.source_url) if x)
    if source:
        lines.append(f"{labels.source} {source}")
    return lines


RENDERERS = {"md": MarkdownRenderer, "txt": TextRenderer}


def render(doc: model.Document, fmt: str) -> str:
    if fmt == "json":
        return model.to_json(doc) + "\n"
    return RENDERERS[fmt]().document(doc)


def write(doc: model.Document, dest: Path, options: WriteOptions, fmt: str) -> None:
    with dest.open("w", encoding="utf-8") as out:
        if fmt == "json":      # streamed: a huge article never exists twice as one string
            json.dump(model.to_dict(doc), out, ensure_ascii=False, indent=1)
            out.write("\n")
        else:
            out.write(render(doc, fmt))
