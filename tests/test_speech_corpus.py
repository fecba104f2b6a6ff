"""News sentences from style-guide rules, per class: said as a newsreader would, and never
worse than espeak-ng reading the raw text (tables in tests/data/speech/*.tsv)."""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

import speech as corpus

EN, OTHERS = 300, 60


@pytest.fixture(scope="module")
def verdicts() -> list[corpus.Verdict]:
    return corpus.verdicts()


def test_sets_are_big_enough() -> None:
    assert len(corpus.sentences("en")) >= EN
    assert sum(len(corpus.sentences(lang)) for lang in ("fr", "de", "es")) >= OTHERS


def test_newsreader_accuracy_overall_and_per_class(verdicts: list[corpus.Verdict]) -> None:
    """The README claims 100% in every class: one sentence said differently is a regression."""
    wrong = [(v.language, v.rule, v.text, v.ours) for v in verdicts if not v.ours_right]
    assert not wrong


def test_never_wrong_where_plain_espeak_is_right(verdicts: list[corpus.Verdict]) -> None:
    worse = [(v.text, v.ours) for v in verdicts if v.espeak_right and not v.ours_right]
    assert not worse


@pytest.mark.parametrize("language", corpus.LANGUAGES)
def test_every_class_beats_or_matches_the_engine(language: str,
                                                 verdicts: list[corpus.Verdict]) -> None:
    by_class: dict[str, list[corpus.Verdict]] = defaultdict(list)
    for v in verdicts:
        if v.language == language:
            by_class[v.rule].append(v)
    for rule, group in by_class.items():
        ours = sum(v.ours_right for v in group)
        engine = sum(v.espeak_right for v in group)
        assert ours >= engine, (language, rule, ours, engine)
