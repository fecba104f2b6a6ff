"""HTML reader: no junk before the article (logos, the page's URL, credits, notices, captions
heard twice), and no text lost silently (captions inside paragraphs, unclosed void elements,
absurd nesting, bare fragments). Every dropped piece is listed in ``meta.removed``."""

from __future__ import annotations

import time

import pytest

from clearread.model import Figure, Paragraph, plain_text, walk
from clearread.pipeline import read_bytes
from clearread.readers.html import read_html

FIRST = ("The river survey began in early spring, when volunteers walked every bank between the "
         "two bridges and noted each track, den and feeding place they found.")
SECOND = ("Otters were seen at four of the six sites, more than in any year since the count "
          "began, and two of the holts held cubs by the middle of the summer.")
THIRD = ("The council will fund the survey again next year and has asked for more volunteers "
         "to help walk the upper reaches, where the banks are steep and overgrown.")
CAPTION = "Volunteers wade below the old mill weir at dawn."


def page(body: str) -> bytes:
    return ("<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Otters return"
            f"</title></head><body><nav><a href='/'>Home</a></nav><article>{body}</article>"
            "</body></html>").encode()


def texts(doc) -> list[str]:
    return [plain_text(b) for b in doc.blocks]


def removed(doc) -> list[tuple[str, str]]:
    return [(r.rule, r.text) for r in doc.meta.removed]


def figures(doc) -> list[Figure]:
    return [n for n in walk(doc) if isinstance(n, Figure)]


def test_site_logo_before_the_prose_is_dropped() -> None:
    doc = read_html(page('<div class="print-header"><img src="https://news.example.org/img/'
                         'print-header-logo.png" alt="print header logo"></div>'
                         f"<p>{FIRST}</p><p>{SECOND}</p>"), "p.html")
    assert not figures(doc)
    assert texts(doc)[0] == FIRST
    assert ("logo", "print header logo") in removed(doc)


def test_tiny_icon_before_the_prose_is_dropped() -> None:
    doc = read_html(page('<p><img src="https://news.example.org/i/a.png" width="16" height="16">'
                         f"</p><p>{FIRST}</p><p>{SECOND}</p>"), "p.html")
    assert not figures(doc)
    assert ("logo", "https://news.example.org/i/a.png") in removed(doc)


def test_lead_picture_is_kept() -> None:
    doc = read_html(page('<figure><img src="https://news.example.org/img/weir.jpg" alt="A weir">'
                         f"<figcaption>{CAPTION}</figcaption></figure>"
                         f"<p>{FIRST}</p><p>{SECOND}</p>"), "p.html")
    assert [plain_text(f.caption) for f in figures(doc)] == [CAPTION]


def test_paragraph_that_is_only_a_url_is_dropped() -> None:
    url = "https://news.example.org/nature/article/Otters-return-to-the-valley-14848164.php"
    doc = read_html(page(f"<p>{url}</p><p>{FIRST}</p><p>{SECOND}</p>"), "p.html")
    assert texts(doc) == [FIRST, SECOND]
    assert ("url", url) in removed(doc)


def test_caption_is_heard_once_in_its_figure() -> None:
    doc = read_html(page('<figure><img src="https://news.example.org/img/weir.jpg">'
                         f'<figcaption>{CAPTION}</figcaption></figure><p>{CAPTION}</p>'
                         f"<p>{FIRST}</p><p>{SECOND}</p>"), "p.html")
    assert [plain_text(f.caption) for f in figures(doc)] == [CAPTION]
    assert [plain_text(b) for b in doc.blocks if isinstance(b, Paragraph)] == [FIRST, SECOND]
    assert ("caption-repeat", CAPTION) in removed(doc)


def test_caption_pieces_run_together_are_dropped() -> None:
    full, short = CAPTION, "Volunteers wade below the old mill"
    doc = read_html(page(
        '<ul class="gallery"><li><img src="https://news.example.org/img/weir.jpg" alt="Weir">'
        f'<div class="caption"><span class="caption-full">{full}</span>'
        f'<span class="caption-short">{short}…</span></div><p>{full}{short}…</p></li></ul>'
        f"<p>{FIRST}</p><p>{SECOND}</p>"), "p.html")
    assert not [t for t in texts(doc) if short in t and t != full]
    assert any(rule == "caption-repeat" for rule, _ in removed(doc))


