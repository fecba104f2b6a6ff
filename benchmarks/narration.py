"""What asking for mp3, m4b and read-aloud together costs against asking for mp3 alone.

    .venv/bin/python benchmarks/narration.py [--rounds N]

Each example article is read once, then written with the same writers the pipeline calls,
from a cold narration cache each round: mp3 alone, then mp3 + m4b + read-aloud (narration is
made once and shared, so the extra cost is AAC encoding, the EPUB and the overlays), and each
extra format on its own to show where the time goes. The target is a ratio of at most 1.3.
Best of N rounds, to keep the shared machine's noise out.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from clearread import writers  # noqa: E402
from clearread.model import Document  # noqa: E402
from clearread.pipeline import read  # noqa: E402
from clearread.writers import WriteOptions, audio  # noqa: E402

TARGET = 1.3


def seconds(docs: list[Document], formats: tuple[str, ...], folder: Path) -> float:
    audio._kept.clear()                    # cold: every round narrates from scratch
    started = time.perf_counter()
    for i, doc in enumerate(docs):
        for name in formats:
            fmt = writers.FORMATS[name]
            writers.write(doc, folder / f"{i}{fmt.extension}", fmt, WriteOptions())
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    docs = [read(str(p)) for p in sorted((ROOT / "examples").glob("*"))
            if p.suffix in {".html", ".txt"}]
    combos = (("mp3",), ("mp3", "read-aloud"), ("mp3", "m4b"), ("mp3", "m4b", "read-aloud"))
    with tempfile.TemporaryDirectory() as tmp:
        times = {c: min(seconds(docs, c, Path(tmp)) for _ in range(args.rounds)) for c in combos}
        minutes = sum(audio.narrate(d, WriteOptions()).length for d in docs) / 22_050 / 60
    print(f"{len(docs)} articles, {minutes:.1f} min of speech")
    for combo, taken in times.items():
        print(f"{' + '.join(combo):24} {taken:6.2f} s  {taken / times[combos[0]]:5.2f}x")
    ratio = times[combos[-1]] / times[combos[0]]
    print(f"all three vs mp3 alone: {ratio:.2f}x (target <= {TARGET}) "
          f"{'ok' if ratio <= TARGET else 'OVER'}")


if __name__ == "__main__":
    main()
