"""EPUB writer: real books, checked by EPUBCheck and read back with zipfile + lxml."""

from __future__ import annotations

import itertools
import json
import os
import re
import subprocess
import zipfile
from pathlib import Path

import epub_docs
import pytest
from epubcheck_runner import check
from lxml import etree

from clearread import model
from clearread.errors import OutputError
from clearread.images import prepare_image
from clearread.writers import WriteOptions, epub
from clearread.writers.typography import typeset

ROOT = Path(__file__).resolve().parents[1]
NS = {"opf": "http://www.idpf.org/2007/opf", "dc": "http://purl.org/dc/elements/1.1/",
      "x": "http://www.w3.org/1999/xhtml", "epub": "http://www.idpf.org/2007/ops"}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
OPTIONS = WriteOptions()
BUNDLE = WriteOptions(bundle_title="Weekend reading")


class Book:
    """An EPUB opened for reading back: the OPF, the spine's documents, the nav."""

    def __init__(self, path: Path) -> None:
        self.zip = zipfile.ZipFile(path)
        container = etree.fromstring(self.zip.read("META-INF/container.xml"))
        self.opf_path = container.xpath("//*[local-name()='rootfile']/@full-path")[0]
        self.base = self.opf_path.rsplit("/", 1)[0] + "/"
        self.opf = etree.fromstring(self.zip.read(self.opf_path))
        self.manifest = {i.get("id"): i for i in self.opf.xpath("//opf:item", namespaces=NS)}

    def meta(self, prop: str) -> list[str]:
        return self.opf.xpath(f"//opf:meta[@property='{prop}']/text()", namespaces=NS)

    def dc(self, name: str) -> list[str]:
        return self.opf.xpath(f"//dc:{name}/text()", namespaces=NS)

    def spine(self) -> list[str]:
        ids = self.opf.xpath("//opf:itemref/@idref", namespaces=NS)
        return [self.manifest[i].get("href") for i in ids]

    def doc(self, href: str) -> etree._Element:
        return etree.fromstring(self.zip.read(self.base + href))

    def nav(self) -> etree._Element:
        href = self.opf.xpath("//opf:item[@properties='nav']/@href", namespaces=NS)[0]
        return self.doc(href)

    def toc(self) -> list[tuple[int, str, str]]:
        """(depth, text, href) of every nav TOC link, in order."""
        links = self.nav().xpath("//x:nav[@epub:type='toc']//x:a", namespaces=NS)
        return [(len(a.xpath("ancestor::x:ol", namespaces=NS)), a.text, a.get("href"))
                for a in links]

    def xhtml(self) -> list[str]:
        return [n for n in self.zip.namelist() if n.endswith(".xhtml")]


def write(doc: model.Document, path: Path) -> Book:
    epub.write(doc, path, OPTIONS, "epub")
    return Book(path)


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def reading_order(node: object) -> list[object]:
    """Nodes in the order a page shows them (a table's caption comes before its rows)."""
    kids = ([*node.caption, *(c for row in node.rows for c in row)]
            if isinstance(node, model.Table)
            else list(model.children(node)))
    return [node] + [n for kid in kids for n in reading_order(kid)]


def expected_text(doc: model.Document) -> str:
    """What the article body should read: the model's text, as the visual writers typeset it."""
    parts = []
    for node in reading_order(doc):
        if isinstance(node, model.Text):
            parts.append(typeset(node.text))
        elif isinstance(node, model.Code | model.Preformatted):
            parts.append(node.text)
        elif isinstance(node, model.Figure) and doc.resource(node.src) is None and node.alt:
            parts.append(f"Image: {typeset(node.alt)}")
    return squash("".join(parts))


def body_text(book: Book, hrefs: list[str]) -> str:
    text = []
    for href in hrefs:
        body = book.doc(href).find("x:body", NS)
        for page in body.xpath(".//x:section[@class='titlepage']", namespaces=NS):
            page.getparent().remove(page)
        text.append("".join(body.itertext()))
    return squash("".join(text))


# --- EPUBCheck: one JVM for every book ------------------------------------------------------


def _example_docs() -> list[tuple[str, model.Document]]:
    from clearread.pipeline import read

    docs = []
    for path in sorted((ROOT / "examples").glob("*")):
        if path.suffix in {".html", ".htm", ".txt"}:
            docs.append((path.stem, read(str(path))))
    return docs


