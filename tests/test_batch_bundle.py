"""Bundle mode reads each source once, for the bundle and its per-article formats alike."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from clearread import batch, readers
from clearread.writers import WriteOptions

EXAMPLES = Path(__file__).parents[1] / "examples"
SOURCES = ("harbour-heat-pumps.html", "night-trains-return.txt")


def quiet(*_: object) -> None:
    """A reporter that shows nothing."""


def test_each_source_is_read_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    reads: Counter[str] = Counter()
    load = readers.load

    def counting(source: str) -> tuple[bytes, str | None, str | None]:
        reads[source] += 1
        return load(source)

    monkeypatch.setattr(readers, "load", counting)
    sources = [str(EXAMPLES / name) for name in SOURCES] + [str(tmp_path / "missing.html")]
    out = tmp_path / "out"
    opts = batch.BatchOptions(outdir=out, formats=("epub", "html"), jobs=1,
                              options=WriteOptions(bundle_title="Mix"))
    summary = batch.run_bundle(sources, opts, quiet)
    assert reads == Counter(sources)
    assert [r.status for r in summary.results] == ["failed", "converted", "converted"]
    assert len(summary.failed) == 1 and "missing.html" in summary.failed[0]
    assert (out / "mix.bundle.epub").is_file()
    assert len(list(out.glob("*.html"))) == 3           # two articles and index.html
