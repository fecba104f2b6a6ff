"""HTML reader: structure mapping, link safety, metadata, head cleaning, charsets, no-article
pages, and quality on the dev corpus (when ../shared is present)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from clearread.errors import NoArticleError
from clearread.model import (
    Figure,
    Heading,
    Link,
    List,
    Paragraph,
    Preformatted,
    Quote,
    Table,
    Text,
    from_json,
    plain_text,
    to_json,
    walk,
)
from clearread.pipeline import read_bytes
from clearread.readers.html import read_html

PROSE = ("The river survey began in early spring, when volunteers walked every bank between the "
         "two bridges and noted each track, den and feeding place they could find along the way. ")


def page(body: str, head: str = "", lang: str = "en") -> str:
    return (f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">{head}</head>'
            f"<body><article>{body}</article></body></html>")


ARTICLE = page(
    head="<title>Otters Return to the Valley | Valley News</title>"
         '<meta property="og:site_name" content="Valley News">'
         '<meta name="description" content="Volunteers count the first breeding pairs in years.">'
         '<meta property="article:published_time" content="2024-05-03T09:30:00Z">'
         '<meta property="article:section" content="Nature">'
         '<script>window.evil = 1</script><style>p { color: red }</style>',
    body="<h1>Otters Return to the Valley</h1>"
         '<h2 class="dek">Volunteers count the first breeding pairs in years.</h2>'
         f'<p onclick="steal()">{PROSE}Read the <a href="/surveys/2024">full survey</a> or '
         '<a href="javascript:alert(1)">click here</a> or <a href="data:text/html,x">this</a>, '
         "with <em>great</em> care and <strong>patience</strong>.</p>"
         "<h2>Counting the pairs</h2>"
         f"<p>{PROSE}They used <code>spraint</code> surveys.</p>"
         "<ol><li>Set camera traps near the holts.</li><li>Collect samples every week.</li></ol>"
         "<ul><li>Camera traps and batteries</li><li>Sample kits and labels</li></ul>"
         f"<blockquote><p>{PROSE}</p></blockquote>"
         '<figure><img src="/img/otter.jpg" alt="An otter on a rock">'
         "<figcaption>An otter resting below the old mill.</figcaption></figure>"
         "<table><tr><th>Year</th><th>Pairs</th></tr><tr><td>2023</td><td>2</td></tr>"
         "<tr><td>2024</td><td>5</td></tr></table>"
         "<pre>count = 5\nprint(count)</pre>"
         f"<p>{PROSE}</p>",
)
URL = "https://news.example.org/nature/otters"


@pytest.fixture(scope="module")
def doc():
    return read_html(ARTICLE.encode("utf-8"), "otters.html", url=URL)


def nodes(doc, kind):
    return [n for n in walk(doc) if isinstance(n, kind)]


def test_structure(doc) -> None:
    heads = nodes(doc, Heading)
    assert [plain_text(h) for h in heads] == ["Counting the pairs"]
    lists = nodes(doc, List)
    assert [lst.ordered for lst in lists] == [True, False]
    assert plain_text(lists[0].items[1]) == "Collect samples every week."
    assert len(nodes(doc, Quote)) == 1
    fig = nodes(doc, Figure)[0]
    assert fig.src == "https://news.example.org/img/otter.jpg"
    assert fig.alt == "An otter on a rock"
    assert plain_text(fig.caption) == "An otter resting below the old mill."
    table = nodes(doc, Table)[0]
    assert [plain_text(c) for c in table.rows[1]] == ["2023", "2"]
    assert table.rows[0][0].header and not table.rows[1][0].header
    assert nodes(doc, Preformatted)[0].text == "count = 5\nprint(count)"
    assert from_json(to_json(doc)) == doc


def test_links_are_absolute_and_safe(doc) -> None:
    links = nodes(doc, Link)
    assert [(link.href, plain_text(link)) for link in links] == [
        ("https://news.example.org/surveys/2024", "full survey")]
    text = plain_text(doc)
    assert "click here" in text and "this" in text  # unsafe links kept as plain text


def test_nothing_executable_reaches_the_model(doc) -> None:
    dumped = to_json(doc).lower()
    for needle in ("javascript:", "data:", "<script", "window.evil", "onclick", "steal()",
                   "color: red"):
        assert needle not in dumped


def test_metadata(doc) -> None:
    meta = doc.meta
    assert meta.title == "Otters Return to the Valley"
    assert meta.subtitle == "Volunteers count the first breeding pairs in years."
    assert meta.site_name == "Valley News"
    assert meta.published == "2024-05-03"
    assert meta.section == "Nature"
    assert meta.language == "en"
    assert meta.source_url == URL


def test_duplicated_title_and_dek_removed_and_recorded(doc) -> None:
    texts = [plain_text(b) for b in doc.blocks]
    assert "Otters Return to the Valley" not in texts
    assert doc.meta.subtitle not in texts
    rules = {r.rule: r.text for r in doc.meta.removed}
    assert rules["title"] == "Otters Return to the Valley"
    assert rules["dek"] == doc.meta.subtitle


def test_relative_links_without_base_become_text() -> None:
    html = page(f'<h1>A walk</h1><p>{PROSE}See <a href="/more">more notes</a> and '
                f'<a href="https://example.com/x">this site</a>.</p><p>{PROSE}</p>')
    doc = read_html(html.encode(), "walk.html")
    assert [link.href for link in nodes(doc, Link)] == ["https://example.com/x"]
    assert "more notes" in plain_text(doc)


def test_json_ld_metadata() -> None:
    ld = {"@context": "https://schema.org", "@graph": [
        {"@type": "WebSite", "name": "Ignored"},
        {"@type": "NewsArticle", "headline": "Bridge Reopens After Repairs",
         "author": [{"@type": "Person", "name": "Ana Lima"}, {"name": "Joe Park"}],
         "datePublished": "2023-11-20T08:00:00+01:00", "articleSection": "Local",
         "publisher": {"@type": "Organization", "name": "The Courier"},
         "inLanguage": "pt-BR"}]}
    html = ("<html><head><title>x</title>"
            f'<script type="application/ld+json">{json.dumps(ld)}</script></head>'
            f"<body><article><p>{PROSE}</p><p>{PROSE}</p></article></body></html>")
    meta = read_html(html.encode(), "ld.html").meta
    assert meta.title == "Bridge Reopens After Repairs"
    assert meta.authors == ("Ana Lima", "Joe Park")
    assert meta.published == "2023-11-20"
    assert meta.section == "Local"
    assert meta.site_name == "The Courier"
    assert meta.language == "pt-BR"


def test_language_detected_when_undeclared() -> None:
    text = ("Die Untersuchung des Flusses begann im Frühjahr, als Freiwillige jedes Ufer "
            "zwischen den beiden Brücken abgingen und jede Spur notierten, die sie fanden. ")
    html = f"<html><body><article><p>{text * 2}</p><p>{text}</p></article></body></html>"
    assert read_html(html.encode(), "de.html").meta.language == "de"


CAFE = "Le café était déjà fermé quand nous sommes arrivés, à cause de la grève générale. "


def _french(decl: str = "") -> str:
    return (f"<html><head>{decl}<title>Grève</title></head><body><article>"
            f"<p>{CAFE * 3}</p><p>{CAFE * 2}</p></article></body></html>")


@pytest.mark.parametrize("data", [
    _french().encode("cp1252"),  # no charset anywhere
    _french('<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">')
    .encode("latin-1"),
    _french('<meta charset="utf-16">').encode("utf-16"),  # with BOM
    _french().encode("utf-8"),
], ids=["cp1252-undeclared", "latin1-meta", "utf16-bom", "utf8"])
def test_charsets(data: bytes) -> None:
    assert "Le café était déjà fermé" in plain_text(read_html(data, "fr.html"))


def test_header_charset_wins_for_undeclared_page() -> None:
    line = "Река замёрзла рано, и рыбаки вышли на лёд уже в начале декабря этого года. "
    html = f"<html><body><article><p>{line * 3}</p><p>{line * 2}</p></article></body></html>"
    doc = read_html(html.encode("cp1251"), "ru.html", charset="windows-1251")
    assert "Река замёрзла рано" in plain_text(doc)


def test_broken_html_still_reads() -> None:
    html = (f"<html><body><div><p>{PROSE}<b>unclosed bold <i>and italic<p>{PROSE}"
            f"<table><tr><td>cell</div></p><p>{PROSE}")
    doc = read_html(html.encode(), "broken.html")
    assert plain_text(doc).count("river survey began") >= 2


@pytest.mark.parametrize("html", [
    "<html><head><title>Empty</title></head><body></body></html>",
    "<html><body><form><h1>Sign in</h1><p>Please log in to continue reading this article.</p>"
    "<input name=user><input type=password name=pw><p>Forgot your password?</p>"
    "<p>Not a member? Create an account.</p></form></body></html>",
    "<html><body><h1>All stories</h1><ul>" + "".join(
        f'<li><a href="https://example.org/story/{i}">Story number {i} about the council '
        f"budget and the town hall meeting</a></li>" for i in range(30)) + "</ul></body></html>",
], ids=["empty", "login-wall", "link-index"])
def test_no_article(html: str) -> None:
    with pytest.raises(NoArticleError):
        read_html(html.encode(), "page.html")


def test_byline_and_dateline_removed_from_body() -> None:
    html = page(f"<h1>Council Votes on Budget</h1><p>By Maria Keller and Tom Reyes</p>"
                f"<p>March 3, 2024</p><p>{PROSE}</p><p>{PROSE}</p>")
    doc = read_html(html.encode(), "council.html")
    texts = [plain_text(b) for b in doc.blocks]
    assert not any("Maria Keller" in t or t == "March 3, 2024" for t in texts)
    assert all(isinstance(b, Paragraph) for b in doc.blocks)
    assert all(isinstance(c, Text) for b in doc.blocks for c in b.children)


def _load_scorer(corpus: Path):
    spec = importlib.util.spec_from_file_location("corpus_score", corpus / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_dev_corpus_f1(shared_dir: Path) -> None:
    corpus = shared_dir / "corpus" / "extraction-dev"
    if not (corpus / "ground-truth.json").is_file():
        pytest.skip("dev corpus not present")
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    from extraction import model_text

    scorer = _load_scorer(corpus)
    truth = json.loads((corpus / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for path in sorted(corpus.glob("*.html")):
        try:
            text = model_text(read_html(path.read_bytes(), path.name))
        except NoArticleError:
            text = ""
        pages.append(scorer.page_scores(truth[path.stem]["articleBody"], text))
    assert scorer.aggregate(pages)["f1"] >= 0.97     # README: F1 0.976


def test_very_large_page_is_streamed_without_chrome_or_scripts() -> None:
    from clearread.readers.html import settings as html_settings

    para = ("The ferry timetable changed again this spring, and the islanders who depend on it "
            "have started keeping their own notes about which sailings really leave on time. ")
    chrome = ("<nav><a href='/'>Home</a><a href='/news'>News</a></nav>"
              "<script>var tracking = 'SECRET-TRACKER';</script>")
    count = html_settings.STREAM_ABOVE_BYTES // len(para) + 10
    body = "".join(f"<p>{n}. {para}</p>" for n in range(count))
    page = (f"<html lang='en'><head><title>Ferry notes | Site</title></head><body>{chrome}"
            f"<article><h1>Ferry notes</h1>{body}</article><footer>All rights reserved"
            f"</footer></body></html>").encode()
    assert len(page) > html_settings.STREAM_ABOVE_BYTES
    doc = read_bytes(page, "big.html")
    text = "\n".join(plain_text(b) for b in doc.blocks)
    assert doc.meta.title == "Ferry notes" and doc.meta.language == "en"
    assert text.count("ferry timetable") == count
    assert "SECRET-TRACKER" not in text and "All rights reserved" not in text
    assert "Home" not in text.split("\n")


def test_table_caption_is_the_tables_caption_not_a_row() -> None:
    rows = "".join(f"<tr><td>Site {n}</td><td>{n * 7}</td></tr>" for n in range(1, 5))
    page = (f"<html><body><article><h1>River readings</h1><p>{PROSE}</p>"
            "<table><caption>Nitrate readings by site, 2023</caption>"
            f"<tr><th>Site</th><th>Readings</th></tr>{rows}</table><p>{PROSE}</p>"
            "</article></body></html>").encode()
    doc = read_html(page, "t.html")
    (table,) = [b for b in doc.blocks if isinstance(b, Table)]
    assert plain_text(table.caption) == "Nitrate readings by site, 2023"
    assert [plain_text(c) for c in table.rows[0]] == ["Site", "Readings"]
    assert len(table.rows) == 5


def test_kicker_becomes_the_section_and_a_chapeau_the_subtitle() -> None:
    page = (f"<html lang='fr'><body><article><p class='rubrique'>Culture</p>"
            "<h1>La bibliothèque rouvre</h1>"
            "<p class='chapeau'>Une trentaine de bénévoles font vivre l’ancienne poste.</p>"
            f"<p>{PROSE}</p><p>{PROSE}</p></article></body></html>").encode()
    doc = read_html(page, "k.html")
    assert doc.meta.section == "Culture"
    assert doc.meta.subtitle == "Une trentaine de bénévoles font vivre l’ancienne poste."
    body = [plain_text(b) for b in doc.blocks]
    assert "Culture" not in body and doc.meta.subtitle not in body
    assert ("section", "Culture") in [(r.rule, r.text) for r in doc.meta.removed]
