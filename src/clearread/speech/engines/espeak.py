"""The espeak-ng engine (the default): small, fast, 100+ languages, robotic but very clear.

Synthesis is synchronous (``espeak_Synth`` returns with the audio complete), so there is no
callback to wait for and no cancel race. Long text is cut at sentence boundaries into pieces far
below the size that crashed older bindings; the pieces are joined with a short silence.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from functools import cache

from clearread.errors import ClearreadError
from clearread.speech.engines import Line, silence
from clearread.speech.engines.libespeak import PITCH, RATE, VOLUME, VoiceInfo, library
from clearread.speech.voices import VoiceProfile

PARALLEL_WORDS = 3_000      # below this, starting processes costs more than it saves
MAX_PIECE_BYTES = 4_000     # a long paragraph; espeak copes with far more, but no need to try
PIECE_GAP_MS = 250          # between sentences of one line cut into pieces
# espeak-ng speaks English prose ~15% faster than the rate it is given (measured 140 → 161,
# 175 → 203, 220 → 254 words a minute), so rates are scaled to mean real words per minute.
RATE_SCALE = 0.866
ESPEAK_RATES = (80, 450)
_SENTENCE_END = re.compile(r"(?<=[.!?;:])\s+")


class Speaker:
    """espeak-ng set up for one profile (one per process: the library is a singleton)."""

    def __init__(self, profile: VoiceProfile, threads: int = 1) -> None:
        self.lib = library()
        self.profile = profile
        self._configure()

    def _configure(self) -> None:
        if not self.lib.set_voice(self.profile.espeak):
            raise unknown_voice(self.profile.espeak)
        rate = min(max(round(self.profile.rate * RATE_SCALE), ESPEAK_RATES[0]), ESPEAK_RATES[1])
        self.lib.set(RATE, rate)
        self.lib.set(VOLUME, self.profile.volume)

    def reset(self) -> None:
        """Back to the library's initial state, so a text gives the same samples whenever and
        in whichever process it is spoken (see ``Library.reload``)."""
        self.lib.reload()
        self._configure()

    def render(self, line: Line) -> bytes:
        """The line's speech (at its own pitch, if any) without the pause after it."""
        self.lib.set(PITCH, self.profile.pitch if line.pitch is None else line.pitch)
        return silence(PIECE_GAP_MS).join(self.lib.speak(p) for p in pieces(line.text))


def pieces(text: str, limit: int = MAX_PIECE_BYTES) -> list[str]:
    """Cut text into parts under ``limit`` UTF-8 bytes: at sentence ends, else at spaces."""
    text = " ".join(text.split())
    if len(text.encode()) <= limit:
        return [text] if text else []
    out: list[str] = []
    for unit in _units(text, limit):
        if out and len(f"{out[-1]} {unit}".encode()) <= limit:
            out[-1] = f"{out[-1]} {unit}"
        else:
            out.append(unit)
    return out


def _units(text: str, limit: int) -> Iterator[str]:
    for sentence in _SENTENCE_END.split(text):
        if len(sentence.encode()) <= limit:
            yield sentence
            continue
        for word in sentence.split():
            while len(word.encode()) > limit:   # a "word" longer than a piece: cut it
                head = word.encode()[:limit].decode("utf-8", "ignore")
                yield head
                word = word[len(head):]
            yield word


@cache
def list_voices() -> tuple[VoiceInfo, ...]:
    """Every voice the bundled espeak-ng offers (131 or so), as (id, name, language)."""
    return library().voices()


def phonemes(text: str, voice: str) -> str:
    """How espeak-ng would pronounce ``text`` with ``voice`` (its phoneme mnemonics): used to
    compare a spoken form with the engine's own reading of the raw text."""
    lib = library()
    if not lib.set_voice(voice):
        raise unknown_voice(voice)
    return lib.phonemes(text)


def unknown_voice(voice: str) -> ClearreadError:
    ids = [v.id for v in list_voices()]
    near = difflib.get_close_matches(voice, ids, n=5, cutoff=0.5)
    hint = f"; close matches: {', '.join(near)}" if near else ""
    return ClearreadError(f"unknown espeak voice {voice!r}{hint}")


def check(profile: VoiceProfile) -> None:
    """Fail before any work when the profile's espeak voice does not exist."""
    if profile.espeak.lower() not in {v.id.lower() for v in list_voices()}:
        raise unknown_voice(profile.espeak)
