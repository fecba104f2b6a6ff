"""Batch throughput: the same articles converted with -j 2 and with -j 1, as a ratio.

    python benchmarks/batch.py [--articles 48] [--formats html,epub] [--rounds 3] [--quick]

Long articles (2,000-3,800 words) are generated from the bundled examples, each paragraph
six times (``--copies``) with words swapped, so every item is distinct work and no cleanup
rule drops a copy as a repeat. Both runs happen in this process after a
warm-up item, taking turns ``--rounds`` times so both see the same machine load; the ratio is
best against best, and the spread of the rounds' ratios is the noise. Goal: ratio >= 1.8 on
2 cores. Also prints the peak memory (max RSS) of the largest worker process.
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


PARAGRAPH = {".html": re.compile(r"<p\b[^>]*>.*?</p>", re.S),
             ".txt": re.compile(r"^[^\n]{200,}$", re.M)}     # prose, not menus or bylines


def vary(text: str, rng: random.Random) -> str:
    """The text with 20 of its prose words swapped among themselves; markup stays as it is."""
    words = WORD.findall(text)
    k = min(20, len(words))
    swaps = dict(zip(rng.sample(words, k=k), rng.sample(words, k=k), strict=True))
    return "".join(part if part.startswith("<") else WORD.sub(
        lambda m: swaps.get(m.group(1), m.group(1)), part) for part in TAG.split(text))


def lengthen(text: str, suffix: str, copies: int, rng: random.Random) -> str:
    """Each prose paragraph followed by ``copies - 1`` varied copies of itself (varied, so no
    cleanup rule drops them as repeats): a long article with the template's shape."""
    sep = "\n\n" if suffix == ".txt" else "\n"
    return PARAGRAPH[suffix].sub(lambda m: sep.join(
        [m.group(0)] + [vary(m.group(0), rng) for _ in range(copies - 1)]), text)


def generate(folder: Path, count: int, copies: int, seed: int = 1) -> list[str]:
    """``count`` variants of the examples, each paragraph ``copies`` times, words swapped."""
    rng = random.Random(seed)
    templates = sorted(p for p in (ROOT / "examples").iterdir() if p.suffix in {".html", ".txt"})
    sources = []
    for n in range(count):
        template = templates[n % len(templates)]
        text = lengthen(template.read_text(encoding="utf-8"), template.suffix, copies, rng)
        path = folder / f"{n:04d}-{template.name}"
        path.write_text(vary(text, rng), encoding="utf-8")
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
    parser.add_argument("--articles", type=int, default=48)
    parser.add_argument("--formats", default="html,epub")
    parser.add_argument("--copies", type=int, default=6,
                        help="each paragraph this many times (6: 2,000-3,800 words an article)")
    parser.add_argument("--rounds", type=int, default=3, help="best of this many")
    parser.add_argument("--quick", action="store_true", help="16 articles, 2 rounds")
    args = parser.parse_args()
    count, rounds = (16, 2) if args.quick else (args.articles, args.rounds)
    formats = tuple(args.formats.split(","))
    times: dict[int, list[float]] = {1: [], 2: []}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "src").mkdir()
        sources = generate(work / "src", count, args.copies)
        timed_run(sources[:1], work / "warm", formats, 1)
        for n in range(rounds):
            for jobs in (1, 2):
                times[jobs].append(timed_run(sources, work / f"j{jobs}-{n}", formats, jobs))
    one, two = min(times[1]), min(times[2])
    each = sorted(a / b for a, b in zip(times[1], times[2], strict=True))
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"articles {count}  formats {','.join(formats)}  best of {rounds}")
    print(f"-j 1: {one:.1f} s ({count / one:.1f} articles/s)")
    print(f"-j 2: {two:.1f} s ({count / two:.1f} articles/s)")
    print(f"throughput ratio -j 2 / -j 1: {one / two:.2f}  (rounds {each[0]:.2f}-{each[-1]:.2f};"
          " goal >= 1.8)")
    print(f"peak memory of a worker: {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
