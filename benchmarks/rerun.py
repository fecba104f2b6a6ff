"""Unchanged rerun cost: the same articles converted, then converted again with nothing changed.

    python benchmarks/rerun.py [--articles 36] [--formats html,epub] [-j 2]

The rerun only hashes each source against its outputs' cache keys (see clearread.options), so it
should take at most 10% of the first run. Prints both times and the ratio.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from batch import generate

from clearread import batch
from clearread.writers import WriteOptions


def timed_run(sources: list[str], outdir: Path, formats: tuple[str, ...], jobs: int) -> float:
    opts = batch.BatchOptions(outdir=outdir, formats=formats, options=WriteOptions(), jobs=jobs)
    started = time.perf_counter()
    summary = batch.run(sources, opts, lambda *a: None)
    if summary.failed:
        raise SystemExit(f"benchmark items failed: {summary.failed[:3]}")
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=36)
    parser.add_argument("--formats", default="html,epub")
    parser.add_argument("-j", "--jobs", type=int, default=2)
    args = parser.parse_args()
    formats = tuple(args.formats.split(","))
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "src").mkdir()
        sources = generate(work / "src", args.articles)
        first = timed_run(sources, work / "out", formats, args.jobs)
        again = timed_run(sources, work / "out", formats, args.jobs)
    print(f"articles {args.articles}  formats {','.join(formats)}  -j {args.jobs}")
    print(f"first run {first:.2f} s, unchanged rerun {again:.2f} s")
    print(f"rerun / first: {again / first:.1%}  (goal <= 10%)")


if __name__ == "__main__":
    main()
