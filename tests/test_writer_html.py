"""Large-print page: structure, safety with hostile input, themes' contrast, embedded assets."""

from __future__ import annotations

import base64
import io
import itertools
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from html_samples import FEATURE, FRENCH, MINIMAL, SAMPLES, p, photo_png
from PIL import Image

from clearread import model
from clearread.errors import OutputError
from clearread.images import MAX_IMAGE_WIDTH, prepare_image
from clearread.model import Document, Figure, Heading, Link, Metadata, Resource, Text
from clearread.writers import WriteOptions, resolve
from clearread.writers import write as registry_write
from clearread.writers.html import render_page, write
from clearread.writers.outline import normalise_headings, outline_levels
from clearread.writers.theme import (
    PALETTES,
    PRINT,
    THEMES,
    Palette,
    contrast_ratio,
    foreground_fields,
    low_contrast_pairs,
)

ASSETS = Path(__file__).resolve().parents[1] / "src" / "clearread" / "assets"


class Elements(HTMLParser):
    """Every start tag with its attributes, and the visible text, as the browser would parse."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []
        self._skip = 0
        self.feed(page)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))
        self._skip += tag in {"style", "title"}

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        self._skip -= tag in {"style", "title"}

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.text.append(data)

    def named(self, name: str) -> list[dict[str, str]]:
        return [a for t, a in self.tags if t == name]

    def visible_text(self) -> str:
        return " ".join(" ".join(self.text).split())


def page_of(doc: Document, **options: object) -> Elements:
    return Elements(render_page(doc, WriteOptions(**options)))


# --- contrast ------------------------------------------------------------------------------------


def test_contrast_ratio_matches_wcag_reference_values() -> None:
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#ffffff", "#000000") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#777777") == pytest.approx(1.0)
    assert contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)
    assert contrast_ratio("#595959", "#ffffff") == pytest.approx(7.0, abs=0.01)


@pytest.mark.parametrize("palette", [*PALETTES.values(), PRINT], ids=lambda p: p.name)
def test_every_colour_pair_of_every_theme_reaches_7_to_1(palette: Palette) -> None:
    assert low_contrast_pairs(palette) == []
    for name in foreground_fields():
        assert contrast_ratio(getattr(palette, name), palette.background) >= 7.0


def test_low_contrast_pairs_names_the_failing_colour() -> None:
    grey_links = Palette("bad", "light", "#ffffff", "#000000", "#000000", "#777777", "#000000",
                         "#000000", "#000000", "#000000", "#000000", "#000000")
    assert low_contrast_pairs(grey_links) == ["bad.link: 4.48:1"]


def test_links_differ_from_body_text_by_more_than_colour() -> None:
    css = render_page(MINIMAL, WriteOptions())
    assert re.search(r"\ba \{[^}]*text-decoration: underline", css)


# --- structure -----------------------------------------------------------------------------------


def test_page_is_self_contained_and_structured() -> None:
    page = render_page(FEATURE, WriteOptions())
    doc = Elements(page)
    assert page.startswith("<!DOCTYPE html>")
    assert doc.named("html") == [{"lang": "en", "dir": "ltr"}]
    assert doc.named("meta")[0] == {"charset": "utf-8"}
    assert any(m.get("name") == "viewport" for m in doc.named("meta"))
    assert len(doc.named("h1")) == 1 and doc.named("main") and doc.named("header")
    assert not doc.named("link") and not doc.named("script")
    for _, attrs in doc.tags:      # nothing is fetched: only links point at the web
        for name, value in attrs.items():
            if name in {"src", "srcset", "poster", "data"}:
                assert value.startswith("data:image/"), value
    assert "url(http" not in page and "@import" not in page


def test_header_has_byline_date_reading_time_and_source() -> None:
    text = page_of(FEATURE).visible_text()
    assert "How a Street Learned to Grow Food" in text
    assert "By Ada Moreno, Jun Park and Lea Novak" in text
    assert "12 March 2024" in text and "1 min read" in text
    assert "Original article: Example News" in text
    time_tags = page_of(FEATURE).named("time")
    assert time_tags == [{"datetime": "2024-03-12"}]


def test_reading_time_counts_words_at_200_a_minute() -> None:
    long = Document(Metadata(title="Long"), tuple(p("word " * 100) for _ in range(12)))
    assert "6 min read" in page_of(long).visible_text()


def test_french_article_speaks_french() -> None:
    doc = page_of(FRENCH)
    assert doc.named("html")[0]["lang"] == "fr-FR"
    text = doc.visible_text()
    assert "Par Camille Roux" in text and "5 novembre 2023" in text
    assert "min de lecture" in text


def test_bad_language_tag_falls_back_to_english() -> None:
    doc = Document(Metadata(title="T", language='en"><script>'), (p("x"),))
    assert page_of(doc).named("html")[0]["lang"] == "en"


def heading_levels(doc: Elements) -> list[int]:
    return [int(t[1]) for t, _ in doc.tags if re.fullmatch(r"h[1-6]", t)]


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_headings_follow_the_title_without_skipping(name: str) -> None:
    levels = heading_levels(page_of(SAMPLES[name]))
    assert levels[0] == 1 and levels.count(1) == 1
    for before, after in itertools.pairwise(levels):
        assert after <= before + 1


def test_outline_levels_renumber_below_h1() -> None:
    assert outline_levels([2, 3, 3, 2, 4]) == [2, 3, 3, 2, 3]
    assert outline_levels([1, 1, 4]) == [2, 2, 3]
    assert outline_levels([3, 5, 2]) == [2, 3, 2]
    assert outline_levels(list(range(1, 9))) == [2, 3, 4, 5, 6, 6, 6, 6]


def test_first_heading_repeating_the_title_is_dropped() -> None:
    blocks = (Heading(1, (Text(" how a street  learned to grow food"),)), p("x"))
    assert normalise_headings(blocks, "How a Street Learned to Grow Food") == (p("x"),)


def test_long_emphasis_is_not_italic_but_short_is() -> None:
    page = render_page(FEATURE, WriteOptions())
    assert '<em class="long">Community gardens' in page and "<em>one</em>" in page
    assert re.search(r"em\.long \{ font-style: normal; \}", page)
    assert re.search(r"blockquote \{[^}]*font-style: normal", page)


def test_tables_figures_and_lists_survive() -> None:
    doc = page_of(FEATURE)
    assert len(doc.named("th")) == 4 and len(doc.named("td")) == 8
    assert len(doc.named("figure")) == 2 and len(doc.named("figcaption")) == 2
    assert doc.named("ul") and doc.named("ol") and doc.named("blockquote") and doc.named("pre")


# --- typography and options ----------------------------------------------------------------------


def test_root_size_follows_the_font_size_option_as_a_percentage() -> None:
    assert "html { font-size: 150%;" in render_page(MINIMAL, WriteOptions())
    assert "html { font-size: 200%;" in render_page(MINIMAL, WriteOptions(font_size=32))
    css = render_page(MINIMAL, WriteOptions())
    assert "line-height: 1.6" in css and "hyphens: manual" in css and "justify" not in css
    assert not re.search(r"font-size: [\d.]+px", css)


def test_font_is_embedded_unless_system_is_asked_for() -> None:
    embedded = render_page(FEATURE, WriteOptions())
    faces = re.findall(r"@font-face \{[^}]*font-style: (\w+); font-weight: (\d+)", embedded)
    assert faces == [("normal", "400"), ("normal", "700"), ("italic", "400"), ("italic", "700")]
    fonts = re.findall(r'src: url\("data:font/woff2;base64,([A-Za-z0-9+/=]+)"\) format\("woff2"\)',
                       embedded)
    assert len(fonts) == 4
    assert all(base64.b64decode(f)[:4] == b"wOF2" for f in fonts)
    assert faces_of(MINIMAL) == [("normal", "400"), ("normal", "700")]
    system = render_page(FEATURE, WriteOptions(font="system"))
    assert "@font-face" not in system and "Verdana" in system


def faces_of(doc: Document) -> list[tuple[str, str]]:
    css = render_page(doc, WriteOptions())
    return re.findall(r"@font-face \{[^}]*font-style: (\w+); font-weight: (\d+)", css)


def test_font_license_ships_with_the_package() -> None:
    text = (ASSETS / "AtkinsonHyperlegible-OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in text and "Braille Institute" in text


@pytest.mark.parametrize("theme", THEMES)
def test_each_theme_sets_its_colours_and_a_print_sheet(theme: str) -> None:
    css = render_page(MINIMAL, WriteOptions(theme=theme))
    assert "@media print" in css and "prefers-reduced-motion" in css
    assert ("prefers-color-scheme: dark" in css) == (theme == "auto")
    palette = PALETTES["light" if theme == "auto" else theme]
    assert f"--background: {palette.background};" in css


@pytest.mark.parametrize("options", [{"theme": "sepia"}, {"font": "comic"}, {"font_size": 4}])
def test_bad_options_are_reported_not_ignored(options: dict, tmp_path: Path) -> None:
    with pytest.raises(OutputError):
        write(MINIMAL, tmp_path / "x.html", WriteOptions(**options), "html")


def test_registry_writes_the_page(tmp_path: Path) -> None:
    dest = tmp_path / "out.html.tmp"
    registry_write(FRENCH, dest, resolve("html"), WriteOptions(theme="cream"))
    assert "Le jardin partagé" in Elements(dest.read_text(encoding="utf-8")).visible_text()


def test_unwritable_destination_is_an_output_error(tmp_path: Path) -> None:
    with pytest.raises(OutputError):
        write(MINIMAL, tmp_path / "missing-dir" / "x.html", WriteOptions(), "html")


# --- images --------------------------------------------------------------------------------------


def decode_data_uri(uri: str) -> Image.Image:
    header, payload = uri.split(",", 1)
    assert header in {"data:image/jpeg;base64", "data:image/png;base64"}
    return Image.open(io.BytesIO(base64.b64decode(payload)))


def test_images_are_downscaled_and_embedded() -> None:
    imgs = page_of(FEATURE).named("img")
    assert len(imgs) == 1 and imgs[0]["alt"] == "Raised beds along a brick wall"
    image = decode_data_uri(imgs[0]["src"])
    assert image.width == MAX_IMAGE_WIDTH and image.height == 600


def test_figure_without_bytes_is_shown_as_text_never_hotlinked() -> None:
    doc = page_of(FEATURE)
    assert "Image: A fig tree in a large pot" in doc.visible_text()
    assert "missing.jpg" not in render_page(FEATURE, WriteOptions())


def test_transparent_images_stay_png_and_small_ones_keep_their_size() -> None:
    out = io.BytesIO()
    Image.new("RGBA", (40, 30), (255, 0, 0, 128)).save(out, "PNG")
    prepared = prepare_image(out.getvalue())
    assert prepared is not None and prepared.media_type == "image/png"
    assert (prepared.width, prepared.height) == (40, 30)


@pytest.mark.parametrize("data", [
    b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>",
    b"GIF89a-not-really",
    b"",
    photo_png()[:200],
])
def test_non_images_are_refused(data: bytes) -> None:
    assert prepare_image(data) is None


def test_decompression_bombs_are_refused() -> None:
    out = io.BytesIO()
    Image.new("1", (8000, 8000)).save(out, "PNG")
    assert prepare_image(out.getvalue()) is None


# --- hostile input -------------------------------------------------------------------------------

SCRIPTY = '"><script>alert(1)</script><img src=x onerror=alert(2)>'
BAD_HREFS = ("javascript:alert(1)", " JaVaScRiPt:alert(1)", "java\nscript:alert(1)",
             "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)",
             "file:///etc/passwd", "//evil.example/x", "\x01javascript:alert(1)")

HOSTILE = Document(
    meta=Metadata(title=SCRIPTY, subtitle="<iframe src=https://evil.example>", authors=(SCRIPTY,),
                  published="<base href=https://evil.example/>", source_url="javascript:alert(3)",
                  site_name='<meta http-equiv="refresh" content="0;url=https://evil.example">',
                  language="en"),
    blocks=(
        p("Literal <script>alert(1)</script> and <form action=x><input></form> stay text."),
        *(model.Paragraph((Link(h, (Text(f"bad {i}"),)),)) for i, h in enumerate(BAD_HREFS)),
        model.Paragraph((Link("https://ok.example/?a=1&b=\"2\"", (Text("fine"),)),)),
        Heading(2, (Text('<h1 onclick="x">'),)),
        Figure("javascript:alert(4)", 'x" onerror="alert(5)', (Text("<svg onload=alert(6)>"),)),
        Figure("https://evil.example/a.svg", "vector", ()),
        model.Preformatted("</pre><script>alert(7)</script>"),
        model.Table(((model.Cell((Text("<td onmouseover=alert(8)>"),), True),),)),
    ),
    resources=(Resource("https://evil.example/a.svg", "image/svg+xml",
                        b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(9)'/>"),),
)
FORBIDDEN_TAGS = {"script", "iframe", "form", "input", "base", "object", "embed", "svg", "frame",
                  "frameset", "link", "applet", "math"}


@pytest.mark.parametrize("theme", ["light", "auto"])
def test_hostile_document_yields_no_active_content(theme: str) -> None:
    page = render_page(HOSTILE, WriteOptions(theme=theme))
    doc = Elements(page)
    tags = {t for t, _ in doc.tags}
    assert not tags & FORBIDDEN_TAGS
    assert all("http-equiv" not in a for a in doc.named("meta"))
    for tag, attrs in doc.tags:
        assert not [n for n in attrs if n.startswith("on")], (tag, attrs)
        for value in attrs.values():
            assert not re.match(r"\s*(javascript|vbscript|data:text|file):", value, re.I)
    hrefs = [a["href"] for a in doc.named("a")]
    assert hrefs == ["https://ok.example/?a=1&b=%222%22"]
    assert all(a["rel"] == "noopener noreferrer" for a in doc.named("a"))
    assert doc.named("img") == []          # the SVG "image" is refused, shown as text
    text = doc.visible_text()
    assert "<script>alert(1)</script>" in text and "bad 0" in text
    assert "Image: vector" in text
    assert heading_levels(doc) == [1, 2]
    assert doc.named("title") == [{}] and doc.named("html")[0]["lang"] == "en"


def test_tables_scroll_in_a_labelled_focusable_region() -> None:
    regions = [d for d in page_of(FEATURE).named("div") if d.get("class") == "table-scroll"]
    assert regions == [{"class": "table-scroll", "role": "region", "tabindex": "0",
                        "aria-label": "Growth of the garden, 2021–2023"}]
    bare = Document(Metadata(title="T", language="de"),
                    (model.Table(((model.Cell((Text("a"),)),),)),))
    assert page_of(bare).named("div")[0]["aria-label"] == "Tabelle"
