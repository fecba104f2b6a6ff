"""The same document gives the same bytes every time it is written, in one process too: espeak-ng
starts each batch from its initial state, and nothing in the files depends on the clock."""

from __future__ import annotations

from pathlib import Path

import av
import pytest
from test_writer_audio import article

from clearread.speech import engine
from clearread.speech.voices import profile_for
from clearread.writers import WriteOptions, audio, m4b, read_aloud

WRITERS = {"mp3": lambda doc, dest: audio.write(doc, dest, WriteOptions(), "mp3"),
           "m4b": lambda doc, dest: m4b.write(doc, dest, WriteOptions()),
           "read-aloud": lambda doc, dest: read_aloud.write(doc, dest, WriteOptions())}


@pytest.mark.parametrize("fmt", WRITERS)
def test_written_twice_in_one_process_gives_the_same_bytes(tmp_path: Path, fmt: str) -> None:
    doc = article(published="2024-05-01")
    outputs = []
    for run in range(2):
        audio._kept.clear()                  # narrate afresh, as a second document would
        WRITERS[fmt](doc, tmp_path / f"{run}.out")
        outputs.append((tmp_path / f"{run}.out").read_bytes())
    assert outputs[0] == outputs[1]


def test_the_audiobook_has_no_creation_time(tmp_path: Path) -> None:
    m4b.write(article(), tmp_path / "a.m4b", WriteOptions())
    with av.open(str(tmp_path / "a.m4b")) as book:
        assert "creation_time" not in book.metadata
        assert "creation_time" not in book.streams.audio[0].metadata


def test_batches_sound_the_same_on_one_core_or_two() -> None:
    """Which worker speaks which batch, and after what, changes nothing."""
    words = "The river garden opens at nine and closes when the light goes. " * 12
    lines = [engine.Line(f"{i}. {words}", 300) for i in range(8)]   # ~800 words, two batches
    profile = profile_for("en")
    serial = engine.synthesize(lines, profile, workers=1)
    assert engine.synthesize(lines, profile, workers=2) == serial
    assert engine.synthesize(lines, profile, workers=1) == serial
