"""Article-text quality and speed of our readers against plain trafilatura on the dev corpus.

    .venv/bin/python benchmarks/extraction.py [--corpus DIR] [--worst N] [--repeat N]

HTML pages: our HTML reader (the model's block texts joined with blank lines) vs
``trafilatura.extract(html, include_comments=False)``, timed in the same process on the same
pages. Text dumps: our text reader vs the unchanged dump. Scores come from the corpus's own
``score.py`` (4-gram precision/recall/F1), loaded at run time so the metric stays the corpus's.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "extraction-dev"
sys.path.insert(0, str(ROOT / "src"))
#: A page counts as below a reference when its F1 is lower by more than this.
BELOW_MARGIN = 0.05


def load_scorer(corpus: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("corpus_score", corpus / "score.py")
    if spec is None or spec.loader is None:
        raise SystemExit(f"no score.py in {corpus}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def model_text(doc: object) -> str:
    """The model's text, one leaf block (paragraph, heading, cell, caption...) per paragraph,
    so table cells and list items do not run together."""
    from clearread.model import Cell, Figure, Heading, Paragraph, Preformatted, plain_text, walk

    parts = []
    for node in walk(doc):
        if isinstance(node, Heading | Paragraph | Preformatted | Cell):
            parts.append(plain_text(node).strip())
        elif isinstance(node, Figure):
            parts.append(plain_text(node.caption).strip())
    return "\n\n".join(p for p in parts if p)


def ours_html(data: bytes, name: str) -> str:
    from clearread.errors import NoArticleError
    from clearread.readers.html import read_html

    try:
        return model_text(read_html(data, name))
    except NoArticleError:
        return ""


def trafilatura_html(data: bytes, name: str) -> str:
    import trafilatura

    return trafilatura.extract(data.decode("utf-8", "replace"), include_comments=False) or ""


def trafilatura_precision_html(data: bytes, name: str) -> str:
    import trafilatura

    return trafilatura.extract(data.decode("utf-8", "replace"), include_comments=False,
                               favor_precision=True) or ""


def ours_text(data: bytes, name: str) -> str:
    from clearread.errors import InputError
    from clearread.pipeline import read_bytes

    try:
        return model_text(read_bytes(data, name, kind="text"))
    except InputError:
        return ""


def unchanged(data: bytes, name: str) -> str:
    return data.decode("utf-8", "replace")


def run(tool: Callable[[bytes, str], str], pages: dict[str, bytes], repeat: int
        ) -> tuple[dict[str, str], float]:
    """Predictions per page and the best total time (seconds) over ``repeat`` passes."""
    best = float("inf")
    preds: dict[str, str] = {}
    for _ in range(repeat):
        start = time.perf_counter()
        preds = {pid: tool(data, pid) for pid, data in pages.items()}
        best = min(best, time.perf_counter() - start)
    return preds, best


def report(label: str, preds: dict[str, str], gt: dict, scorer: ModuleType, worst: int) -> dict:
    pages = {pid: scorer.page_scores(gt[pid].get("articleBody", ""), preds.get(pid, ""))
             for pid in preds}
    agg = scorer.aggregate(list(pages.values()))
    print(f"  {label:<24} P {agg['precision']:.3f}  R {agg['recall']:.3f}  F1 {agg['f1']:.3f}")
    for pid in sorted(pages, key=lambda p: pages[p]["f1"])[:worst]:
        d = pages[pid]
        p = "-" if d["precision"] is None else f"{d['precision']:.3f}"
        r = "-" if d["recall"] is None else f"{d['recall']:.3f}"
        print(f"      worst {pid[:16]}  P {p}  R {r}  F1 {d['f1']:.3f}  {gt[pid].get('url', '')}")
    return agg


def below_reference(ours: dict[str, str], ref: dict[str, str], gt: dict, scorer: ModuleType,
                    margin: float = BELOW_MARGIN) -> list[tuple[str, float, float]]:
    """Pages where our F1 is more than ``margin`` below the reference's: (id, ours, ref)."""
    rows = []
    for pid in ours:
        truth = gt[pid].get("articleBody", "")
        mine, theirs = (scorer.page_scores(truth, preds.get(pid, ""))["f1"]
                        for preds in (ours, ref))
        if mine < theirs - margin:
            rows.append((pid, mine, theirs))
    return rows


def text_reader_available() -> bool:
    return importlib.util.find_spec("clearread.readers.text") is not None


