"""Broken, odd and huge inputs through the real CLI: each gives a correct output or one clear
error line and exit 1 — never a traceback, a partial or empty file, or a lost earlier output.
The small inputs live in tests/data/bad/ (``python tests/badcorpus.py`` rebuilds them)."""

from __future__ import annotations

import json
import os
import shutil
import sys
import time
import zipfile
from pathlib import Path

import pytest
from badcorpus import (
    ARABIC,
    BAD,
    CHINESE,
    EMOJI,
    HEBREW,
    JAPANESE,
    MARKER,
    PARAS,
    TITLE,
    article_html,
    article_text,
    small_files,
)
from cli_run import FORMATS, assert_clean_failure, clearread, outputs
from conftest import ROOT

FAILURES = {
    "empty.html": "empty input",
    "whitespace.txt": "empty input",
    "png-named.html": "binary file",
    "pdf-named.txt": "binary file",
    "zip-named.html": "binary file",
    "no-text.html": "no article text found",
    "nav-only.html": "no article text found",
}
#: file → (title, a phrase from the body) the outputs must hold.
SUCCESSES = {
    "invalid-utf8.txt": (TITLE, MARKER),
    "utf16-bom.html": (TITLE, MARKER),
    "cp1252-no-charset.html": ("Café Owners Say “Merci”", MARKER),
    "control-chars.txt": (TITLE, MARKER),
    "arabic.html": (ARABIC[0], ARABIC[3]),
    "hebrew.html": (HEBREW[0], HEBREW[3]),
    "chinese.html": (CHINESE[0], CHINESE[3]),
    "japanese.html": (JAPANESE[0], JAPANESE[3]),
    "emoji.html": (EMOJI[0], EMOJI[3]),
}
_CONTROL = {chr(c) for c in range(32) if chr(c) not in "\t\n"} | {"\x7f"}


def test_corpus_files_are_current() -> None:
    """The committed files are exactly what the generator makes (and nothing is missing)."""
    for name, data in small_files().items():
        assert (BAD / name).read_bytes() == data, name
    assert set(FAILURES) | set(SUCCESSES) == set(small_files())


def check_outputs(out: Path, title: str, phrase: str) -> None:
    files = {p.suffix: p for p in outputs(out)}
    assert set(files) == {".txt", ".md", ".json", ".html", ".epub"}, files
    for suffix, path in files.items():
        assert path.stat().st_size > 0, path
        if suffix == ".epub":
            with zipfile.ZipFile(path) as book:
                text = "".join(book.read(n).decode() for n in book.namelist()
                               if n.endswith(".xhtml"))
        else:
            text = path.read_text(encoding="utf-8")
        assert phrase in text, (path, text[:500])
        assert "\ufffd" not in text.split(phrase)[0][:200] or suffix == ".json"
        assert not _CONTROL & set(text), (path, _CONTROL & set(text))
    meta = json.loads(files[".json"].read_text(encoding="utf-8"))["meta"]
    assert meta["title"] == title


@pytest.mark.parametrize("name", sorted(FAILURES))
def test_bad_file_fails_cleanly(name: str, tmp_path: Path) -> None:
    source = str(BAD / name)
    proc = clearread("convert", source, "-o", str(tmp_path / "out"), "-f", FORMATS)
    assert_clean_failure(proc, source, FAILURES[name], tmp_path / "out")


@pytest.mark.parametrize("name", sorted(SUCCESSES))
def test_odd_file_converts(name: str, tmp_path: Path) -> None:
    proc = clearread("convert", str(BAD / name), "-o", str(tmp_path / "out"), "-f", FORMATS)
    assert proc.returncode == 0, proc.stderr
    check_outputs(tmp_path / "out", *SUCCESSES[name])


