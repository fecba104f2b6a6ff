"""Worker processes: a worker that dies fails only its own item, and no process outlives the run,
whether a worker is killed, or the parent is stopped with ``kill`` or ``kill -9``."""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from clearread import batch, pipeline
from clearread.pipeline import ItemResult, Job
from clearread.writers import WriteOptions

ARTICLE = (Path(__file__).parent / "data" / "tools-article.txt").read_text(encoding="utf-8")
TITLE = "A Quiet Street Learns to Share Its Tools"


def make_sources(folder: Path, count: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / f"item-{n:04d}.txt" for n in range(count)]
    for n, path in enumerate(paths):
        path.write_text(ARTICLE.replace(TITLE, f"{TITLE} No. {n}"), encoding="utf-8")
    return paths


def visible(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))


def temp_files(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if pipeline.TEMP_MARK in p.name]


def processes() -> Iterator[tuple[int, list[str]]]:
    """(pid, the stat fields after the command name) of every process in /proc."""
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        yield int(stat.parent.name), fields


def session(leader: int) -> list[int]:
    """Live processes of the session ``leader`` started (zombies do not count)."""
    return [pid for pid, fields in processes() if int(fields[3]) == leader and fields[0] != "Z"]


def children(parent: int) -> list[int]:
    return [pid for pid, fields in processes() if int(fields[1]) == parent]


def wait_for(condition: Callable[[], object], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def start_run(src: Path, out: Path) -> subprocess.Popen[str]:
    args = [sys.executable, "-m", "clearread", "convert", str(src), "-o", str(out),
            "-f", "txt,md,json", "-j", "2"]
    return subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)


def busy(proc: subprocess.Popen[str], out: Path) -> bool:
    """Both workers started and the first items written."""
    return len(children(proc.pid)) >= 2 and out.is_dir() and len(visible(out)) >= 6


@pytest.mark.parametrize("death", [lambda: os._exit(3),
                                   lambda: os.kill(os.getpid(), signal.SIGKILL)],
                         ids=["exit", "sigkill"])
def test_a_dying_worker_fails_only_its_item(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                            death: Callable[[], None]) -> None:
    real = pipeline.convert

    def fragile(job: Job) -> ItemResult:
        if "item-0003" in job.source:
            death()
        return real(job)

    monkeypatch.setattr(pipeline, "convert", fragile)     # workers are forked with it
    sources = make_sources(tmp_path / "src", 8)
    out = tmp_path / "out"
    opts = batch.BatchOptions(outdir=out, formats=("txt",), options=WriteOptions(), jobs=2)
    summary = batch.run([str(p) for p in sources], opts, lambda *a: None)
    assert summary.count("converted") == 7
    (error,) = summary.failed
    assert error.startswith(str(sources[3])) and "stopped" in error
    assert len(visible(out)) == 7 and not temp_files(out)
    assert not multiprocessing.active_children()


def test_a_worker_killed_mid_batch_loses_nothing(tmp_path: Path) -> None:
    sources = make_sources(tmp_path / "src", 300)
    out = tmp_path / "out"
    proc = start_run(tmp_path / "src", out)
    wait_for(lambda: busy(proc, out))
    os.kill(children(proc.pid)[0], signal.SIGKILL)
    _, stderr = proc.communicate(timeout=120)
    assert proc.returncode in (0, 1) and "Traceback" not in stderr, stderr
    entries = batch.Manifest.load(out).entries
    failed = stderr.count("stopped (out of memory or a crash)")
    assert len(entries) == len(sources) - failed and failed <= 1
    assert {n for e in entries.values() for n in e["outputs"].values()} == set(visible(out))
    assert not temp_files(out)
    wait_for(lambda: not session(proc.pid), 10)


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL], ids=["kill", "kill-9"])
def test_no_process_outlives_a_killed_parent(tmp_path: Path, sig: signal.Signals) -> None:
    sources = make_sources(tmp_path / "src", 600)
    out = tmp_path / "out"
    proc = start_run(tmp_path / "src", out)
    wait_for(lambda: busy(proc, out))
    proc.send_signal(sig)
    proc.communicate(timeout=60)
    wait_for(lambda: not session(proc.pid), 10)
    if sig == signal.SIGTERM:
        assert proc.returncode == 130 and not temp_files(out)
    log = tmp_path / "log.jsonl"
    rerun = subprocess.run([sys.executable, "-m", "clearread", "convert", str(tmp_path / "src"),
                            "-o", str(out), "-f", "txt,md,json", "--log-json", str(log)],
                           capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert len(log.read_text().splitlines()) == len(sources)
    assert not temp_files(out) and len(visible(out)) == 3 * len(sources)
    assert all(json.loads(line)["status"] != "failed" for line in log.read_text().splitlines())


def test_speech_processes_die_with_a_killed_parent(tmp_path: Path) -> None:
    """One long article is spoken in the parent by a pool of speech processes (forked by a fork
    server, not by the parent); ``kill -9`` of the parent ends them too."""
    body = "\n\n".join(f"Paragraph {n} tells how the tool shelf grew again that week, and "
                       "how more neighbours came by to borrow a ladder." for n in range(250))
    source = tmp_path / "long.txt"
    source.write_text(ARTICLE.replace("Most Popular", body + "\n\nMost Popular"))
    proc = subprocess.Popen([sys.executable, "-m", "clearread", "convert", str(source), "-o",
                             str(tmp_path / "out"), "-f", "mp3", "-q"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    wait_for(lambda: len(session(proc.pid)) >= 5)    # run, resource tracker, server, 2 workers
    time.sleep(0.5)
    proc.kill()
    proc.wait(timeout=10)
    wait_for(lambda: not session(proc.pid), 10)
