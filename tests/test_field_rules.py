"""One rule per metadata field value, shared by readers and writers (``model``): language tags
are normalised the same everywhere, no reader accepts an impossible day and every output shows
the same day, and readers and writers accept the same picture kinds."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from PIL import Image

from clearread import images, model
from clearread.cleanup import clean
from clearread.pipeline import read, read_bytes
from clearread.readers.html.meta import bcp47
from clearread.writers import WriteOptions
from clearread.writers import epub as epub_writer
from clearread.writers.epub_book import language_of, publication_date
from clearread.writers.html import page_language, render_page

ROOT = Path(__file__).parents[1]
PROSE = ("The harbour survey began in early spring, when volunteers walked every quay between the "
         "two piers and noted each boat, mooring and crane they could find along the way. ")
LEAD = model.Paragraph((model.Text(PROSE),))


def page(head: str = "", body: str = "") -> bytes:
    return (f'<!doctype html><html><head><meta charset="utf-8"><title>Survey</title>{head}</head>'
            f"<body><article><h1>Survey</h1>{body}<p>{PROSE}</p><p>{PROSE}</p></article>"
            "</body></html>").encode()


def doc_with(**meta: str) -> model.Document:
    return model.Document(model.Metadata(title="Survey", **meta), (LEAD,))


# --- language tags -------------------------------------------------------------------------------

TAGS = [("en_us", "en-US"), ("EN", "en"), ("zh-hant-tw", "zh-Hant-TW"),
        ("sr-latn-rs", "sr-Latn-RS"), ("es-419", "es-419"), ("de-CH-1901", "de-CH-1901"),
        ("en-x-Private", "en-x-private"),
        (" fr-fr ", "fr-FR"), ("english", ""), ("e", ""), ("en-", ""), ("en us", ""), ("", "")]


@pytest.mark.parametrize(("given", "tag"), TAGS)
def test_language_tags_are_normalised_the_same_everywhere(given: str, tag: str) -> None:
    assert model.language_tag(given) == tag
    assert bcp47(given) == tag                                   # the HTML reader
    assert clean(doc_with(language=given)).meta.language == tag  # cleanup, for every reader
    assert page_language(given) == (tag or "en")                 # the large-print page
    assert language_of(doc_with(language=given)) == (tag or "und")   # the EPUB


def test_a_page_language_reaches_the_page_and_the_book_alike(tmp_path: Path) -> None:
    doc = read_bytes(page().replace(b"<html>", b'<html lang="PT_br">'), "p.html")
    assert doc.meta.language == "pt-BR"
    assert '<html lang="pt-BR"' in render_page(doc, WriteOptions())
    epub_writer.write(doc, tmp_path / "b.epub", WriteOptions())
    with zipfile.ZipFile(tmp_path / "b.epub") as book:
        opf = next(book.read(n).decode() for n in book.namelist() if n.endswith(".opf"))
    assert "<dc:language>pt-BR</dc:language>" in opf


# --- dates ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(("numbers", "day"), [((2024, 2, 29), "2024-02-29"), ((2023, 2, 29), None),
                                              ((2023, 2, 31), None), ((2023, 4, 31), None),
                                              ((2023, 13, 1), None), ((1899, 12, 31), None)])
def test_only_real_days_are_dates(numbers: tuple[int, int, int], day: str | None) -> None:
    assert model.calendar_date(*numbers) == day


def test_no_reader_accepts_31_february() -> None:
    html = read_bytes(page('<meta property="article:published_time" content="2023-02-31">'),
                      "p.html")
    dump_text = (ROOT / "examples" / "night-trains-return.txt").read_text(encoding="utf-8")
    dump = read_bytes(dump_text.replace("9 February 2025", "31 February 2025").encode(), "d.txt")
    mail_text = (ROOT / "tests" / "data" / "documents" / "email.txt").read_text(encoding="utf-8")
    mail = read_bytes(mail_text.replace("Tue, 11 Mar 2025 08:42:17 +0000", "2025-02-31").encode(),
                      "m.txt")
    assert (html.meta.published, dump.meta.published, mail.meta.published) == (None, None, None)
    assert read(str(ROOT / "examples" / "night-trains-return.txt")).meta.published == "2025-02-09"
    mail_iso = read_bytes(mail_text.replace("Tue, 11 Mar 2025 08:42:17 +0000",
                                            "2025-03-11T08:42:17").encode(), "m.txt")
    assert mail_iso.meta.published == "2025-03-11"


def test_every_output_shows_the_day_the_article_gives() -> None:
    doc = doc_with(published="2024-03-01T01:00:00+05:00")      # still 29 February in UTC
    assert publication_date(doc) == "2024-03-01"
    assert '<time datetime="2024-03-01">' in render_page(doc, WriteOptions())
    assert model.published_at("2024-03-01T01:00:00Z") == model.published_at("2024-03-01T01:00Z")
    assert model.published_day("2024-02-31") is None and model.published_day("soon") is None
    assert str(model.published_day("2024-03-01 (updated)")) == "2024-03-01"


# --- picture kinds -------------------------------------------------------------------------------


def picture(fmt: str) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (20, 120, 200)).save(out, fmt)
    return out.getvalue()


@pytest.mark.parametrize(("fmt", "kind"), [("PNG", "image/png"), ("JPEG", "image/jpeg"),
                                           ("GIF", "image/gif"), ("WEBP", "image/webp"),
                                           ("BMP", None), ("TIFF", None), ("ICO", None)])
def test_readers_and_writers_accept_the_same_pictures(tmp_path: Path, fmt: str,
                                                      kind: str | None) -> None:
    (tmp_path / "pic.png").write_bytes(picture(fmt))     # named .png whatever it holds
    figure = '<figure><img src="pic.png" alt="A quay"><figcaption>The quay</figcaption></figure>'
    (tmp_path / "p.html").write_bytes(page(body=f"<p>{PROSE}</p>{figure}"))
    doc = read(str(tmp_path / "p.html"))
    assert [r.media_type for r in doc.resources] == ([kind] if kind else [])
    assert model.image_type(picture(fmt)) == kind
    assert (images.prepare_image(picture(fmt)) is not None) == (kind is not None)
