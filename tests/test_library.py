"""index.html and feed.xml describe exactly the files in the output folder."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote

import pytest
from lxml import etree
from lxml import html as lxml_html
from mutagen.mp3 import MP3

from clearread import batch
from clearread.writers import WriteOptions

ITUNES = "{http://www.itunes.com/dtds/podcast-1.0.dtd}"
ARTICLE = (Path(__file__).parent / "data" / "tools-article.txt").read_text(encoding="utf-8")
TITLE = "A Quiet Street Learns to Share Its Tools"


def test_index_and_feed_list_every_article(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    titles = [f"{TITLE} in Spring", f"{TITLE} in Autumn"]
    for n, title in enumerate(titles):
        (src / f"a{n}.txt").write_text(ARTICLE.replace(TITLE, title), encoding="utf-8")
    out = tmp_path / "out"
    opts = batch.BatchOptions(outdir=out, formats=("html", "mp3"), options=WriteOptions(),
                              jobs=1, base_url="https://example.org/listen/")
    summary = batch.run([str(src)], opts, lambda *a: None)
    assert summary.count("converted") == 2

    page = lxml_html.fromstring((out / "index.html").read_bytes())
    assert page.xpath("//script") == [] and page.xpath("//h1")
    assert sorted(h.text_content() for h in page.xpath("//h2")) == sorted(titles)
    hrefs = [unquote(a.get("href")) for a in page.xpath("//a")]
    assert len(hrefs) == 4
    assert all((out / href).is_file() for href in hrefs)

    feed = etree.fromstring((out / "feed.xml").read_bytes())
    items = feed.findall("channel/item")
    assert sorted(i.findtext("title") for i in items) == sorted(titles)
    for item in items:
        enclosure = item.find("enclosure")
        url = enclosure.get("url")
        assert url.startswith("https://example.org/listen/") and url.endswith(".mp3")
        local = out / unquote(url.rsplit("/", 1)[1])
        assert int(enclosure.get("length")) == local.stat().st_size
        assert enclosure.get("type") == "audio/mpeg"
        h, m, s = (int(x) for x in item.findtext(f"{ITUNES}duration").split(":"))
        assert 10 < h * 3600 + m * 60 + s < 600


def test_library_takes_running_times_from_the_manifest_without_opening_audio(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src = tmp_path / "a.txt"
    src.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out"
    opts = batch.BatchOptions(outdir=out, formats=("mp3",), options=WriteOptions(), jobs=1)
    assert batch.run([str(src)], opts, lambda *a: None).count("converted") == 1
    entry = next(iter(batch.Manifest.load(out).entries.values()))
    seconds = entry["durations"]["mp3"]
    assert abs(seconds - MP3(out / entry["outputs"]["mp3"]).info.length) < 0.1

    mp3 = out / entry["outputs"]["mp3"]
    mp3.write_bytes(b"\0" * mp3.stat().st_size)         # unreadable as audio
    monkeypatch.setattr("mutagen.mp3.MP3", None)       # and nothing may try to read it
    batch.write_library(opts, batch.Manifest.load(out))
    feed = etree.fromstring((out / "feed.xml").read_bytes())
    h, m, s = (int(x) for x in feed.findtext(f"channel/item/{ITUNES}duration").split(":"))
    assert h * 3600 + m * 60 + s == round(seconds)
