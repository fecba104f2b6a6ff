"""EPUB speed: our writer against ``pandoc -o x.epub`` on the same article as Markdown.

    .venv/bin/python benchmarks/epub.py [--runs N] [ARTICLE ...]

Each article (default: every example) is read once; then we time, per article, the median of N
runs of our writer (in process, as the batch converter runs it) and of pandoc (a process per
book, as people run it) on the Markdown that ``writers/text_formats.py`` makes from the same model.
Prints seconds per article and the ratio ours / pandoc (goal: <= 1.0). A cold-start line adds
the Python start-up and imports to our side, for a one-article command-line comparison.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from clearread import model  # noqa: E402
from clearread.pipeline import read  # noqa: E402
from clearread.writers import WriteOptions, epub, text_formats  # noqa: E402

PANDOC = "/usr/bin/pandoc"
COLD = ("import sys; from pathlib import Path; from clearread import model; "
        "from clearread.writers import WriteOptions, epub; "
        "epub.write(model.from_json(Path(sys.argv[1]).read_text()), Path(sys.argv[2]), "
        "WriteOptions(), 'epub')")


def timed(fn, runs: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def pandoc_args(doc: model.Document, md: Path, out: Path) -> list[str]:
    meta = doc.meta
    args = [PANDOC, "-f", "markdown", "-t", "epub3", str(md), "-o", str(out),
            "--metadata", f"title={meta.title or 'Untitled'}",
            "--metadata", f"lang={meta.language or 'en'}"]
    for author in meta.authors:
        args += ["--metadata", f"author={author}"]
    return args


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("articles", nargs="*", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    paths = args.articles or sorted(p for p in (ROOT / "examples").iterdir()
                                    if p.suffix in {".html", ".htm", ".txt"})
    ours_total = theirs_total = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        print(f"{'article':32} {'words':>6} {'ours s':>8} {'pandoc s':>9} {'ratio':>6}")
        for path in paths:
            doc = read(str(path))
            md = work / "article.md"
            md.write_text(text_formats.render(doc, "md"), encoding="utf-8")
            ours = timed(lambda d=doc: epub.write(d, work / "ours.epub", WriteOptions(), "epub"),
                         args.runs)
            cmd = pandoc_args(doc, md, work / "pandoc.epub")
            theirs = timed(lambda c=cmd: subprocess.run(c, check=True), args.runs)
            ours_total, theirs_total = ours_total + ours, theirs_total + theirs
            words = len(model.plain_text(doc.blocks).split())
            print(f"{path.name[:32]:32} {words:>6} {ours:>8.3f} {theirs:>9.3f} "
                  f"{ours / theirs:>6.2f}")
        n = len(paths)
        print(f"per article: ours {ours_total / n:.3f} s, pandoc {theirs_total / n:.3f} s")
        print(f"ratio ours/pandoc (in process): {ours_total / theirs_total:.2f}")
        doc_json = work / "doc.json"
        doc_json.write_text(model.to_json(read(str(paths[0]))), encoding="utf-8")
        cold = timed(lambda: subprocess.run([sys.executable, "-c", COLD, str(doc_json),
                                             str(work / "cold.epub")], check=True), args.runs)
        print(f"cold start, one article ({paths[0].name}): ours {cold:.3f} s "
              f"(ratio {cold / (theirs_total / n):.2f} to pandoc's mean)")


if __name__ == "__main__":
    main()
