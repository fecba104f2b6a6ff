"""index.html and feed.xml describe exactly the files in the output folder."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote

from lxml import etree
from lxml import html as lxml_html

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
