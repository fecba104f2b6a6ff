"""The Piper engine (optional extra ``clearread[neural]``): natural neural voices, offline.

Piper reads the same speech-script lines as espeak-ng (it phonemises with its own espeak-ng
copy, then runs a VITS model with onnxruntime). A document is spoken in one process by one
session on both cores, in pieces of at most ``MAX_CHARS``, so memory stays small: one model, and
activations no larger than a clause's. Rate maps to Piper's length scale; pitch has no
counterpart in Piper and is ignored.
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib.util import find_spec
from pathlib import Path

import numpy as np

from clearread.errors import ClearreadError
from clearread.speech.engines import SAMPLE_RATE, Line, silence
from clearread.speech.engines.piper_voices import config_path, find
from clearread.speech.voices import VoiceProfile

# One process with a session on both cores, never a pool: each process would hold its own model
# and activations, and two threads in one session run about as fast as two single-thread workers.
PARALLEL_WORDS = float("inf")
# The model's activations grow with the utterance (about 20 MB a second of speech, kept by the
# arena at its largest), so no call is given more than this: long sentences are cut at clauses.
MAX_CHARS = 120
SENTENCE_GAP_MS = 250       # Piper speaks a line sentence by sentence, with no gap between
CLAUSE_GAP_MS = 120         # where a long sentence was cut
NATURAL_WPM = 205           # Piper voices at length scale 1 (English prose, roughly)
LEVEL = 0.8                 # Piper normalises each sentence to full scale; leave headroom
# where a long text may be cut, best first: sentence ends, clause ends, any space
BREAKS = (re.compile(r"(?<=[.!?])\s+"), re.compile(r"(?<=[,;:)\u2013\u2014])\s+"),
          re.compile(r"\s+"))


def require() -> None:
    """Fail (one line) when the neural extra is not installed; imports nothing heavy."""
    if find_spec("piper") is None or find_spec("onnxruntime") is None:
        raise ClearreadError("the piper engine needs the neural extra: "
                             "pip install 'clearread[neural]'")


def _piper() -> tuple[type, type, type]:
    require()
    from piper import PiperVoice, SynthesisConfig
    from piper.config import PiperConfig

    return PiperVoice, SynthesisConfig, PiperConfig


def _session(model: Path, threads: int) -> object:
    """The model on ``threads`` cores. The memory arena stays (freed blocks are reused and it
    is fastest), but no memory pattern: a plan is kept for every input length seen, and every
    utterance has its own length, so the plans only grow."""
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.enable_mem_pattern = False
    options.log_severity_level = 3          # no warnings on stderr
    try:
        return onnxruntime.InferenceSession(str(model), sess_options=options,
                                            providers=["CPUExecutionProvider"])
    except Exception as exc:   # onnxruntime raises its own untyped errors for bad files
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ClearreadError(f"Piper voice {model} is not a usable model ({first})") from exc


class Speaker:
    """One Piper voice loaded for a profile (one session per process)."""

    def __init__(self, profile: VoiceProfile, threads: int = 1) -> None:
        voice_class, synthesis, piper_config = _piper()
        found = find(profile.model, profile.language)
        config = piper_config.from_dict(json.loads(config_path(found.model).read_text("utf-8")))
        self.voice = voice_class(config=config, session=_session(found.model, threads))
        self.rate = found.sample_rate
        self.settings = synthesis(length_scale=config.length_scale * NATURAL_WPM / profile.rate,
                                  volume=LEVEL * profile.volume / 100)

    def render(self, line: Line) -> bytes:
        """The line's speech, in pieces short enough to keep the model's memory small."""
        return silence(CLAUSE_GAP_MS).join(map(self._spoken, utterances(line.text)))

    def _spoken(self, text: str) -> bytes:
        """One piece: Piper's sentences joined by a short silence, resampled if need be."""
        sentences = [self._resampled(chunk.audio_int16_array)
                     for chunk in self.voice.synthesize(text, self.settings)]
        return silence(SENTENCE_GAP_MS).join(sentences)

    def reset(self) -> None:
        """Nothing to reset: each call runs the model afresh."""

    def _resampled(self, pcm: np.ndarray) -> bytes:
        if self.rate == SAMPLE_RATE:
            return pcm.tobytes()
        count = round(len(pcm) * SAMPLE_RATE / self.rate)
        times = np.arange(count) * (self.rate / SAMPLE_RATE)
        return np.interp(times, np.arange(len(pcm)), pcm).astype(np.int16).tobytes()


def utterances(text: str, limit: int = MAX_CHARS, breaks: tuple[re.Pattern[str], ...] = BREAKS
               ) -> list[str]:
    """Text cut into pieces of at most ``limit`` characters at the best breaks it has, short
    pieces joined again up to the limit; a word longer than the limit is cut where it must."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return [text] if text else []
    if not breaks:
        return [text[i: i + limit] for i in range(0, len(text), limit)]
    out: list[str] = []
    for part in (p for unit in breaks[0].split(text) for p in utterances(unit, limit, breaks[1:])):
        if out and len(out[-1]) + 1 + len(part) <= limit:
            out[-1] = f"{out[-1]} {part}"
        else:
            out.append(part)
    return out


@cache
def _checked(model: Path, mtime: float) -> None:
    _session(model, 1)


def check(profile: VoiceProfile) -> None:
    """Fail before any work: Piper installed, the voice found, its config and model readable."""
    _piper()
    found = find(profile.model, profile.language)
    _checked(found.model, found.model.stat().st_mtime)
