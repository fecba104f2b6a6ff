"""Every writer embeds pictures through one path: pixel limit, downscaled, no metadata, each
distinct picture decoded once; a bad picture never fails its article."""

from __future__ import annotations

import base64
import io
import re
import struct
import zipfile
import zlib
from pathlib import Path

import pytest
from PIL import Image

from clearread import images, model
from clearread.pipeline import read
from clearread.writers import WriteOptions
from clearread.writers import epub as epub_writer
from clearread.writers.html import render_page

SECRET = "GPS 51.5N secret camera owner"
LEAD = model.Paragraph((model.Text("The tide came in without flooding the market."),))


def png_header_bomb(width: int = 20_000, height: int = 20_000) -> bytes:
    """A PNG that claims 400 million pixels: a tiny file that would need gigabytes decoded."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b""))
            + chunk(b"IEND", b""))


def jpeg_with_exif(size: tuple[int, int] = (3000, 200)) -> bytes:
    exif = Image.Exif()
    exif[0x010E] = SECRET            # ImageDescription
    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, "JPEG", exif=exif.tobytes())
    return out.getvalue()


def doc_with(*pictures: tuple[str, bytes]) -> model.Document:
    figures = tuple(model.Figure(src, f"Picture {i}", ()) for i, (src, _) in enumerate(pictures))
    resources = tuple(model.Resource(src, "image/jpeg", data) for src, data in dict(pictures)
                      .items())
    return model.Document(model.Metadata(title="Gates"), (LEAD, *figures), resources=resources)


def epub_images(doc: model.Document, tmp_path: Path) -> dict[str, bytes]:
    dest = tmp_path / "book.epub"
    epub_writer.write(doc, dest, WriteOptions())
    with zipfile.ZipFile(dest) as book:
        return {n: book.read(n) for n in book.namelist()
                if "/images/" in n and "cover" not in n}


def html_images(doc: model.Document) -> list[bytes]:
    page = render_page(doc, WriteOptions())
    return [base64.b64decode(b) for b in re.findall(r'src="data:image/\w+;base64,([^"]+)"', page)]


def test_png_bomb_stays_out_of_the_book_and_the_page(tmp_path: Path) -> None:
    doc = doc_with(("bomb.png", png_header_bomb()))
    assert epub_images(doc, tmp_path) == {}
    assert html_images(doc) == []


def test_book_and_page_pictures_are_downscaled_without_metadata(tmp_path: Path) -> None:
    doc = doc_with(("photo.jpg", jpeg_with_exif()))
    found = [*epub_images(doc, tmp_path).values(), *html_images(doc)]
    assert len(found) == 2
    for data in found:
        assert SECRET.encode() not in data
        image = Image.open(io.BytesIO(data))
        assert image.width == images.MAX_IMAGE_WIDTH and not image.getexif()


def test_each_distinct_picture_is_decoded_once(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    real = images.prepare_image
    monkeypatch.setattr(images, "prepare_image", lambda data, width: calls.append(1) or
                        real(data, width))
    photo = jpeg_with_exif((300, 200))
    doc = doc_with(("a.jpg", photo), ("b.jpg", photo), ("a.jpg", photo))
    assert len(epub_images(doc, tmp_path)) == 1 and len(calls) == 1
    assert len(html_images(doc)) == 3 and len(calls) == 2


def test_a_picture_name_with_a_nul_keeps_the_article(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text('<!DOCTYPE html><html lang="en"><head><title>Gates</title></head><body>'
                    "<article><h1>Gates</h1><p>The harbour master opened the sluice gates at "
                    "dawn, and the tide came in without flooding the fish market at all.</p>"
                    '<figure><img src="x%00.png" alt="The gates at dawn"></figure><p>Engineers '
                    "replaced only the hinges and the seals, keeping the old oak leaves.</p>"
                    "</article></body></html>", encoding="utf-8")
    doc = read(str(page))
    figures = [n for n in model.walk(doc) if isinstance(n, model.Figure)]
    assert [f.alt for f in figures] == ["The gates at dawn"] and doc.resources == ()
