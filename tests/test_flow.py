"""The straight flow: readers return what they read, the pipeline's read step cleans it once."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_run import clearread

from clearread import cleanup, model, pipeline, readers

ARTICLE = ("The harbour\u200b gates open at dawn and close again at dusk every day of the year. "
           "Boats wait outside until the tide is high enough to pass the sill safely.")
SOURCES = {"text": ARTICLE.encode(), "html": f"<article><p>{ARTICLE}</p></article>".encode()}


@pytest.mark.parametrize("kind", sorted(SOURCES))
def test_readers_return_raw_documents_and_the_pipeline_cleans_them(kind: str) -> None:
    raw = readers.read_bytes(SOURCES[kind], f"a.{kind}", kind=kind)
    read = pipeline.read_bytes(SOURCES[kind], f"a.{kind}", kind=kind)
    assert "\u200b" in model.plain_text(raw.blocks)
    assert read == cleanup.clean(raw)
    assert "\u200b" not in model.plain_text(read.blocks)


def test_inspect_shows_the_cleaned_model(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_bytes(SOURCES["text"])
    proc = clearread("inspect", str(source), "--to", "txt")
    assert proc.returncode == 0, proc.stderr
    assert "harbour gates" in proc.stdout and "\u200b" not in proc.stdout
