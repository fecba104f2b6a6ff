"""Peak memory of the CLI converting one huge page (default 50 MB): goal under ``GOAL_MB``.

    python benchmarks/memory.py [--mb 50] [--formats txt,json]

The CLI runs in a fresh child of a small wrapper process, so ``RUSAGE_CHILDREN`` of that wrapper
is the peak RSS of the conversion alone (not of anything else this process ran before).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: The README's "about 340 MB" for a 50 MB page or text dump, plus a margin (the slow tests
#: assert it).
GOAL_MB = 400
_WRAPPER = (
    "import resource, subprocess, sys\n"
    "proc = subprocess.run(sys.argv[1:], capture_output=True)\n"
    "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
    "sys.stdout.write(str(peak)); sys.stderr.write(proc.stderr.decode('utf-8', 'replace'))\n"
    "sys.exit(proc.returncode)\n"
)


def convert_measured(source: Path, out: Path, formats: str
                     ) -> tuple[subprocess.CompletedProcess[str], int, float]:
    """Run ``clearread convert``; return the process, its peak RSS in MB and the seconds taken."""
    cmd = [sys.executable, "-c", _WRAPPER, sys.executable, "-m", "clearread", "convert",
           str(source), "-o", str(out), "-f", formats, "-q"]
    started = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=1800)
    seconds = time.perf_counter() - started
    return proc, int(proc.stdout or 0) // 1024, seconds


def huge_page(size: int) -> str:
    """An article page of about ``size`` bytes whose paragraphs are all different."""
    sys.path.insert(0, str(ROOT / "tests"))
    from badcorpus import PARAS, article_html

    paras, total, n = [], 0, 0
    while total < size:
        para = f"Part {n}. {PARAS[n % len(PARAS)]}"
        paras.append(para)
        total += len(para) + 8
        n += 1
    return article_html(paras=tuple(paras))


def huge_text(size: int) -> str:
    """A scraped-text dump of about ``size`` bytes: a little chrome, then the article."""
    sys.path.insert(0, str(ROOT / "tests"))
    from badcorpus import PARAS, TITLE

    lines, total, n = ["Home", "News", "Subscribe", "", TITLE, ""], 0, 0
    while total < size:
        lines += [f"Part {n}. {PARAS[n % len(PARAS)]}", ""]
        total += len(lines[-2]) + 2
        n += 1
    return "\n".join(lines)


PAGES = {"html": huge_page, "txt": huge_text}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=int, default=50)
    parser.add_argument("--formats", default="txt,json")
    parser.add_argument("--inputs", default="html,txt", help="html, txt or both")
    args = parser.parse_args()
    ok = True
    for kind in args.inputs.split(","):
        with tempfile.TemporaryDirectory() as tmp:
            source = Path(tmp) / f"huge.{kind}"
            source.write_text(PAGES[kind](args.mb * 1024 * 1024), encoding="utf-8")
            proc, peak, seconds = convert_measured(source, Path(tmp) / "out", args.formats)
        result = {"input": kind, "input_mb": args.mb, "formats": args.formats,
                  "exit": proc.returncode, "peak_rss_mb": peak, "seconds": round(seconds, 1),
                  "goal_mb": GOAL_MB}
        print(json.dumps(result))
        if proc.returncode != 0:
            print(proc.stderr, file=sys.stderr)
        ok = ok and proc.returncode == 0 and peak < GOAL_MB
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