@pytest.fixture(scope="module")
def checked(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[tuple[int, ...], str]]:
    out = tmp_path_factory.mktemp("epubcheck")
    books = {"rich": epub_docs.rich(), "french": epub_docs.french(),
             "minimal": epub_docs.minimal(), "long": epub_docs.long()}
    paths = {}
    for name, doc in books.items():
        paths[name] = out / f"{name}.epub"
        epub.write(doc, paths[name], OPTIONS, "epub")
    examples = _example_docs()
    for name, doc in examples:
        paths[f"example-{name}"] = out / f"example-{name}.epub"
        epub.write(doc, paths[f"example-{name}"], OPTIONS, "epub")
    paths["bundle"] = out / "bundle.epub"
    epub.write_bundle([epub_docs.rich(), epub_docs.french(), epub_docs.long(3)], paths["bundle"],
                      BUNDLE, "epub")
    paths["examples-bundle"] = out / "examples-bundle.epub"
    epub.write_bundle([d for _, d in examples], paths["examples-bundle"], BUNDLE, "epub")
    results = check(list(paths.values()))
    return {name: results[path] for name, path in paths.items()}


def test_epubcheck_reports_nothing_for_any_book(checked: dict) -> None:
    assert {"rich", "french", "minimal", "long", "bundle", "examples-bundle"} <= set(checked)
    assert any(name.startswith("example-") for name in checked)
    for name, (counts, output) in checked.items():
        assert counts == (0, 0, 0), f"{name}: fatal/error/warning = {counts}\n{output[-3000:]}"


# --- reading the book back -------------------------------------------------------------------


def test_package_metadata_and_accessibility(tmp_path: Path) -> None:
    doc = epub_docs.rich()
    book = write(doc, tmp_path / "a.epub")
    assert book.zip.namelist()[0] == "mimetype"
    assert book.zip.infolist()[0].compress_type == zipfile.ZIP_STORED
    assert book.zip.read("mimetype") == b"application/epub+zip"
    assert book.opf.get(XML_LANG) == "en"
    assert book.dc("title") == [doc.meta.title]
    assert book.dc("language") == ["en"]
    assert book.dc("creator") == ["Ann Lee", "Bo Ström"]
    assert book.dc("source") == [doc.meta.source_url]
    assert book.dc("publisher") == ["Example News"]
    assert book.dc("date") == ["2024-03-05"]
    assert book.dc("identifier")[0].startswith("urn:uuid:")
    assert book.meta("dcterms:modified") == ["2024-03-05T00:00:00Z"]
    assert book.meta("schema:accessMode") == ["textual", "visual"]
    assert "textual" in book.meta("schema:accessModeSufficient")
    assert set(book.meta("schema:accessibilityFeature")) == {
        "structuralNavigation", "tableOfContents", "readingOrder", "displayTransformability",
        "alternativeText"}
    assert book.meta("schema:accessibilityHazard") == ["none"]
    assert book.meta("schema:accessibilitySummary")
    assert book.meta("dcterms:conformsTo") == ["EPUB Accessibility 1.1 - WCAG 2.1 Level AA"]
    assert book.meta("a11y:certifiedBy") == []  # the book declares, it does not certify itself


def test_alternative_text_is_not_claimed_when_an_image_lacks_it(tmp_path: Path) -> None:
    doc = epub_docs.rich()
    blocks = tuple(model.Figure(b.src, "", ()) if isinstance(b, model.Figure) else b
                   for b in doc.blocks)
    book = write(model.Document(doc.meta, blocks, doc.resources), tmp_path / "a.epub")
    assert "alternativeText" not in book.meta("schema:accessibilityFeature")


def test_spine_nav_and_body_text_follow_the_model(tmp_path: Path) -> None:
    doc = epub_docs.rich()
    book = write(doc, tmp_path / "a.epub")
    assert book.spine() == ["cover.xhtml", "nav.xhtml", "a001.xhtml"]
    assert [(d, t) for d, t, _ in book.toc()] == [
        (1, doc.meta.title), (2, "How it works"), (3, "The pumps"),
        (4, "A deep heading that skips levels"), (2, "Costs")]
    for _, _, href in book.toc():
        name, _, anchor = href.partition("#")
        assert not anchor or book.doc(name).xpath(f"//*[@id='{anchor}']")
    assert body_text(book, ["a001.xhtml"]) == expected_text(doc)
    page = book.doc("a001.xhtml")
    levels = [int(h.tag[-1]) for h in page.iter() if re.fullmatch(r"\{.*\}h[1-6]", h.tag)]
    assert levels[0] == 1 and all(b - a <= 1 for a, b in itertools.pairwise(levels))
    header = "".join(page.xpath("//x:section[@class='titlepage']", namespaces=NS)[0].itertext())
    for fact in ("A quiet revolution", "By Ann Lee and Bo Ström", "5 March 2024", "Example News",
                 doc.meta.source_url):
        assert fact in header
    assert page.xpath("//x:time/@datetime", namespaces=NS) == ["2024-03-05"]


