"""Sources as given on the command line: link loops, links out of a folder, source lists that
include themselves or each other, and standard input read once and bounded."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from cli_run import clearread

from clearread import batch

ARTICLE = (Path(__file__).parent / "data" / "tools-article.txt").read_text(encoding="utf-8")
TITLE = "A Quiet Street Learns to Share Its Tools"


def article(path: Path, title: str = TITLE) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(ARTICLE.replace(TITLE, title), encoding="utf-8")
    return path


def test_link_loops_neither_hang_nor_repeat_files(tmp_path: Path) -> None:
    folder = tmp_path / "dir"
    page = article(folder / "sub" / "a.txt")
    (folder / "loop").symlink_to(folder)
    (folder / "sub" / "back").symlink_to(folder)
    (folder / "same.txt").symlink_to(page)
    started = time.monotonic()
    for source in (f"{folder}/**", str(folder)):
        found, errors = batch.expand([source], recursive=True)
        assert not errors and [Path(f).resolve() for f in found] == [page.resolve()], source
    assert time.monotonic() - started < 5


def test_folders_and_patterns_stay_inside(tmp_path: Path) -> None:
    secret = article(tmp_path / "private" / "secret.txt", "Secret")
    folder = tmp_path / "dir"
    page = article(folder / "a.txt")
    (folder / "b.txt").symlink_to(secret)
    (folder / ".hidden.txt").write_text(ARTICLE)
    for source in (str(folder), f"{folder}/*.txt", f"{folder}/**"):
        found, _ = batch.expand([source], recursive=True)
        assert found == [str(page)], source


def test_a_list_that_includes_itself_gives_one_error(tmp_path: Path) -> None:
    page = article(tmp_path / "a.txt")
    listing = tmp_path / "list.txt"
    listing.write_text(f"@{listing.name}\na.txt\n@other.txt\n")
    (tmp_path / "other.txt").write_text("@list.txt\n")
    found, errors = batch.expand([f"@{listing}"])
    assert found == [str(page)]
    assert len(errors) == 2 and all("includes itself" in e for e in errors)


def test_a_list_named_in_a_list_is_found_beside_it(tmp_path: Path) -> None:
    page = article(tmp_path / "reading" / "b.txt")
    (tmp_path / "reading" / "inner.txt").write_text("b.txt\n")
    (tmp_path / "outer.txt").write_text("@reading/inner.txt\n")
    assert batch.expand([f"@{tmp_path / 'outer.txt'}"]) == ([str(page)], [])


def test_stdin_is_read_once_for_bundle_and_per_article_formats(tmp_path: Path) -> None:
    other = article(tmp_path / "b.txt", "Another Street Learns to Share Its Tools")
    out = tmp_path / "out"
    proc = clearread("convert", "-", str(other), "--bundle", "Mix", "-f", "epub,txt", "-o",
                     str(out), stdin=ARTICLE.encode())
    assert proc.returncode == 0, proc.stderr
    assert "empty input" not in proc.stderr
    made = sorted(p.name for p in out.iterdir() if not p.name.startswith("."))
    assert made == ["a-quiet-street-learns-to-share-its-tools.txt",
                    "another-street-learns-to-share-its-tools.txt", "mix.bundle.epub"]


MEASURE = """
import resource, subprocess, sys, threading
proc = subprocess.Popen([sys.executable, "-m", "clearread", "convert", "-", "-o", sys.argv[1],
                         "-f", "txt"], stdin=subprocess.PIPE, stderr=subprocess.PIPE)
def feed():
    chunk = b"word " * 200_000
    try:
        for _ in range(200):
            proc.stdin.write(chunk)
        proc.stdin.close()
    except BrokenPipeError:
        pass
threading.Thread(target=feed, daemon=True).start()
err = proc.stderr.read().decode()
proc.wait()
print(proc.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024, err)
"""


def test_stdin_is_read_bounded(tmp_path: Path) -> None:
    """200 MB on standard input: refused after 64 MB, without holding the rest in memory."""
    proc = subprocess.run([sys.executable, "-c", MEASURE, str(tmp_path / "out")],
                          capture_output=True, text=True, timeout=120)
    code, peak_mb, stderr = proc.stdout.split(" ", 2)
    assert code == "1" and "larger than 64 MB" in stderr, proc.stdout
    assert int(peak_mb) < 180, proc.stdout