@pytest.mark.parametrize("line", ["Photo: Jo Bloggs / Associated Press", "AP Photo/Evan Vucci",
                                  "Getty Images", "Credit: NASA"])
def test_photo_credit_line_is_dropped(line: str) -> None:
    doc = read_html(page(f"<p>{FIRST}</p><p>{line}</p><p>{SECOND}</p>"), "p.html")
    assert texts(doc) == [FIRST, SECOND]
    assert ("credit", line) in removed(doc)


def test_credit_only_caption_is_dropped_but_the_picture_kept() -> None:
    doc = read_html(page('<figure><img src="https://news.example.org/img/weir.jpg" alt="A weir">'
                         "<figcaption>Image via Getty Images</figcaption></figure>"
                         f"<p>{FIRST}</p><p>{SECOND}</p>"), "p.html")
    (figure,) = figures(doc)
    assert figure.alt == "A weir" and not figure.caption
    assert ("credit", "Image via Getty Images") in removed(doc)


@pytest.mark.parametrize("credit", [" (AP Photo/Jane Roe, File)", " Photo: Jane Roe/Reuters",
                                    " [Image credit: Valley News]"])
def test_credit_at_the_end_of_a_caption_is_cut(credit: str) -> None:
    doc = read_html(page('<figure><img src="https://news.example.org/img/weir.jpg" alt="A weir">'
                         f"<figcaption>{CAPTION}{credit}</figcaption></figure>"
                         f"<p>{FIRST}</p><p>{SECOND}</p>"), "p.html")
    (figure,) = figures(doc)
    assert plain_text(figure.caption) == CAPTION
    assert ("credit", credit.strip()) in removed(doc)


def test_box_of_links_to_other_stories_is_dropped() -> None:
    site = "https://news.example.org"
    box = (f"<p><strong>DON'T MISS</strong><br><a href='{site}/a'>Weir repairs start next month"
           f"</a> [NEWS]<br><a href='{site}/b'>Mill owners meet the council</a> [INSIGHT]</p>")
    doc = read_html(page(f"<p>{FIRST}</p>{box}<p>{SECOND}</p><p>{THIRD}</p>"), "p.html")
    assert texts(doc) == [FIRST, SECOND, THIRD]
    assert [rule for rule, _ in removed(doc)] == ["link-box"]


def test_paragraph_with_links_in_its_prose_is_kept() -> None:
    linked = ("The <a href='/survey'>full survey</a> and the <a href='/map'>map of the holts</a>"
              " are published today, with notes from every volunteer who walked the banks.")
    doc = read_html(page(f"<p>{FIRST}</p><p>{linked}</p><p>{SECOND}</p>"), "p.html")
    assert len(texts(doc)) == 3


@pytest.mark.parametrize(("line", "rule"), [
    ("Copyright © 2024 Valley News Ltd. All rights reserved. ISSN 1234-5678", "copyright"),
    ("Valley News, ISSN 0028-0836, is published weekly.", "issn"),
    ("© Amazon", "copyright"),
])
def test_copyright_and_issn_lines_are_dropped(line: str, rule: str) -> None:
    doc = read_html(page(f"<p>{FIRST}</p><p>{SECOND}</p><p>{line}</p>"), "p.html")
    assert texts(doc) == [FIRST, SECOND]
    assert (rule, line) in removed(doc)


def test_prose_about_copyright_and_agencies_is_kept() -> None:
    lines = ["Copyright law changed in 2019, and the agencies had to adapt.",
             "NEW YORK (Reuters) - Oil prices fell on Tuesday.", "Reuters reported the fall."]
    doc = read_html(page("".join(f"<p>{t}</p>" for t in (FIRST, *lines, SECOND))), "p.html")
    assert texts(doc) == [FIRST, *lines, SECOND]


