"""Honest checks on real audio: decoding, loudness per frame, and speech recognition.

Speech recognition uses PocketSphinx with a language model built from the text we expect to
hear, so the right audio scores a low word error rate while silence or other words score
near 1.0. TTS output holds runs of exact digital zeros that upset the recogniser's features,
so a small deterministic noise floor is added before decoding.
"""

from __future__ import annotations

import re
import tempfile
import unicodedata
from pathlib import Path

import jiwer
import miniaudio
import numpy as np
from pocketsphinx import Decoder, get_model_path
from pocketsphinx.lm import ArpaBoLM

ASR_RATE = 16_000
NOISE_STD = 64.0
FRAME_S = 0.03


def decode(path: Path, rate: int) -> np.ndarray:
    """Any WAV/MP3 as int16 mono samples at ``rate``."""
    sound = miniaudio.decode_file(str(path), nchannels=1, sample_rate=rate,
                                  output_format=miniaudio.SampleFormat.SIGNED16)
    return np.frombuffer(sound.samples, dtype=np.int16)


def frame_step(rate: int) -> int:
    return int(rate * FRAME_S)


def frame_at(seconds: float, rate: int) -> int:
    """Index of the frame holding time ``seconds`` (frames are whole samples, ~30 ms)."""
    return int(seconds * rate) // frame_step(rate)


def frame_db(samples: np.ndarray, rate: int) -> np.ndarray:
    """RMS level of each ~30 ms frame in dBFS (digital silence is -120)."""
    step = frame_step(rate)
    frames = samples[: len(samples) // step * step].astype(np.float64).reshape(-1, step)
    rms = np.sqrt((frames**2).mean(axis=1)) / 32768.0
    return 20 * np.log10(np.maximum(rms, 1e-6))


def median_pitch(samples: np.ndarray, rate: int, low: float = 60.0, high: float = 400.0
                 ) -> float:
    """Median fundamental frequency (Hz) over the voiced ~30 ms frames, by autocorrelation."""
    step = frame_step(rate)
    lags = np.arange(int(rate / high), int(rate / low) + 1)
    found = []
    for start in range(0, len(samples) - 2 * step, step):
        frame = samples[start: start + 2 * step].astype(np.float64)
        frame -= frame.mean()
        energy = float((frame**2).sum())
        if energy < 1e6:
            continue  # silence or noise floor
        corr = np.array([(frame[:-lag] * frame[lag:]).sum() for lag in lags])
        best = int(corr.argmax())
        if corr[best] > 0.4 * energy:
            found.append(rate / lags[best])
    return float(np.median(found)) if found else 0.0


def words(text: str) -> list[str]:
    t = unicodedata.normalize("NFKD", text.lower().replace("\u2019", "'"))
    t = "".join(c for c in t if not unicodedata.combining(c))
    t = re.sub(r"[^a-z' ]+", " ", t)
    return [w.strip("'") for w in t.split() if w.strip("'")]


def _model(reference: str, folder: Path) -> tuple[Path, Path]:
    """A pronunciation dictionary and an ARPA language model made from the reference text."""
    sentences = [" ".join(words(s)) for s in re.split(r"[.!?;:\n]+", reference)]
    vocab = {w for s in sentences for w in s.split()}
    lines = Path(get_model_path("en-us/cmudict-en-us.dict")).read_text().splitlines()
    kept = [ln for ln in lines if ln.split(" ", 1)[0].split("(", 1)[0] in vocab]
    known = {ln.split(" ", 1)[0].split("(", 1)[0] for ln in kept}
    dict_path = folder / "ref.dict"
    dict_path.write_text("\n".join(kept) + "\n")
    text = "\n".join(" ".join(w for w in s.split() if w in known) for s in sentences)
    lm = ArpaBoLM(text=text, add_start=True)
    lm.compute()
    lm_path = folder / "ref.arpa"
    with lm_path.open("w") as out:
        lm.write(out)
    return lm_path, dict_path


def recognise(samples16k: np.ndarray, reference: str) -> str:
    noise = np.random.default_rng(0).normal(0, NOISE_STD, len(samples16k))
    pcm = np.clip(samples16k + noise, -32768, 32767).astype("<i2").tobytes()
    with tempfile.TemporaryDirectory() as tmp:
        lm, dic = _model(reference, Path(tmp))
        decoder = Decoder(samprate=ASR_RATE, lm=str(lm), dict=str(dic), loglevel="FATAL")
        decoder.start_utt()
        decoder.process_raw(pcm, full_utt=True)
        decoder.end_utt()
        hyp = decoder.hyp()
    return hyp.hypstr if hyp is not None else ""


def wer(reference: str, hypothesis: str) -> float:
    return jiwer.wer(" ".join(words(reference)), " ".join(words(hypothesis)) or "<empty>")
