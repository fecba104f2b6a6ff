"""Run the real CLI in a subprocess and check what an error looks like and what files it left."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

FORMATS = "txt,md,json,html,epub"


def clearread(*args: str, stdin: bytes | None = None, timeout: float = 300
              ) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run([sys.executable, "-m", "clearread", *args], input=stdin,
                          capture_output=True, timeout=timeout)
    return subprocess.CompletedProcess(proc.args, proc.returncode,
                                       proc.stdout.decode("utf-8", "replace"),
                                       proc.stderr.decode("utf-8", "replace"))


def outputs(folder: Path) -> list[Path]:
    """Files the user sees (no manifest, no temp files, no library index)."""
    if not folder.exists():
        return []
    return sorted(p for p in folder.iterdir()
                  if p.is_file() and not p.name.startswith(".") and p.name != "index.html")


def assert_clean_failure(proc: subprocess.CompletedProcess[str], source: str, reason: str,
                         out: Path) -> None:
    """Exit 1, no traceback, a line naming the input and the reason, and nothing written."""
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr and "Error:" not in proc.stderr, proc.stderr
    lines = [ln for ln in proc.stderr.splitlines() if source in ln and reason in ln]
    assert lines, proc.stderr
    assert outputs(out) == []
    assert not [p for p in out.iterdir() if ".tmp-" in p.name] if out.exists() else True
