"""feed.xml: enclosure URLs under the served folder, descriptions as plain text."""

from __future__ import annotations

import pytest
from lxml import etree

from clearread.library import Entry, render_feed


def entry(description: str = "") -> Entry:
    return Entry(stem="gates", title="Gates", authors=(), published=None, site_name="",
                 description=description, source_url="", words=100,
                 outputs={"mp3": "gates open.mp3"}, audio_seconds=60.0, audio_bytes=1000)


def item(base_url: str, description: str = "") -> etree._Element:
    feed = etree.fromstring(render_feed([entry(description)], base_url).encode())
    return feed.find("channel/item")


@pytest.mark.parametrize("base", ["https://example.org/listen", "https://example.org/listen/"])
def test_base_url_is_a_folder_with_or_without_its_slash(base: str) -> None:
    url = item(base).find("enclosure").get("url")
    assert url == "https://example.org/listen/gates%20open.mp3"


def test_description_markup_becomes_plain_text() -> None:
    found = item("", 'A <b>bold</b> <a href="x">claim</a> <img src=x onerror=alert(1)> 3 < 4 '
                 "<script")
    assert found.findtext("description") == "A bold claim 3 < 4"


def test_description_of_only_markup_is_left_out() -> None:
    assert item("", "<br/><hr>").find("description") is None
