"""The speech engine and voice profiles, on real synthesis (no stand-ins for espeak-ng)."""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from audio_checks import frame_db

from clearread.errors import ClearreadError
from clearread.speech import engine, voices
from clearread.speech.engine import SAMPLE_RATE, Line
from clearread.speech.engines import espeak

SENTENCE = "The quick brown fox jumps over the lazy dog near the quiet river bank."


def samples(audio: engine.Audio) -> np.ndarray:
    return np.frombuffer(audio.samples, dtype=np.int16)


def test_pauses_are_exact_silence_and_starts_are_known(capfd: pytest.CaptureFixture[str]) -> None:
    lines = [Line("Hello there.", 700), Line("A second line.", 300), Line("The end.", 0)]
    audio = engine.synthesize(lines, voices.profile_for("en"))
    pcm = samples(audio)
    ends = [*audio.starts[1:], len(pcm)]
    for line, start, end in zip(lines, audio.starts, ends, strict=True):
        gap = round(line.pause_ms * SAMPLE_RATE / 1000)
        assert not pcm[end - gap: end].any()                      # exactly this much silence
        assert (frame_db(pcm[start: end - gap], SAMPLE_RATE) > -30).any()   # and speech before
    assert capfd.readouterr().out == ""


def test_speaking_rate_follows_the_profile() -> None:
    text = " ".join([SENTENCE] * 8)     # 112 words
    minutes = {name: engine.synthesize([Line(text)], voices.by_name(name)).duration / 60
               for name in ("slow", "fast")}
    for name, wpm in (("slow", 140), ("fast", 220)):
        measured = len(text.split()) / minutes[name]
        assert wpm * 0.9 <= measured <= wpm * 1.1, (name, measured)


def test_long_text_in_one_line_does_not_crash() -> None:
    text = " ".join([SENTENCE] * 220)   # ~20 KB: crashed the stock driver
    audio = engine.synthesize([Line(text)], voices.profile_for("en"))
    assert len(text.encode()) > 15_000
    assert audio.duration > 60 * 3000 / 175 * 0.8


def test_pieces_stay_under_the_limit() -> None:
    text = " ".join([SENTENCE] * 50) + " " + "x" * 300
    parts = espeak.pieces(text, limit=200)
    assert all(len(p.encode()) <= 200 for p in parts)
    assert " ".join(parts).replace(" ", "") == text.replace(" ", "")


def test_process_pool_keeps_order_and_output() -> None:
    lines = [Line(f"Line number {n}. " + SENTENCE, 200) for n in range(60)]
    profile = voices.profile_for("en")
    one = engine.synthesize(lines, profile, workers=1)
    two = engine.synthesize(lines, profile, workers=2)
    lengths = [np.diff([*a.starts, len(a.samples) // 2]) for a in (one, two)]
    assert len(lengths[0]) == len(lengths[1]) == 60
    assert np.abs(lengths[0] - lengths[1]).max() < SAMPLE_RATE * 0.05


def test_unknown_espeak_voice_lists_close_matches() -> None:
    profile = replace(voices.profile_for("en"), espeak="gmw/en-uss")
    with pytest.raises(ClearreadError, match="gmw/en-US"):
        engine.synthesize([Line("Hello.")], profile)


def test_unknown_profile_name_lists_close_matches() -> None:
    with pytest.raises(ClearreadError, match="en-us"):
        voices.profile_for("en", name="en-usa")


def test_voices_are_listed() -> None:
    ids = {v.id for v in espeak.list_voices()}
    assert {"gmw/en-US", "roa/fr", "gmw/de", "roa/es"} <= ids


@pytest.mark.parametrize(("language", "name"), [
    ("en", "en-us"), ("en-US", "en-us"), ("en-GB", "en-gb"), ("fr-CA", "fr"), ("de", "de"),
    ("es-MX", "es"), ("", "en-us"),
])
def test_document_language_picks_the_profile(language: str, name: str) -> None:
    assert voices.profile_for(language).name == name


def test_language_without_a_profile_uses_an_espeak_voice() -> None:
    assert voices.profile_for("it").espeak == "roa/it"


def test_name_and_rate_override_the_language() -> None:
    profile = voices.profile_for("fr", name="slow", rate=200)
    assert (profile.name, profile.rate) == ("slow", 200)
    with pytest.raises(ClearreadError, match="80-450"):
        voices.profile_for("en", rate=1000)


def test_voices_folder_can_be_overridden(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "robot.toml").write_text(
        'name = "robot"\nespeak = "gmw/en"\nlanguage = "en"\nrate = 300\ndefault = true\n'
        '[pronunciations]\n"GIF" = "jiff"\n')
    monkeypatch.setenv(voices.ENV_VAR, str(tmp_path))
    profile = voices.profile_for("en")
    assert (profile.name, profile.rate) == ("robot", 300)
    assert profile.pronunciations == (("GIF", "jiff"),)


def test_every_shipped_profile_speaks() -> None:
    """(A Piper profile whose voice is not installed here is tested in test_speech_piper.)"""
    for profile in filter(voices.ready, voices.profiles().values()):
        audio = engine.synthesize([Line("Bonjour, hola, hallo, hello.")], profile)
        assert audio.duration > 0.5, profile.name


@pytest.mark.slow
def test_time_per_word_is_flat() -> None:
    profile = voices.profile_for("en")
    per_word = []
    for repeats in (80, 640):   # ~1,100 and ~9,000 words, one process
        lines = [Line(SENTENCE, 100)] * repeats
        started = time.perf_counter()
        engine.synthesize(lines, profile, workers=1)
        per_word.append((time.perf_counter() - started) / (repeats * 14))
    assert per_word[1] < per_word[0] * 1.6, per_word