def documents_section(corpus: Path) -> None:
    """Plain-text documents (not page dumps): word recall per kind, and whether the dev dumps
    are still told apart from documents."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import documents

    from clearread.readers.text.kind import is_document

    print("\nText documents: word 4-gram recall (mean / min), share read as documents")
    for kind, build in documents.kinds(corpus):
        cases = build()
        if not cases:
            print(f"  {kind:<24} skipped (no source here)")
            continue
        recalls = [documents.recall(ref, ours_document(text, name))
                   for name, (text, ref) in cases.items()]
        found = sum(is_document(text) for text, _ in cases.values())
        print(f"  {kind:<24} n {len(cases):>3}  R {sum(recalls) / len(recalls):.3f} / "
              f"{min(recalls):.3f}  documents {found}/{len(cases)}")
    dumps = sorted(corpus.glob("*.txt"))
    as_dumps = sum(not is_document(p.read_text(encoding="utf-8")) for p in dumps)
    print(f"  dev page dumps read as dumps: {as_dumps}/{len(dumps)}")


def ours_document(text: str, name: str) -> str:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import documents

    from clearread.errors import InputError
    from clearread.pipeline import read_bytes

    try:
        return documents.output_text(read_bytes(text.encode("utf-8"), name, kind="text"))
    except InputError:
        return ""


METADATA_LABELS = ROOT / "tests" / "data" / "dev-metadata.json"


def _norm(text: str | None) -> str:
    return " ".join((text or "").split())


def ours_metadata(data: bytes, name: str) -> tuple[str, list[str]]:
    from clearread.errors import NoArticleError
    from clearread.readers.html import read_html

    try:
        meta = read_html(data, name).meta
    except NoArticleError:
        return "", []
    return meta.title, list(meta.authors)


def trafilatura_metadata(data: bytes, name: str) -> tuple[str, list[str]]:
    import trafilatura

    doc = trafilatura.bare_extraction(data.decode("utf-8", "replace"), with_metadata=True)
    if doc is None:
        return "", []
    return doc.title or "", [a for a in (doc.author or "").split(";") if a.strip()]


def metadata_section(pages: dict[str, bytes]) -> None:
    """Title and author exact-match rates against the hand labels in tests/data: titles after
    whitespace normalisation on pages with a headline; authors as an ordered list, on every
    page (an empty byline must stay empty) and on the pages that show one."""
    if not METADATA_LABELS.is_file():
        return
    labels = json.loads(METADATA_LABELS.read_text(encoding="utf-8"))
    labelled = {pid: data for pid, data in pages.items() if pid in labels}
    titled = [pid for pid in labelled if labels[pid]["title"] is not None]
    bylined = [pid for pid in labelled if labels[pid]["authors"]]
    print(f"\nMetadata: {len(titled)} pages with a title, {len(bylined)} with a byline "
          f"(of {len(labelled)})")
    for label, tool in (("trafilatura metadata", trafilatura_metadata),
                        ("clearread html", ours_metadata)):
        found = {pid: tool(data, pid) for pid, data in labelled.items()}
        titles = sum(_norm(found[p][0]) == _norm(labels[p]["title"]) for p in titled)
        right = {p for p in labelled if [_norm(a) for a in found[p][1]] == labels[p]["authors"]}
        print(f"  {label:<24} title {titles / max(len(titled), 1):.3f}  authors "
              f"{len(right) / max(len(labelled), 1):.3f} (with byline "
              f"{len(right & set(bylined)) / max(len(bylined), 1):.3f})")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--worst", type=int, default=5, help="worst pages listed per kind and tool")
    ap.add_argument("--repeat", type=int, default=3, help="timing passes (best is kept)")
    args = ap.parse_args(argv)
    corpus: Path = args.corpus
    if not (corpus / "ground-truth.json").is_file():
        print(f"no corpus at {corpus}", file=sys.stderr)
        return 2
    scorer = load_scorer(corpus)
    gt = json.loads((corpus / "ground-truth.json").read_text(encoding="utf-8"))

    html = {p.stem: p.read_bytes() for p in sorted(corpus.glob("*.html")) if p.stem in gt}
    print(f"HTML pages: {len(html)}")
    ours_html(next(iter(html.values())), "warm-up")  # imports and caches out of the timing
    trafilatura_html(next(iter(html.values())), "warm-up")
    ref_time = our_time = float("inf")
    for _ in range(args.repeat):        # interleaved, so machine noise hits both alike
        ref_preds, seconds = run(trafilatura_html, html, 1)
        ref_time = min(ref_time, seconds)
        our_preds, seconds = run(ours_html, html, 1)
        our_time = min(our_time, seconds)
    report("trafilatura.extract", ref_preds, gt, scorer, args.worst)
    precision_preds = run(trafilatura_precision_html, html, 1)[0]
    report("trafilatura precision", precision_preds, gt, scorer, args.worst)
    report("clearread html", our_preds, gt, scorer, args.worst)
    below = below_reference(our_preds, precision_preds, gt, scorer)
    print(f"  below trafilatura precision by > {BELOW_MARGIN} F1: {len(below)} pages")
    for pid, mine, theirs in below:
        print(f"      below {pid[:16]}  F1 {mine:.3f} vs {theirs:.3f}  {gt[pid].get('url', '')}")
    n = max(len(html), 1)
    print(f"  time: clearread {our_time * 1000 / n:.1f} ms/page, trafilatura "
          f"{ref_time * 1000 / n:.1f} ms/page, ratio {our_time / ref_time:.2f}")
    metadata_section(html)

    dumps = {p.stem: p.read_bytes() for p in sorted(corpus.glob("*.txt")) if p.stem in gt}
    print(f"\nText dumps: {len(dumps)}")
    report("unchanged dump", run(unchanged, dumps, 1)[0], gt, scorer, args.worst)
    if not text_reader_available():
        print("  clearread text: skipped (clearread.readers.text is not available yet)")
        return 0
    try:
        text_preds, text_time = run(ours_text, dumps, args.repeat)
    except ImportError as exc:
        print(f"  clearread text: skipped ({exc})")
        return 0
    report("clearread text", text_preds, gt, scorer, args.worst)
    print(f"  time: clearread text {text_time * 1000 / max(len(dumps), 1):.2f} ms/page")
    documents_section(corpus)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
