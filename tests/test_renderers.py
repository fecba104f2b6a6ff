"""Every renderer shares the model's one dispatch and handles every node kind it declares: a
document holding every kind goes through each renderer, and each meets all of its kinds."""

from __future__ import annotations

import dataclasses
import importlib
import inspect
import pkgutil
from collections.abc import Callable

import pytest

import clearread.speech
import clearread.writers
from clearread import model as m
from clearread.speech import script
from clearread.writers import epub, html, markup, read_aloud, text_formats
from clearread.writers.labels import LABELS

for package in (clearread.writers, clearread.speech):   # every renderer class gets defined
    for info in pkgutil.walk_packages(package.__path__, f"{package.__name__}."):
        importlib.import_module(info.name)

EN = LABELS["en"]


def no_image(figure: m.Figure) -> None:
    return None


SAMPLE = m.Document(m.Metadata(title="Every kind", authors=("A. Writer",)), (
    m.Heading(1, (m.Text("Section"),)),
    m.Paragraph((m.Text("Plain "), m.Emphasis((m.Text("soft"),)), m.Strong((m.Text("bold"),)),
                 m.Link("https://a.example/", (m.Text("link"),)), m.Code("x = 1"),
                 m.LineBreak(), m.Text("end."))),
    m.Quote((m.Paragraph((m.Text("Quoted."),)),)),
    m.List(True, (m.ListItem((m.Paragraph((m.Text("One."),)),)),
                  m.ListItem((m.Paragraph((m.Text("Two."),)), m.Paragraph((m.Text("More."),)))))),
    m.Figure("pic.png", "A picture", (m.Text("Its caption"),)),
    m.Preformatted("print(1)"),
    m.Table(((m.Cell((m.Text("Head"),), header=True),), (m.Cell((m.Text("Value"),)),)),
            (m.Text("A table"),)),
    m.Break(),
))

#: How each renderer is run on a document; a new renderer must be added here.
RUNS: dict[type, Callable[[m.Document], object]] = {
    markup.HtmlRenderer: lambda doc: markup.HtmlRenderer().blocks(doc.blocks),
    html.PageRenderer: lambda doc: html.PageRenderer(no_image, EN).blocks(doc.blocks),
    epub._Renderer: lambda doc: epub._Renderer(no_image, "a1", EN).blocks(doc.blocks),
    read_aloud._Renderer: lambda doc: read_aloud._Renderer(no_image, "a1", EN).blocks(doc.blocks),
    text_formats.MarkdownRenderer: lambda doc: text_formats.render(doc, "md"),
    text_formats.TextRenderer: lambda doc: text_formats.render(doc, "txt"),
    script._Scripter: script.script,
}


def subclasses(cls: type) -> set[type]:
    return {sub for direct in cls.__subclasses__() for sub in {direct, *subclasses(direct)}}


def test_every_node_class_is_content_or_frame() -> None:
    """A new node class must say whether renderers meet it (and then every renderer must)."""
    kinds = {cls.kind for _, cls in inspect.getmembers(m, inspect.isclass)
             if dataclasses.is_dataclass(cls) and hasattr(cls, "kind")}
    assert kinds == m.CONTENT_KINDS | m.FRAME_KINDS == set(m.NODE_TYPES)
    assert not m.CONTENT_KINDS & m.FRAME_KINDS


def test_sample_holds_every_content_kind() -> None:
    assert {node.kind for node in m.walk(SAMPLE)} == m.CONTENT_KINDS | {"document", "metadata"}


def test_every_renderer_is_run() -> None:
    assert subclasses(m.Dispatch) == set(RUNS)


@pytest.mark.parametrize("renderer", list(RUNS), ids=lambda cls: cls.__qualname__)
def test_renderer_handles_every_kind(renderer: type, monkeypatch: pytest.MonkeyPatch) -> None:
    """Whole renderers handle every content kind; block-only ones (the speech script reads
    list items and cells through their list and table) declare the block kinds."""
    assert renderer.kinds in (m.CONTENT_KINDS, m.BLOCK_KINDS)
    assert all(callable(getattr(renderer, renderer.method_prefix + kind, None))
               for kind in renderer.kinds)
    seen: set[str] = set()
    original = m.Dispatch.method

    def spy(self: m.Dispatch, node: object) -> Callable[[object], object]:
        seen.add(node.kind)
        return original(self, node)

    monkeypatch.setattr(m.Dispatch, "method", spy)
    assert RUNS[renderer](SAMPLE)
    assert seen == renderer.kinds
