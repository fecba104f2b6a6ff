"""Property tests across the pipeline: random pages into the readers, random documents into every
writer. Readers may only return a Document or raise a ClearreadError; writers must always produce
well-formed, script-free output. ``CLEARREAD_FUZZ=1`` runs the long profile."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from epubcheck_runner import check
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from lxml import etree, html

from clearread import model as m
from clearread.cleanup import clean
from clearread.errors import ClearreadError
from clearread.pipeline import read_bytes
from clearread.writers import FORMATS, WriteOptions, write

settings.register_profile("fuzz-quick", max_examples=15, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow,
                                                 HealthCheck.function_scoped_fixture])
settings.register_profile("fuzz-long", max_examples=400, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow,
                                                 HealthCheck.function_scoped_fixture])
FUZZ = settings.get_profile("fuzz-long" if os.environ.get("CLEARREAD_FUZZ") == "1"
                            else "fuzz-quick")
#: EPUBCheck costs seconds a book: a few samples, and no shrinking (it would take minutes).
EPUB_SAMPLES = settings(FUZZ, max_examples=3, phases=(Phase.explicit, Phase.generate))

# --- random pages --------------------------------------------------------------------------------

TAGS = ("p", "div", "span", "a", "b", "i", "em", "h1", "h2", "h3", "ul", "ol", "li", "table",
        "tr", "td", "th", "pre", "code", "blockquote", "figure", "img", "figcaption", "br", "hr",
        "script", "style", "svg", "iframe", "form", "meta", "title", "article", "nav", "base")
ATTRS = ("href", "src", "onclick", "style", "class", "id", "lang", "charset", "alt", "rel")
URLS = ("javascript:alert(1)", " JaVaScRiPt:x", "data:text/html,x", "vbscript:x", "https://a.example/",
        "/rel/path", "#frag", "mailto:a@b.example", "file:///etc/passwd", "http://[::1", "")
WORDS = st.sampled_from(("harbour", "gates", "the", "tide", "market", "and", "opened", "water",
                         "&amp;", "&lt;", "&#0;", "&#xD800;", "&bogus;", "\u202e", "é", "港口",
                         "\x00", "\x0b", "🦀", "]]>", "<!--", "-->", "<![CDATA["))


@st.composite
def html_fragment(draw: st.DrawFn, depth: int = 0) -> str:
    if depth > 4 or draw(st.booleans()):
        words = draw(st.lists(WORDS | st.text(max_size=12), max_size=30))
        return " ".join(words)
    tag = draw(st.sampled_from(TAGS))
    attrs = "".join(f' {a}="{draw(st.sampled_from(URLS) | st.text(max_size=8))}"'
                    for a in draw(st.lists(st.sampled_from(ATTRS), max_size=3)))
    inner = "".join(draw(st.lists(html_fragment(depth + 1), max_size=4)))
    closed = draw(st.booleans())
    return f"<{tag}{attrs}>{inner}" + (f"</{tag}>" if closed else "")


@st.composite
def html_page(draw: st.DrawFn) -> bytes:
    body = "".join(draw(st.lists(html_fragment(), max_size=6)))
    if draw(st.booleans()):  # often a real article too, so extraction paths run
        body += "".join(f"<p>{p}</p>" for p in draw(st.lists(st.sampled_from((
            "The harbour master opened the sluice gates at dawn, and the tide came in without "
            "flooding the fish market for the first time in a decade of storms.",
            "Engineers replaced only the hinges and the seals, keeping the old oak leaves that "
            "local carpenters fitted long ago, and the job cost less than a footbridge.")),
            min_size=1, max_size=4)))
    page = f"<!DOCTYPE html><html><head><title>{draw(st.text(max_size=20))}</title></head>" \
           f"<body>{body}</body></html>"
    encoding = draw(st.sampled_from(("utf-8", "utf-16", "cp1252", "latin-1")))
    return page.encode(encoding, errors="replace")


def read_or_refuse(data: bytes, kind: str) -> None:
    try:
        doc = read_bytes(data, "fuzz.html", kind=kind)
    except ClearreadError:
        return
    assert isinstance(doc, m.Document)
    m.validate(doc)
    assert m.from_json(m.to_json(doc)) == doc


@FUZZ
@given(html_page(), st.sampled_from(("auto", "html", "text")))
def test_random_pages_give_a_document_or_a_clear_error(data: bytes, kind: str) -> None:
    read_or_refuse(data, kind)


@FUZZ
@given(st.binary(max_size=2000) | st.text(max_size=2000).map(str.encode),
       st.sampled_from(("auto", "html", "text")))
def test_random_bytes_give_a_document_or_a_clear_error(data: bytes, kind: str) -> None:
    read_or_refuse(data, kind)


# --- hostile sizes: every reader step is linear or bounded ---------------------------------------

PROSE = "".join(f"<p>The harbour master opened the sluice gates at dawn, paragraph {i}, and the "
                "tide came in without flooding the market.</p>" for i in range(6))
HYPHENS = "-".join(["word"] * 16_000)                        # one 80 KB token
SLOW_INPUTS = {
    "jsonld-array": (f'<html><head><script type="application/ld+json">{json.dumps([1] * 530_000)}'
                     f"</script></head><body><article><h1>Gates</h1>{PROSE}</article></body>"
                     "</html>", "html"),
    "hyphen-token-dump": ("Gates opened at dawn\n\n" + "The tide came in without flooding the "
                          "market for once. " * 5 + f"\n\n{HYPHENS}\n\nMore prose here.\n",
                          "text"),
    "hyphen-token-alone": (HYPHENS * 4, "text"),
}
TIME_BUDGET = 5.0       # seconds; these took 18 to 25 s when a step was quadratic


@pytest.mark.parametrize("name", SLOW_INPUTS)
def test_huge_tokens_and_arrays_read_in_linear_time(name: str) -> None:
    page, kind = SLOW_INPUTS[name]
    started = time.perf_counter()
    read_or_refuse(page.encode(), kind)
    assert time.perf_counter() - started < TIME_BUDGET


# --- random documents ----------------------------------------------------------------------------

TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
ODD_URL = 'https://ok.example/a?b=<c>&d="e" f'
HREF = st.sampled_from(URLS) | st.text(max_size=20) | st.just(ODD_URL)


def inlines(leaf_only: bool = False) -> st.SearchStrategy[tuple[m.Inline, ...]]:
    leaves = st.one_of(TEXT.map(m.Text), TEXT.map(m.Code), st.just(m.LineBreak()))
    tree = st.recursive(leaves, lambda kids: st.one_of(
        st.tuples(kids).map(m.Emphasis), st.tuples(kids).map(m.Strong),
        st.builds(m.Link, HREF, st.tuples(kids))), max_leaves=6)
    return st.lists(leaves if leaf_only else tree, min_size=1, max_size=5).map(tuple)


SIMPLE_BLOCKS = st.one_of(
    st.builds(m.Paragraph, inlines()),
    st.builds(m.Heading, st.integers(1, 6), inlines()),
    st.builds(m.Preformatted, TEXT),
    st.builds(m.Figure, HREF, TEXT, inlines() | st.just(())),
    st.builds(m.Table, st.lists(st.lists(st.builds(m.Cell, inlines(), st.booleans()),
                                         min_size=1, max_size=3).map(tuple),
                                min_size=1, max_size=3).map(tuple), inlines() | st.just(())),
    st.just(m.Break()),
)
BLOCKS = st.recursive(SIMPLE_BLOCKS, lambda kids: st.one_of(
    st.lists(kids, min_size=1, max_size=3).map(tuple).map(m.Quote),
    st.builds(m.List, st.booleans(), st.lists(
        st.lists(kids, min_size=1, max_size=2).map(tuple).map(m.ListItem),
        min_size=1, max_size=3).map(tuple))), max_leaves=8)
LEAD = m.Paragraph((m.Text("The tide came in without flooding the market."),))
DOCUMENTS = st.builds(
    m.Document,
    meta=st.builds(m.Metadata, title=TEXT, subtitle=TEXT, authors=st.lists(TEXT, max_size=3)
                   .map(tuple), published=st.none() | st.just("2024-05-01"),
                   source_url=HREF, site_name=TEXT,
                   language=st.sampled_from(("", "en", "ar", "zh-Hans", "x-bogus", "en<>"))),
    # readers never hand writers an article without prose (they raise NoArticleError)
    blocks=st.lists(BLOCKS, max_size=6).map(lambda bs: (LEAD, *bs)))


def write_one(doc: m.Document, fmt: str, folder: Path) -> Path:
    """Write as the pipeline does: every reader's output has been through ``cleanup.clean``."""
    doc = clean(doc)
    dest = folder / f"doc{FORMATS[fmt].extension}"
    write(doc, dest, FORMATS[fmt], WriteOptions())
    assert dest.stat().st_size > 0
    return dest


