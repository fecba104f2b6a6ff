"""Metadata is valid Unicode without bidi controls, whichever reader made it: a lone surrogate
from JSON-LD or a right-to-left override in a title never reaches a file name, tag or page."""

from __future__ import annotations

import json
from pathlib import Path

from cli_run import clearread, outputs

from clearread import model
from clearread.cleanup import clean
from clearread.pipeline import read_bytes

BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
PROSE = ("<p>The harbour master opened the sluice gates at dawn, and the tide came in without "
         "flooding the fish market for the first time in a decade of storms.</p>"
         "<p>Engineers replaced only the hinges and the seals, keeping the old oak leaves that "
         "local carpenters fitted long ago.</p>")


def page(headline: str, author: str, site: str = "Harbour Post") -> bytes:
    ld = json.dumps({"@type": "NewsArticle", "headline": headline,
                     "author": {"@type": "Person", "name": author}})
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
            f'<meta property="og:site_name" content="{site}">'
            f'<script type="application/ld+json">{ld}</script></head>'
            f"<body><article>{PROSE}</article></body></html>").encode()


def assert_clean_text(meta: model.Metadata) -> None:
    for value in (meta.title, meta.site_name, meta.subtitle, meta.description, *meta.authors):
        value.encode("utf-8")                       # no lone surrogate
        assert not set(value) & set(BIDI), repr(value)


def test_lone_surrogates_in_json_ld_become_replacement_characters() -> None:
    doc = read_bytes(page("Harbour \ud800 gates open", "Jane \udc00 Doe"), "page.html")
    assert_clean_text(doc.meta)
    assert doc.meta.title == "Harbour \ufffd gates open"


def test_bidi_controls_are_stripped_from_title_authors_and_site() -> None:
    doc = read_bytes(page("Gates \u202eopen\u202c now", "Jane \u2067Doe\u2069",
                          "The &#x202E;Harbour&#x202C; Post"), "page.html")
    assert_clean_text(doc.meta)
    assert doc.meta.title == "Gates open now" and doc.meta.site_name == "The Harbour Post"


def test_cleanup_pass_covers_every_metadata_field() -> None:
    meta = model.Metadata(title=f"A{BIDI}\ud800b", subtitle="\u202edek", authors=("\udfffAnn",),
                          site_name=f"{BIDI}Site", description="x\u2066y")
    doc = clean(model.Document(meta, (model.Paragraph((model.Text("Body."),)),)))
    assert_clean_text(doc.meta)
    assert doc.meta.title == "A\ufffdb" and doc.meta.authors == ("\ufffdAnn",)


def test_a_surrogate_page_never_sinks_the_batch(tmp_path: Path) -> None:
    (tmp_path / "bad.html").write_bytes(page("Harbour \ud800 gates", "Jane \ud800 Doe"))
    (tmp_path / "good.html").write_bytes(page("Good harbour news", "Ann Lee"))
    proc = clearread("convert", str(tmp_path / "bad.html"), str(tmp_path / "good.html"),
                     "-o", str(tmp_path / "out"), "-f", "txt,json")
    assert proc.returncode == 0, proc.stderr
    assert len(outputs(tmp_path / "out")) == 4