def test_right_to_left_keeps_direction(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert clearread("convert", str(BAD / "arabic.html"), "-o", str(out), "-f",
                     "json").returncode == 0
    meta = json.loads(outputs(out)[0].read_text(encoding="utf-8"))["meta"]
    assert meta["language"] == "ar"


def test_zero_byte_stdin(tmp_path: Path) -> None:
    proc = clearread("convert", "-", "-o", str(tmp_path / "out"), "-f", "txt,json", stdin=b"")
    assert_clean_failure(proc, "-", "empty input", tmp_path / "out")


def test_article_on_stdin(tmp_path: Path) -> None:
    proc = clearread("convert", "-", "-o", str(tmp_path / "out"), "-f", "txt",
                     stdin=article_text().encode())
    assert proc.returncode == 0, proc.stderr
    assert MARKER in outputs(tmp_path / "out")[0].read_text()


@pytest.mark.parametrize("name", ["empty.html", "png-named.html", "no-text.html",
                                  "nav-only.html"])
def test_bad_rerun_keeps_the_earlier_output(name: str, tmp_path: Path) -> None:
    """Convert a good article, then the same source name with bad content: old files stay."""
    source, out = tmp_path / "page.html", tmp_path / "out"
    source.write_text(article_html(), encoding="utf-8")
    assert clearread("convert", str(source), "-o", str(out), "-f", "txt,json").returncode == 0
    before = {p.name: p.read_bytes() for p in outputs(out)}
    shutil.copyfile(BAD / name, source)
    proc = clearread("convert", str(source), "-o", str(out), "-f", "txt,json")
    assert proc.returncode == 1 and "Traceback" not in proc.stderr, proc.stderr
    assert {p.name: p.read_bytes() for p in outputs(out)} == before
    assert not [p for p in out.iterdir() if ".tmp-" in p.name]


def test_one_megabyte_paragraph(tmp_path: Path) -> None:
    para = " ".join(PARAS)
    big = " ".join([para] * (1_000_000 // len(para) + 1))[:1_000_000].rsplit(" ", 1)[0] + "."
    for name, data in (("big.txt", article_text(paras=(big,))),
                       ("big.html", article_html(paras=(big,)))):
        (tmp_path / name).write_text(data, encoding="utf-8")
        out = tmp_path / f"out-{name}"
        started = time.perf_counter()
        proc = clearread("convert", str(tmp_path / name), "-o", str(out), "-f", "txt,json")
        assert proc.returncode == 0, proc.stderr
        assert time.perf_counter() - started < 60
        text = next(p for p in outputs(out) if p.suffix == ".txt").read_text()
        assert len(text) > 900_000 and MARKER in text


@pytest.mark.parametrize(("tag", "depth", "ok"), [
    ("div", 10_000, True), ("span", 10_000, True), ("b", 10_000, True),
    ("blockquote", 200, True), ("blockquote", 10_000, True), ("ul", 10_000, True),
])
def test_deep_nesting(tag: str, depth: int, ok: bool, tmp_path: Path) -> None:
    body = "".join(f"<p>{p}</p>" for p in PARAS)
    source = tmp_path / f"deep-{tag}.html"
    source.write_text(article_html(inside=f"<{tag}>" * depth + body + f"</{tag}>" * depth,
                                   paras=()), encoding="utf-8")
    out = tmp_path / "out"
    proc = clearread("convert", str(source), "-o", str(out), "-f", "txt,json,html")
    if ok:
        assert proc.returncode == 0, proc.stderr
        text = next(p for p in outputs(out) if p.suffix == ".txt").read_text()
        assert all(p[:60] in text for p in PARAS)
    else:
        assert_clean_failure(proc, str(source), "nested more than", out)


def test_audio_for_an_odd_input(tmp_path: Path) -> None:
    """Control characters and invalid bytes still make a playable MP3."""
    out = tmp_path / "out"
    proc = clearread("convert", str(BAD / "control-chars.txt"), "-o", str(out), "-f", "mp3")
    assert proc.returncode == 0, proc.stderr
    (mp3,) = (p for p in outputs(out) if p.suffix == ".mp3")
    assert mp3.stat().st_size > 10_000


def _slow_enabled(config: pytest.Config) -> bool:
    return os.environ.get("CLEARREAD_SLOW") == "1" or "slow" in (config.option.markexpr or "")


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["html", "txt"])
def test_fifty_megabyte_page(kind: str, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    """A 50 MB page or text dump peaks near the README's figure (memory.GOAL_MB)."""
    if not _slow_enabled(request.config):
        pytest.skip("slow: run with CLEARREAD_SLOW=1 or -m slow")
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from memory import GOAL_MB, PAGES, convert_measured

    source = tmp_path / f"huge.{kind}"
    source.write_text(PAGES[kind](50 * 1024 * 1024), encoding="utf-8")
    proc, peak_mb, _ = convert_measured(source, tmp_path / "out", "txt,json")
    assert proc.returncode == 0, proc.stderr
    assert peak_mb < GOAL_MB, f"peak RSS {peak_mb} MB"
    assert MARKER in next(p for p in outputs(tmp_path / "out") if p.suffix == ".txt").read_text()
