"""The Piper engine (optional extra ``clearread[neural]``): natural neural voices, offline.

Piper reads the same speech-script lines as espeak-ng (it phonemises with its own espeak-ng
copy, then runs a VITS model with onnxruntime). Each process holds one session, with as many
threads as it has cores to itself, so two workers never oversubscribe the machine. Rate maps to
Piper's length scale; pitch has no counterpart in Piper and is ignored.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import numpy as np

from clearread.errors import ClearreadError
from clearread.speech.engines import SAMPLE_RATE, Line, silence
from clearread.speech.engines.piper_voices import config_path, find
from clearread.speech.voices import VoiceProfile

PARALLEL_WORDS = 600        # neural speech is slow enough that both cores pay off early
SENTENCE_GAP_MS = 250       # Piper speaks a line sentence by sentence, with no gap between
NATURAL_WPM = 205           # Piper voices at length scale 1 (English prose, roughly)
LEVEL = 0.8                 # Piper normalises each sentence to full scale; leave headroom


def _piper() -> tuple[type, type, type]:
    try:
        from piper import PiperVoice, SynthesisConfig
        from piper.config import PiperConfig
    except ImportError as exc:
        raise ClearreadError("the piper engine needs the neural extra: "
                             "pip install 'clearread[neural]'") from exc
    return PiperVoice, SynthesisConfig, PiperConfig


def _session(model: Path, threads: int) -> object:
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
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
        """The line's speech; sentences joined by a short silence, resampled if need be."""
        sentences = [self._resampled(chunk.audio_int16_array)
                     for chunk in self.voice.synthesize(line.text, self.settings)]
        return silence(SENTENCE_GAP_MS).join(sentences)

    def reset(self) -> None:
        """Nothing to reset: each call runs the model afresh."""

    def _resampled(self, pcm: np.ndarray) -> bytes:
        if self.rate == SAMPLE_RATE:
            return pcm.tobytes()
        count = round(len(pcm) * SAMPLE_RATE / self.rate)
        times = np.arange(count) * (self.rate / SAMPLE_RATE)
        return np.interp(times, np.arange(len(pcm)), pcm).astype(np.int16).tobytes()


@cache
def _checked(model: Path, mtime: float) -> None:
    _session(model, 1)


def check(profile: VoiceProfile) -> None:
    """Fail before any work: Piper installed, the voice found, its config and model readable."""
    _piper()
    found = find(profile.model, profile.language)
    _checked(found.model, found.model.stat().st_mtime)
