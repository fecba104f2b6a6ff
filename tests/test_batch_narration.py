"""Narration in a batch: an item whose narration fails is one line among the failures, and the
rest of the batch still gets its read-aloud books and audiobooks."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from test_batch import make_sources, visible

VOICES = Path(__file__).resolve().parents[1] / "voices"
GERMAN = Path(__file__).resolve().parents[1] / "examples" / "stadtgarten.txt"


def broken_german_voice(folder: Path) -> Path:
    """The shipped profiles, with German pointing at an espeak voice that does not exist."""
    folder.mkdir()
    for profile in VOICES.glob("*.toml"):
        shutil.copy(profile, folder)
    german = folder / "de.toml"
    german.write_text(german.read_text(encoding="utf-8").replace('"gmw/de"', '"gmw/missing"'),
                      encoding="utf-8")
    return folder


def test_a_failed_narration_fails_its_item_and_the_rest_converts(tmp_path: Path) -> None:
    sources = [*make_sources(tmp_path / "src", 2), GERMAN]
    out, log = tmp_path / "out", tmp_path / "log.jsonl"
    env = {**os.environ, "CLEARREAD_VOICES": str(broken_german_voice(tmp_path / "voices"))}
    proc = subprocess.run([sys.executable, "-m", "clearread", "convert", *map(str, sources),
                           "-o", str(out), "-f", "read-aloud,m4b", "-j", "2",
                           "--log-json", str(log)],
                          capture_output=True, text=True, timeout=600, env=env)
    assert proc.returncode == 1, proc.stderr[-2000:]
    assert "Traceback" not in proc.stderr
    assert "2 converted" in proc.stderr and "1 failed" in proc.stderr
    records = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    (failed,) = [r for r in records if r["status"] == "failed"]
    assert Path(failed["source"]).name == GERMAN.name
    assert "gmw/missing" in failed["error"] and "\n" not in failed["error"]
    names = [p.name for p in visible(out) if p.name != "index.html"]
    assert len(names) == 4, names
    assert sum(n.endswith(".read-aloud.epub") for n in names) == 2
    assert sum(n.endswith(".m4b") for n in names) == 2
