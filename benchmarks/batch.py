"""Batch throughput: the same articles converted with -j 2 and with -j 1, as a ratio.

    python benchmarks/batch.py [--articles 200] [--formats html,epub,txt,json] [--quick]

Articles are generated from the bundled examples by varying their text, so every item is
distinct work. Both runs happen in this process, one after the other, after a warm-up item, so
the ratio is fair on a noisy machine. Goal: ratio ≥ 1.8 on 2 cores. Also prints the peak memory
(max RSS) of the largest worker process.
"""

from __future__ import annotations

import argparse
import random
import re
import resource
import sys
import tempfile
import time
from pathlib import Path

from clearread import batch
from clearread.writers import WriteOptions

ROOT = Path(__file__).resolve().parents[1]
WORD = re.compile(r"\b([a-z]{5,})\b")
TAG = re.compile(r"(<[^>]*>)")


def generate(folder: Path, count: int, seed: int = 1) -> list[str]:
    """``count`` variants of the examples, each with some of its prose words swapped."""
    rng = random.Random(seed)
    templates = sorted(p for p in (ROOT / "examples").iterdir() if p.suffix in {".html", ".txt"})
    sources = []
    for n in range(count):
        template = templates[n % len(templates)]
        text = template.read_text(encoding="utf-8")
        words = WORD.findall(text)
        swaps = dict(zip(rng.sample(words, k=min(20, len(words))),
                         rng.sample(words, k=min(20, len(words))), strict=True))
        parts = TAG.split(text)          # markup stays as it is; only the prose changes
        text = "".join(part if part.startswith("<") else WORD.sub(
            lambda m, table=swaps: table.get(m.group(1), m.group(1)), part) for part in parts)
        path = folder / f"{n:04d}-{template.name}"
        path.write_text(text, encoding="utf-8")
        sources.append(str(path))
    return sources


def timed_run(sources: list[str], outdir: Path, formats: tuple[str, ...], jobs: int) -> float:
    opts = batch.BatchOptions(outdir=outdir, formats=formats, options=WriteOptions(), jobs=jobs,
                              force=True)
    started = time.perf_counter()
    summary = batch.run(sources, opts, lambda *a: None)
    seconds = time.perf_counter() - started
    if summary.failed:
        sys.exit(f"benchmark items failed: {summary.failed[:3]}")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--formats", default="html,epub,txt,json")
    parser.add_argument("--quick", action="store_true", help="40 articles")
    args = parser.parse_args()
    count = 40 if args.quick else args.articles
    formats = tuple(args.formats.split(","))
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "src").mkdir()
        sources = generate(work / "src", count)
        timed_run(sources[:1], work / "warm", formats, 1)
        one = timed_run(sources, work / "j1", formats, 1)
        two = timed_run(sources, work / "j2", formats, 2)
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"articles {count}  formats {','.join(formats)}")
    print(f"-j 1: {one:.1f} s ({count / one:.1f} articles/s)")
    print(f"-j 2: {two:.1f} s ({count / two:.1f} articles/s)")
    print(f"throughput ratio -j 2 / -j 1: {one / two:.2f}  (goal >= 1.8)")
    print(f"peak memory of a worker: {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