def test_caption_sharing_a_paragraph_keeps_the_paragraph() -> None:
    doc = read_html(page('<p><img src="https://news.example.org/img/weir.jpg">'
                         f'<span class="caption">{CAPTION}</span> {FIRST}</p>'
                         f"<p>{SECOND}</p><p>{THIRD}</p>"), "p.html")
    assert [plain_text(b) for b in doc.blocks if isinstance(b, Paragraph)] == [
        FIRST, SECOND, THIRD]
    assert [plain_text(f.caption) for f in figures(doc)] == [CAPTION]
    assert sum(t.count("old mill weir") for t in texts(doc)) == 1


def test_text_inside_a_picture_without_source_is_kept() -> None:
    doc = read_html(page(f'<p><img><span class="caption">{CAPTION}</span> {FIRST}</p>'
                         f"<p>{SECOND}</p><p>{THIRD}</p>"), "p.html")
    assert texts(doc)[-3:] == [FIRST, SECOND, THIRD]


@pytest.mark.parametrize("void", ["<embed src=x>", "<embed src=x></embed>", "<track src=x>",
                                  "<video><track src=x></video>", "<source src=x>", "<wbr>"])
def test_unclosed_void_element_does_not_end_the_article(void: str) -> None:
    doc = read_html(page(f"<p>{FIRST}</p>{void}<p>{SECOND}</p><p>{THIRD}</p>"), "p.html")
    assert texts(doc) == [FIRST, SECOND, THIRD]


def test_unclosed_embed_in_a_streamed_page_does_not_end_it() -> None:
    from clearread.readers.html import settings as html_settings

    count = html_settings.STREAM_ABOVE_BYTES // len(SECOND) + 10
    rest = "".join(f"<p>{n}. {SECOND}</p>" for n in range(count))
    doc = read_bytes(page(f"<p>{FIRST}</p><embed src=x>{rest}"), "big.html")
    assert len(doc.blocks) == count + 1


@pytest.mark.parametrize("tag", ["div", "blockquote", "section"])
def test_one_paragraph_in_ten_thousand_nested_elements(tag: str) -> None:
    html = page(f"<{tag}>" * 10_000 + f"<p>{FIRST}</p>" + f"</{tag}>" * 10_000)
    started = time.perf_counter()
    doc = read_bytes(html, "deep.html")
    assert time.perf_counter() - started < 5
    assert FIRST in plain_text(doc)


def test_short_paragraph_in_deep_nesting_without_chrome() -> None:
    html = ("<html><body>" + "<div>" * 10_000 + "<p>One short paragraph of text.</p>"
            + "</div>" * 10_000 + "</body></html>").encode()
    assert texts(read_bytes(html, "deep.html")) == ["One short paragraph of text."]


def test_bare_one_sentence_fragment_converts() -> None:
    doc = read_bytes(b"<p>One sentence.</p>", "fragment.html")
    assert texts(doc) == ["One sentence."]


def test_multi_paragraph_fragment_converts_whole() -> None:
    fragment = (f"<h2>Counting</h2><p>{FIRST}</p><ul><li>Camera traps</li><li>Sample kits</li>"
                f'</ul><p>Short one with <b>bold</b> and <a href="https://example.org/x">a link'
                "</a>.</p><blockquote><p>Quoted line.</p></blockquote>")
    doc = read_bytes(fragment.encode(), "fragment.html")
    assert [type(b).__name__ for b in doc.blocks] == ["Heading", "Paragraph", "List",
                                                      "Paragraph", "Quote"]
    assert "Camera traps" in plain_text(doc) and "Quoted line." in plain_text(doc)


@pytest.mark.parametrize("html", [
    "<ul>" + "".join(f'<li><a href="https://example.org/{i}">Story number {i} about the '
                     "council budget</a></li>" for i in range(30)) + "</ul>",
    "<form><p>Please log in to continue reading this article.</p>"
    "<input type=password name=pw></form>",
], ids=["link-index", "login-wall"])
def test_fragments_that_are_not_articles_are_refused(html: str) -> None:
    from clearread.errors import NoArticleError

    with pytest.raises(NoArticleError):
        read_html(html.encode(), "fragment.html")