def test_images_are_embedded_or_described_never_remote(tmp_path: Path) -> None:
    doc = epub_docs.rich()
    book = write(doc, tmp_path / "a.epub")
    page = book.doc("a001.xhtml")
    srcs = page.xpath("//x:img/@src", namespaces=NS)
    assert len(srcs) == 1 and not srcs[0].startswith(("http:", "https:", "//"))
    assert book.zip.read(book.base + srcs[0]) == prepare_image(doc.resources[0].data).data
    assert page.xpath("//x:img/@alt", namespaces=NS) == ["A heat pump beside the quay"]
    assert "Image: Map of the pipes" in "".join(page.itertext())
    cover = book.doc("cover.xhtml").xpath("//x:img", namespaces=NS)[0]
    assert doc.meta.title in cover.get("alt")
    cover_item = book.opf.xpath("//opf:item[@properties='cover-image']", namespaces=NS)
    assert cover_item and cover_item[0].get("media-type") == "image/jpeg"
    for name in book.xhtml():
        assert b'src="http' not in book.zip.read(name)


def test_hostile_links_never_become_hrefs(tmp_path: Path) -> None:
    book = write(epub_docs.rich(url="javascript:alert('src')"), tmp_path / "a.epub")
    hrefs = [h for name in book.xhtml()
             for h in etree.fromstring(book.zip.read(name)).xpath("//@href")]
    assert "https://example.org/engineer" in hrefs
    for href in hrefs:
        assert re.match(r"(https?|mailto):|[\w./-]+\.(xhtml|css)(#|$)", href.strip()), href
    assert not book.dc("source")
    assert "bad 0" in "".join(book.doc("a001.xhtml").itertext())


def test_french_document_is_french_everywhere(tmp_path: Path) -> None:
    book = write(epub_docs.french(), tmp_path / "fr.epub")
    assert book.opf.get(XML_LANG) == "fr"
    assert book.dc("language") == ["fr"]
    for name in book.xhtml():
        root = etree.fromstring(book.zip.read(name))
        assert (root.get("lang"), root.get(XML_LANG)) == ("fr", "fr"), name
    assert "Table des matières" in "".join(book.nav().itertext())
    assert "Par Élise Martin" in "".join(book.doc("a001.xhtml").itertext())
    assert book.meta("dcterms:modified") == ["2023-11-20T08:30:00Z"]


def test_same_input_gives_identical_bytes(tmp_path: Path) -> None:
    for make, name in ((epub_docs.rich, "rich"), (epub_docs.long, "long")):
        epub.write(make(), tmp_path / f"{name}1.epub", OPTIONS, "epub")
        epub.write(make(), tmp_path / f"{name}2.epub", OPTIONS, "epub")
        first, second = (tmp_path / f"{name}{n}.epub" for n in (1, 2))
        assert first.read_bytes() == second.read_bytes()
    docs = [epub_docs.rich(), epub_docs.french()]
    epub.write_bundle(docs, tmp_path / "b1.epub", BUNDLE, "epub")
    epub.write_bundle(docs, tmp_path / "b2.epub", BUNDLE, "epub")
    assert (tmp_path / "b1.epub").read_bytes() == (tmp_path / "b2.epub").read_bytes()
    assert all(i.date_time == (1980, 1, 1, 0, 0, 0)
               for i in zipfile.ZipFile(tmp_path / "b1.epub").infolist())
    other = write(epub_docs.rich(url="https://news.example.org/other"), tmp_path / "o.epub")
    assert other.dc("identifier") != Book(tmp_path / "rich1.epub").dc("identifier")


