"""The command line end to end, in a real subprocess: exit codes, one-line errors, no tracebacks,
no half-written or lost outputs."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLES

ARTICLE = (Path(__file__).parent / "data" / "tools-article.txt").read_text(encoding="utf-8")


def run(*args: str, stdin: bytes | None = None, cwd: Path | None = None
        ) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run([sys.executable, "-m", "clearread", *args], input=stdin,
                          capture_output=True, cwd=cwd, timeout=120)
    return subprocess.CompletedProcess(proc.args, proc.returncode,
                                       proc.stdout.decode(), proc.stderr.decode())


def assert_one_line_error(proc: subprocess.CompletedProcess[str], *needles: str) -> None:
    assert "Traceback" not in proc.stderr
    errors = [ln for ln in proc.stderr.splitlines() if needles[0] in ln]
    assert errors, proc.stderr
    for needle in needles:
        assert needle in proc.stderr


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "tools.txt"
    path.write_text(ARTICLE)
    return path


def no_temp_files(folder: Path) -> bool:
    return not [p for p in folder.iterdir() if ".tmp" in p.name]


def test_convert_writes_each_format(article: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    proc = run("convert", str(article), "-o", str(out), "-f", "txt,md,json", "-q")
    assert proc.returncode == 0, proc.stderr
    files = sorted(p.name for p in out.iterdir() if not p.name.startswith("."))
    stem = "a-quiet-street-learns-to-share-its-tools"
    assert files == [f"{stem}.json", f"{stem}.md", f"{stem}.txt"]
    data = json.loads((out / f"{stem}.json").read_text())
    assert data["meta"]["title"] == "A Quiet Street Learns to Share Its Tools"
    assert data["meta"]["authors"] == ["Ada Whitlock"]
    body = (out / f"{stem}.txt").read_text()
    assert "lending shelf" in body and "Most Popular" not in body and "Subscribe" not in body


@pytest.mark.parametrize(("content", "reason"), [
    (None, "no such file"),
    (b"", "empty input"),
    (b"  \n\t \n", "empty input"),
    (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "binary file"),
    (b"%PDF-1.7\n" + bytes(range(256)), "binary file"),
])
def test_bad_input_gives_one_line_and_exit_1(tmp_path: Path, content: bytes | None,
                                             reason: str) -> None:
    source = tmp_path / "page.html"
    if content is not None:
        source.write_bytes(content)
    out = tmp_path / "out"
    proc = run("convert", str(source), "-o", str(out), "-f", "txt")
    assert proc.returncode == 1
    assert_one_line_error(proc, str(source), reason)
    assert not [p for p in out.iterdir() if not p.name.startswith(".")]
    assert no_temp_files(out)


def test_folder_with_nothing_convertible(tmp_path: Path) -> None:
    folder = tmp_path / "empty"
    folder.mkdir()
    (folder / "notes.pdf").write_bytes(b"%PDF-1.4")
    proc = run("convert", str(folder), "-o", str(tmp_path / "out"), "-f", "txt")
    assert proc.returncode == 1
    assert_one_line_error(proc, str(folder), "folder has no")


def test_some_bad_inputs_still_convert_the_good_ones(article: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    proc = run("convert", str(article), str(tmp_path / "missing.txt"), "-o", str(out), "-f", "txt")
    assert proc.returncode == 1
    assert "missing.txt: no such file" in proc.stderr
    assert len(list(out.glob("*.txt"))) == 1


@pytest.mark.parametrize("args", [
    ["convert", "x.txt", "-f", "pdf"],
    ["convert", "x.txt", "--theme", "neon", "-f", "html"],
    ["convert"],
    ["inspect", "x.txt", "--to", "xml"],
    ["frobnicate"],
])
def test_usage_errors_exit_2(args: list[str], tmp_path: Path) -> None:
    proc = run(*args, cwd=tmp_path)
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr


def test_failed_rerun_keeps_the_earlier_output(article: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run("convert", str(article), "-o", str(out), "-f", "txt").returncode == 0
    (written,) = out.glob("*.txt")
    before = written.read_bytes()
    article.write_bytes(b"")
    proc = run("convert", str(article), "-o", str(out), "-f", "txt")
    assert proc.returncode == 1
    assert written.read_bytes() == before
    assert no_temp_files(out)


def test_unchanged_sources_are_skipped_and_force_redoes_them(article: Path, tmp_path: Path
                                                             ) -> None:
    out = tmp_path / "out"
    log = tmp_path / "log.jsonl"
    for extra in ([], [], ["--force"]):
        proc = run("convert", str(article), "-o", str(out), "-f", "txt", "--log-json", str(log),
                   *extra)
        assert proc.returncode == 0
    statuses = [json.loads(line)["status"] for line in log.read_text().splitlines()]
    assert statuses == ["converted", "unchanged", "converted"]


def test_stdin_source(tmp_path: Path) -> None:
    proc = run("inspect", "-", "--to", "txt", stdin=ARTICLE.encode())
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("A Quiet Street Learns to Share Its Tools")
    empty = run("inspect", "-", stdin=b"")
    assert empty.returncode == 1
    assert_one_line_error(empty, "-: empty input")


def test_inspect_show_removed_names_rules(article: Path) -> None:
    proc = run("inspect", str(article), "--to", "md", "--show-removed")
    assert proc.returncode == 0
    removed = proc.stdout.split("--- removed by cleaning")[1]
    assert "Most Popular" in removed and "[" in removed


def test_inspect_seed_gives_expected_structure(shared_dir: Path) -> None:
    expected = json.loads((shared_dir / "seeds/scraped-article.expected.json").read_text())
    proc = run("inspect", str(shared_dir / "seeds/scraped-article.txt"), "--to", "json")
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["meta"]["title"] == expected["title"]
    assert doc["meta"]["subtitle"] == expected["subtitle"]
    assert doc["meta"]["authors"] == expected["authors"]
    paragraphs = ["".join(c["text"] for c in b["children"]) for b in doc["blocks"]
                  if b["type"] == "paragraph"]
    assert paragraphs == expected["body_paragraphs"]


def test_every_example_converts_to_text(tmp_path: Path) -> None:
    out = tmp_path / "out"
    proc = run("convert", str(EXAMPLES), "-o", str(out), "-f", "txt,json", "-j", "2")
    assert proc.returncode == 0, proc.stderr
    sources = [p for p in EXAMPLES.iterdir() if p.suffix in {".html", ".txt"}]
    assert len([p for p in out.glob("*.json") if not p.name.startswith(".")]) == len(sources)
    assert no_temp_files(out)


def test_voices_lists_profiles_and_espeak_voices() -> None:
    proc = run("voices", "--lang", "fr")
    assert proc.returncode == 0, proc.stderr
    profiles, installed = proc.stdout.split("Installed espeak-ng voices")
    assert "fr" in profiles and "en-us" not in profiles
    assert "French" in installed


def test_unknown_voice_is_a_usage_error_with_suggestions(article: Path, tmp_path: Path) -> None:
    proc = run("convert", str(article), "-o", str(tmp_path / "out"), "-f", "mp3",
               "--voice", "en-uss")
    assert proc.returncode == 2
    assert "unknown voice 'en-uss'" in proc.stderr and "en-us" in proc.stderr
    assert "Traceback" not in proc.stderr