def assert_no_script(root: etree._Element, where: str) -> None:
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        assert etree.QName(el).localname.lower() not in {"script", "iframe", "object",
                                                          "embed", "form", "base"}, where
        for name, value in el.attrib.items():
            assert not etree.QName(name).localname.lower().startswith("on"), (where, name)
            if name in ("href", "src"):
                scheme = value.split(":", 1)[0].strip().lower() if ":" in value else ""
                assert scheme in {"", "http", "https", "mailto", "data"}, (where, value)
                assert scheme != "data" or (name == "src" and value.startswith("data:image/")), \
                    (where, value)


@FUZZ
@given(doc=DOCUMENTS)
def test_random_documents_round_trip_json(doc: m.Document) -> None:
    m.validate(doc)
    assert m.from_json(m.to_json(doc)) == doc


@FUZZ
@given(doc=DOCUMENTS)
def test_random_documents_to_text_and_markdown(doc: m.Document, tmp_path: Path) -> None:
    for fmt in ("txt", "md", "json"):
        text = write_one(doc, fmt, tmp_path).read_text(encoding="utf-8")
        if fmt == "json":
            assert m.from_json(text) == clean(doc)
        for url in ("javascript:", "vbscript:", "data:text", "file:///"):
            assert f"({url}" not in text.lower() and f"(<{url}" not in text.lower()


