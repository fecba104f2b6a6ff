"""Batch conversion: per-item isolation, unique names, resumable runs, Ctrl-C, dask executor."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from clearread import batch
from clearread.writers import WriteOptions

ARTICLE = (Path(__file__).parent / "data" / "tools-article.txt").read_text(encoding="utf-8")
TITLE = "A Quiet Street Learns to Share Its Tools"


def make_sources(folder: Path, count: int, same_title_every: int = 0) -> list[Path]:
    """``count`` distinct articles; every ``same_title_every``-th shares one title."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(count):
        title = TITLE if same_title_every and n % same_title_every == 0 else f"{TITLE} No. {n}"
        text = ARTICLE.replace(TITLE, title).replace("forty tools", f"{n + 40} tools")
        path = folder / f"item-{n:04d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def visible(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if not p.name.startswith("."))


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "clearread", *args], capture_output=True,
                          text=True, timeout=300)


def test_fifty_sources_five_bad(tmp_path: Path) -> None:
    good = make_sources(tmp_path / "src", 45)
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "image.html").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    (bad / "menu.txt").write_text("Home\nNews\nSport\nSubscribe\nSign in\n")
    (bad / "blank.html").write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>")
    missing = tmp_path / "gone.txt"
    out = tmp_path / "out"
    log = tmp_path / "log.jsonl"
    proc = run_cli("convert", *map(str, good), *map(str, sorted(bad.iterdir())), str(missing),
                   "-o", str(out), "-f", "txt,md", "-j", "2", "--log-json", str(log))
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert "45 converted" in proc.stderr and "5 failed" in proc.stderr
    records = [json.loads(line) for line in log.read_text().splitlines()]
    failed = {Path(r["source"]).name: r["error"] for r in records if r["status"] == "failed"}
    assert set(failed) == {"empty.txt", "image.html", "menu.txt", "blank.html", "gone.txt"}
    assert all(reason for reason in failed.values())
    assert len(visible(out)) == 90


def test_same_titles_get_unique_names_and_reruns_reuse_them(tmp_path: Path) -> None:
    make_sources(tmp_path / "src", 6, same_title_every=2)
    out = tmp_path / "out"
    opts = batch.BatchOptions(outdir=out, formats=("txt",), options=WriteOptions(), jobs=1)
    summary = batch.run([str(tmp_path / "src")], opts, lambda *a: None)
    assert summary.count("converted") == 6
    names = [p.name for p in visible(out)]
    assert len(names) == 6
    assert "a-quiet-street-learns-to-share-its-tools.txt" in names
    assert "a-quiet-street-learns-to-share-its-tools-2.txt" in names
    (tmp_path / "src" / "item-0002.txt").write_text(ARTICLE.replace("ladder", "wheelbarrow"))
    again = batch.run([str(tmp_path / "src")], opts, lambda *a: None)
    assert again.count("converted") == 1 and again.count("unchanged") == 5
    assert [p.name for p in visible(out)] == sorted(names)


def test_sigint_stops_cleanly_and_rerun_finishes_the_rest(tmp_path: Path) -> None:
    sources = make_sources(tmp_path / "src", 800)
    out = tmp_path / "out"
    args = [sys.executable, "-m", "clearread", "convert", str(tmp_path / "src"), "-o", str(out),
            "-f", "txt,md,json", "-j", "2"]
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if out.is_dir() and len(visible(out)) >= 30:
            break
        time.sleep(0.02)
    proc.send_signal(signal.SIGINT)
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130, stderr
    assert "Traceback" not in stderr and "interrupted" in stderr
    assert not [p for p in out.iterdir() if ".tmp" in p.name]
    manifest = json.loads((out / batch.MANIFEST).read_text())["entries"]
    first = len(manifest)
    assert 0 < first < len(sources)
    recorded = {name for e in manifest.values() for name in e["outputs"].values()}
    assert recorded == {p.name for p in visible(out)}

    log = tmp_path / "log.jsonl"
    rerun = run_cli(*args[3:], "--log-json", str(log))
    assert rerun.returncode == 0, rerun.stderr
    statuses = [json.loads(line)["status"] for line in log.read_text().splitlines()]
    assert statuses.count("unchanged") == first
    assert statuses.count("converted") == len(sources) - first
    assert len(visible(out)) == 3 * len(sources)


def test_dask_executor_on_a_local_cluster(tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    sources = make_sources(tmp_path / "src", 4)
    out = tmp_path / "out"
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False,
                                  protocol="tcp", host="127.0.0.1",
                                  dashboard_address=None) as cluster:
        opts = batch.BatchOptions(outdir=out, formats=("txt", "json"), options=WriteOptions(),
                                  executor="dask", scheduler=cluster.scheduler_address)
        summary = batch.run([str(p) for p in sources], opts, lambda *a: None)
    assert summary.count("converted") == 4 and not summary.failed
    assert len(visible(out)) == 8


def test_list_file_and_glob_sources(tmp_path: Path) -> None:
    sources = make_sources(tmp_path / "src", 3)
    listing = tmp_path / "list.txt"
    listing.write_text(f"# reading list\n{sources[0]}\n\n  {sources[1].name.join(['src/', ''])}\n")
    found, errors = batch.expand([f"@{listing}", str(tmp_path / "src" / "*-0002.txt")])
    assert not errors
    assert [Path(f).resolve() for f in found] == [p.resolve() for p in sources]
    os.remove(sources[2])
    _, errors = batch.expand([str(tmp_path / "src" / "*-0002.txt")])
    assert errors and "matches no files" in errors[0]


def test_journal_survives_a_hard_kill(tmp_path: Path) -> None:
    """Items recorded before a crash (no compaction, a half-written last line) are kept."""
    manifest = batch.Manifest.load(tmp_path)
    manifest.record("a", {"hash": "1", "stem": "a", "outputs": {}})
    manifest.record("b", {"hash": "2", "stem": "b", "outputs": {}})
    with manifest.journal.open("a", encoding="utf-8") as out:
        out.write('{"key": "c", "entry": {"ha')
    again = batch.Manifest.load(tmp_path)
    assert set(again.entries) == {"a", "b"}
    again.compact()
    assert not again.journal.exists()
    assert set(batch.Manifest.load(tmp_path).entries) == {"a", "b"}


def test_long_items_report_progress_from_worker_processes(tmp_path: Path) -> None:
    sources = make_sources(tmp_path / "src", 2)
    long_text = ARTICLE.replace("Most Popular", "\n\n".join(
        f"Paragraph {n} tells how the tool shelf grew again that week." for n in range(60))
        + "\n\nMost Popular")
    sources[0].write_text(long_text, encoding="utf-8")
    steps: list[tuple[str, int, int]] = []
    opts = batch.BatchOptions(outdir=tmp_path / "out", formats=("wav",), options=WriteOptions(),
                              jobs=2)
    summary = batch.run([str(p) for p in sources], opts, lambda *a: None, steps=lambda *s:
                        steps.append(s))
    assert summary.count("converted") == 2, summary.failed
    mine = [(done, total) for src, done, total in steps if src == str(sources[0])]
    assert mine and mine[-1][0] == mine[-1][1] > 60
    assert [d for d, _ in mine] == sorted(d for d, _ in mine)
