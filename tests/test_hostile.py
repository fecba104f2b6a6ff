"""Hostile pages through the real CLI: scripts, handlers, unsafe URLs, embeds, remote resources
and XML entity tricks never reach any output, and hostile titles become safe file names."""

from __future__ import annotations

import json
import re
import time
import zipfile
from pathlib import Path

import pytest
from badcorpus import (
    HOSTILE_LINKS,
    HOSTILE_NEEDLES,
    MARKER,
    TITLE,
    article_html,
    billion_laughs_xhtml,
    hostile_html,
    xxe_xhtml,
)
from cli_run import FORMATS, clearread, outputs
from lxml import etree

PASSWD = [ln.split(":")[0] + ":x:" for ln in Path("/etc/passwd").read_text().splitlines()
          if ln.count(":") >= 6]


def all_texts(out: Path) -> dict[str, str]:
    """Every output as text, EPUB members included (name → content)."""
    texts = {}
    for path in outputs(out):
        if path.suffix == ".epub":
            with zipfile.ZipFile(path) as book:
                for name in book.namelist():
                    if name.endswith((".xhtml", ".opf", ".ncx", ".css", ".html")):
                        texts[f"{path.name}/{name}"] = book.read(name).decode("utf-8")
        elif path.suffix in (".txt", ".md", ".json", ".html"):
            texts[path.name] = path.read_text(encoding="utf-8")
    return texts


def convert(tmp_path: Path, name: str, content: str, formats: str = FORMATS) -> dict[str, str]:
    source = tmp_path / name
    source.write_text(content, encoding="utf-8")
    out = tmp_path / "out"
    proc = clearread("convert", str(source), "-o", str(out), "-f", formats)
    assert proc.returncode == 0, proc.stderr
    return all_texts(out)


def test_hostile_page_leaves_nothing_behind(tmp_path: Path) -> None:
    texts = convert(tmp_path, "hostile.html", hostile_html())
    assert len([n for n in texts if "/" not in n]) == 4 and any(".epub/" in n for n in texts)
    for name, text in texts.items():
        lowered = text.lower()
        found = [needle for needle in HOSTILE_NEEDLES if needle in lowered]
        assert not found, (name, found)
        if name.endswith((".html", ".xhtml")):
            assert "images.example" not in text, name    # the remote image is not hot-linked
            if "nav" not in name and "cover" not in name:
                assert MARKER in text, name
    for name, text in texts.items():
        if name.endswith((".html", ".xhtml")):
            page = etree.fromstring(text.encode()) if name.endswith(".xhtml") else \
                etree.HTML(text.encode())
            for el in page.iter():
                for attr, value in el.attrib.items():
                    assert not attr.lower().startswith("on"), (name, attr)
                    remote = value.startswith(("http:", "https:", "//"))
                    if attr in ("src", "data", "action", "poster") or el.tag.endswith("link"):
                        assert not remote, (name, el.tag, attr, value)


def test_hostile_link_text_survives_without_its_target(tmp_path: Path) -> None:
    texts = convert(tmp_path, "hostile.html", hostile_html(), "md,json")
    md = next(t for n, t in texts.items() if n.endswith(".md"))
    for _, words in HOSTILE_LINKS:
        assert words in md
    doc = json.loads(next(t for n, t in texts.items() if n.endswith(".json")))
    hrefs = re.findall(r'"href": "([^"]*)"', json.dumps(doc, indent=1))
    assert hrefs == ["https://harbour.example/gates"]


@pytest.mark.parametrize("make", [xxe_xhtml, billion_laughs_xhtml])
def test_xml_entities_are_never_expanded(make, tmp_path: Path) -> None:
    started = time.perf_counter()
    texts = convert(tmp_path, "page.xhtml", make(), "txt,json,html")
    assert time.perf_counter() - started < 30
    for name, text in texts.items():
        assert not any(line in text for line in PASSWD), name
        assert "lollol" not in text and "evil.example" not in text, name
    assert MARKER in texts[next(n for n in texts if n.endswith(".txt"))]


def test_billion_laughs_as_text_input(tmp_path: Path) -> None:
    """Forced through the text reader the entities are just characters."""
    source = tmp_path / "laughs.txt"
    source.write_text(billion_laughs_xhtml(), encoding="utf-8")
    proc = clearread("convert", str(source), "-o", str(tmp_path / "out"), "-f", "txt",
                     "--kind", "text")
    assert proc.returncode == 0, proc.stderr
    (path,) = outputs(tmp_path / "out")
    text = path.read_text(encoding="utf-8")
    assert "Harbour laughs: &lol9; end." in text
    assert "lollollol" not in text


TITLES = ["../../x", "/etc/passwd", "CON", "a\0b", "x" * 500, "%$#@!*&^", "..", "nul.txt",
          "C:\\Windows\\system32", "-rf", ". . .", "🦀🦀🦀", "a/../../../b"]


@pytest.mark.parametrize("title", TITLES)
def test_hostile_titles_become_safe_file_names(title: str, tmp_path: Path) -> None:
    work = tmp_path / "work"
    work.mkdir()
    source = work / "page.html"
    source.write_text(article_html(title=title), encoding="utf-8")
    out = tmp_path / "deep" / "out"
    proc = clearread("convert", str(source), "-o", str(out), "-f", "txt,json")
    assert proc.returncode == 0, proc.stderr
    made = outputs(out)
    assert len(made) == 2
    everything = {p for p in tmp_path.rglob("*") if p.is_file()}
    assert everything - {source} == {p for p in out.rglob("*") if p.is_file()}
    for path in made:
        name = path.name
        assert path.parent == out
        assert len(name.encode()) <= 100 and "/" not in name and "\\" not in name
        assert "\0" not in name and not name.startswith((".", "-"))
        assert name.split(".")[0].lower() not in {"con", "nul", "prn", "aux"}
        assert re.fullmatch(r"[\w-]+\.(txt|json)", name), name


def test_remote_image_is_never_hot_linked(tmp_path: Path) -> None:
    page = article_html(inside='<figure><img src="https://images.example/gates.jpg" '
                               'alt="Gates at dawn"><figcaption>The gates at dawn.</figcaption>'
                               "</figure>")
    texts = convert(tmp_path, "figure.html", page, "html,epub")
    for name, text in texts.items():
        assert "images.example" not in text, name
    assert TITLE in "".join(texts.values())