@FUZZ
@given(doc=DOCUMENTS)
def test_random_documents_to_html(doc: m.Document, tmp_path: Path) -> None:
    page = write_one(doc, "html", tmp_path).read_bytes()
    root = html.document_fromstring(page)
    assert_no_script(root, "html")
    assert root.find(".//body") is not None


@EPUB_SAMPLES
@given(doc=DOCUMENTS)
def test_random_documents_to_epub(doc: m.Document, tmp_path: Path) -> None:
    book = write_one(doc, "epub", tmp_path)
    with zipfile.ZipFile(book) as z:
        for name in z.namelist():
            if name.endswith(".xhtml"):
                assert_no_script(etree.fromstring(z.read(name)), name)
    (counts, output), = check([book]).values()
    assert counts[:2] == (0, 0), output[-3000:]


def test_epub_link_with_odd_characters_is_valid(tmp_path: Path) -> None:
    doc = m.Document(m.Metadata(title="Odd link"), (
        LEAD, m.Paragraph((m.Text("See "), m.Link(ODD_URL, (m.Text("the notes"),)))),))
    (counts, output), = check([write_one(doc, "epub", tmp_path)]).values()
    assert counts[:2] == (0, 0), output[-2000:]


def test_epub_nested_links_are_valid(tmp_path: Path) -> None:
    """A link inside a link (the model allows it, XHTML does not) keeps the inner text only."""
    inner = m.Link("https://b.example/", (m.Text("inner"),))
    doc = m.Document(m.Metadata(title="Nested links"), (
        LEAD, m.Paragraph((m.Link("https://a.example/", (m.Text("outer "), inner)),)),))
    book = write_one(doc, "epub", tmp_path)
    (counts, output), = check([book]).values()
    assert counts[:2] == (0, 0), output[-2000:]


@pytest.mark.parametrize(("env", "examples"), [("1", 400), ("", 15)])
def test_fuzz_profile_follows_the_environment(env: str, examples: int) -> None:
    """CLEARREAD_FUZZ=1 really selects the long profile (and nothing else does)."""
    code = "import test_fuzz; print(test_fuzz.FUZZ.max_examples)"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=Path(__file__).parent, env={**os.environ, "CLEARREAD_FUZZ": env},
                          timeout=120)
    assert proc.stdout.split()[-1] == str(examples), proc.stderr


if __name__ == "__main__":
    pytest.main([__file__])