def test_modified_date_without_article_date_is_source_date_epoch(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    book = write(epub_docs.minimal(), tmp_path / "m.epub")
    assert book.meta("dcterms:modified") == ["2023-11-14T22:13:20Z"]
    assert book.dc("title") == ["Untitled article"]


def test_long_article_is_split_at_top_level_headings(tmp_path: Path) -> None:
    doc = epub_docs.long()
    book = write(doc, tmp_path / "long.epub")
    parts = [h for h in book.spine() if h.startswith("a001")]
    assert len(parts) == 13
    for href in parts[1:]:
        first = book.doc(href).find("x:body", NS)[0]
        assert first.tag == f"{{{NS['x']}}}h2"
    toc = book.toc()
    assert [t for d, t, _ in toc if d == 2] == [f"Part {i}" for i in range(1, 13)]
    for _, _, href in toc:
        name, _, anchor = href.partition("#")
        assert not anchor or book.doc(name).xpath(f"//*[@id='{anchor}']")
    assert body_text(book, parts) == expected_text(doc)


def test_bundle_has_one_chapter_per_article_with_its_own_title_page(tmp_path: Path) -> None:
    docs = [epub_docs.rich(), epub_docs.french(), epub_docs.minimal()]
    epub.write_bundle(docs, tmp_path / "b.epub", BUNDLE, "epub")
    book = Book(tmp_path / "b.epub")
    assert book.dc("title") == ["Weekend reading"]
    assert book.dc("language") == ["en", "fr", "und"]
    assert book.spine() == ["cover.xhtml", "nav.xhtml", "a001.xhtml", "a002.xhtml", "a003.xhtml"]
    assert book.dc("source") == [docs[0].meta.source_url, docs[1].meta.source_url]
    top = [t for d, t, _ in book.toc() if d == 1]
    assert top == [docs[0].meta.title, docs[1].meta.title, "Untitled article"]
    nested = [(d, t) for d, t, h in book.toc() if h.startswith("a002")]
    assert nested == [(1, docs[1].meta.title), (2, "Les horaires")]
    for i, doc in enumerate(docs, start=1):
        page = book.doc(f"a{i:03d}.xhtml")
        assert page.get("lang") == model_lang(doc)
        h1 = page.xpath("//x:h1", namespaces=NS)
        assert len(h1) == 1
        assert body_text(book, [f"a{i:03d}.xhtml"]) == expected_text(doc)
    assert "Par Élise Martin" in "".join(book.doc("a002.xhtml").itertext())


def model_lang(doc: model.Document) -> str:
    return doc.meta.language or "und"


def test_empty_article_raises_and_leaves_no_file(tmp_path: Path) -> None:
    dest = tmp_path / "empty.epub"
    empty = model.Document(model.Metadata(title="Nothing here"),
                           (model.Paragraph((model.Text("  "),)),))
    with pytest.raises(OutputError):
        epub.write(empty, dest, OPTIONS, "epub")
    with pytest.raises(OutputError):
        epub.write_bundle([], dest, BUNDLE, "epub")
    with pytest.raises(OutputError):
        epub.write_bundle([epub_docs.rich(), empty], dest, BUNDLE, "epub")
    assert list(tmp_path.iterdir()) == []


def test_unwritable_destination_is_an_output_error(tmp_path: Path) -> None:
    with pytest.raises(OutputError):
        epub.write(epub_docs.rich(), tmp_path / "no-such-dir" / "a.epub", OPTIONS, "epub")


ACE = ROOT / "node_modules" / "@daisy" / "ace-cli" / "bin" / "ace.js"
CHROMIUM = ROOT / "tests" / "tools" / "chromium-headless.sh"


def ace_violations(report: dict) -> list[str]:
    """Every failed Ace assertion as 'impact rule (file)'."""
    found = []

    def walk(node: dict, subject: str) -> None:
        subject = (node.get("earl:testSubject") or {}).get("url", subject)
        test, result = node.get("earl:test"), node.get("earl:result") or {}
        if test and result.get("earl:outcome") == "fail":
            found.append(f"{test.get('earl:impact')} {test.get('dct:title')} ({subject})")
        for child in node.get("assertions") or []:
            walk(child, subject)

    for node in report.get("assertions", []):
        walk(node, "")
    return found


@pytest.mark.skipif(not (ACE.exists() and Path("/usr/bin/chromium").exists()),
                    reason="DAISY Ace needs `npm ci` and Debian chromium")
def test_daisy_ace_finds_no_violations(tmp_path: Path) -> None:
    book = tmp_path / "b.epub"
    docs = [epub_docs.rich(), epub_docs.french(), *(d for _, d in _example_docs())]
    epub.write_bundle(docs, book, BUNDLE, "epub")
    env = {**os.environ, "PUPPETEER_EXECUTABLE_PATH": str(CHROMIUM),
           "PUPPETEER_SKIP_DOWNLOAD": "1", "ACE_TIMEOUT_INITIAL": "60000"}
    proc = subprocess.run(["node", str(ACE), "--force", "--silent", "--outdir",
                           str(tmp_path / "ace"), str(book)], capture_output=True, text=True,
                          timeout=600, env=env)
    report_path = tmp_path / "ace" / "report.json"
    assert report_path.exists(), proc.stdout[-2000:] + proc.stderr[-2000:]
    report = json.loads(report_path.read_text(encoding="utf-8"))
    assert ace_violations(report) == []
    assert report["earl:result"]["earl:outcome"] == "pass"


def test_characters_xml_forbids_never_reach_the_book(tmp_path: Path) -> None:
    """A document straight from JSON (not cleaned) may hold control characters."""
    doc = model.Document(model.Metadata(title="Tide\x01 tables\x0b", authors=("Ann\x02 Lee",),
                                        language="en"),
                         (model.Paragraph((model.Text("The gates\x1f opened at dawn."),)),))
    dest = tmp_path / "c.epub"
    epub.write(doc, dest, OPTIONS, "epub")
    with zipfile.ZipFile(dest) as book:
        for name in book.namelist():
            if name.endswith((".xhtml", ".opf", ".ncx")):
                etree.fromstring(book.read(name))      # raises on anything XML forbids
        opf = next(n for n in book.namelist() if n.endswith(".opf"))
        assert b"<dc:title>Tide tables</dc:title>" in book.read(opf)
