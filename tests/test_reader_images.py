"""Pictures saved beside a page are embedded; nothing outside the page's folder is read."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from PIL import Image

from clearread import model
from clearread.pipeline import Job, convert, read
from clearread.writers import WriteOptions

PROSE = ("The lock keepers measured the water every morning at seven and wrote the numbers in a "
         "ledger that has survived for more than a century, which is how we know the river. ")


def png(colour: str) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (40, 30), colour).save(buf, "PNG")
    return buf.getvalue()


def saved_page(tmp_path: Path) -> Path:
    (tmp_path / "page_files").mkdir(parents=True)
    (tmp_path / "page_files" / "lock.png").write_bytes(png("navy"))
    (tmp_path / "page_files" / "fake.png").write_text("not a picture")
    (tmp_path.parent / "outside.png").write_bytes(png("red"))
    figures = "".join(
        f'<figure><img src="{src}" alt="{alt}"><figcaption>{alt} caption</figcaption></figure>'
        f"<p>{PROSE * 2}</p>"
        for src, alt in (("page_files/lock.png", "The lock at dawn"),
                         ("page_files/fake.png", "A fake picture"),
                         ("../outside.png", "A picture outside"),
                         ("/etc/hostname", "An absolute path")))
    page = tmp_path / "page.html"
    page.write_text(f"<html lang='en'><body><article><h1>The lock ledger</h1><p>{PROSE * 3}</p>"
                    f"{figures}</article></body></html>", encoding="utf-8")
    return page


def test_only_real_pictures_inside_the_page_folder_are_read(tmp_path: Path) -> None:
    doc = read(str(saved_page(tmp_path / "site")))
    assert [r.src for r in doc.resources] == ["page_files/lock.png"]
    assert doc.resources[0].media_type == "image/png"
    figures = [n for n in model.walk(doc) if isinstance(n, model.Figure)]
    assert figures[0].src == "page_files/lock.png"
    assert {f.src for f in figures[1:]} == {""}     # described, never loaded
    text = model.plain_text(doc)
    assert "A fake picture caption" in text and "A picture outside caption" in text


def test_saved_pictures_reach_the_page_and_the_book(tmp_path: Path) -> None:
    page = saved_page(tmp_path / "site")
    out = tmp_path / "out"
    out.mkdir()
    result = convert(Job(str(page), str(out), ("html", "epub"), WriteOptions()))
    assert result.status == "converted", result.error
    html = Path(result.temp_outputs["html"]).read_text(encoding="utf-8")
    assert 'src="data:image/' in html and "page_files" not in html
    with zipfile.ZipFile(result.temp_outputs["epub"]) as book:
        images = [n for n in book.namelist() if "/images/" in n and "cover" not in n]
    assert len(images) == 1
