"""Speech synthesis: text lines → 16-bit mono PCM, the only module that touches pyttsx3.

pyttsx3 2.99's espeak driver loses files, crashes on long text and slows down quadratically
(see the project notes). Its ctypes bindings to libespeak-ng are sound, so this module uses
those directly, in espeak's *synchronous* mode: ``espeak_Synth`` returns only when the audio is
complete, so there is nothing to wait for, no cancel race and no file to lose. Audio chunks
go to a list joined once (linear time), the text size passed to espeak is the real one, and
long text is cut at sentence boundaries anyway. Pauses are inserted here as exact silence, so
the caller knows where every line starts to the sample. Text inside ``[[ ]]`` is read as espeak
phonemes (pronunciation lexicons use it; normalisation removes brackets from article text).

libespeak-ng and its voice data come from the ``espeakng-loader`` wheel, loaded before pyttsx3
looks the library up by name, so no system package is needed. Long documents are spoken by a
small process pool (one engine per process, order kept), which also isolates a crash in C.
"""

from __future__ import annotations

import ctypes
import difflib
import os
import re
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from functools import cache
from multiprocessing import current_process, get_context
from types import ModuleType
from typing import TYPE_CHECKING

from clearread import lifeline
from clearread.errors import ClearreadError

if TYPE_CHECKING:
    from clearread.speech.voices import VoiceProfile

SAMPLE_RATE = 22_050        # what libespeak-ng produces
MAX_PIECE_BYTES = 4_000     # far below the size that crashed the old driver; a long paragraph
PIECE_GAP_MS = 250          # between sentences of one line cut into pieces
BATCH_WORDS = 500           # one task for a worker process
PARALLEL_WORDS = 3_000      # below this, starting processes costs more than it saves
WORKERS = 2
# espeak-ng speaks English prose ~15% faster than the rate it is given (measured 140 → 161,
# 175 → 203, 220 → 254 words a minute), so rates are scaled to mean real words per minute.
RATE_SCALE = 0.866
ESPEAK_RATES = (80, 450)
IN_FLIGHT_PER_WORKER = 2    # batches queued ahead per worker: keeps both busy, memory bounded
_SENTENCE_END = re.compile(r"(?<=[.!?;:])\s+")


@dataclass(frozen=True)
class Line:
    """One thing to say, the silence after it, and an optional pitch (quotes differ a little)."""

    text: str
    pause_ms: int = 0
    pitch: int | None = None


@dataclass(frozen=True)
class EspeakVoice:
    id: str
    name: str
    language: str


@dataclass(frozen=True)
class Audio:
    samples: bytes          # int16 little-endian mono
    rate: int
    starts: tuple[int, ...]  # sample offset where each line begins

    @property
    def duration(self) -> float:
        return len(self.samples) / 2 / self.rate


# --- the library ---------------------------------------------------------------------------------


@cache
def _bindings() -> ModuleType:
    """pyttsx3's ctypes bindings, bound to the wheel's libespeak-ng (loaded first, globally)."""
    try:
        import espeakng_loader
    except ImportError as exc:
        raise ClearreadError("speech needs the espeakng-loader package") from exc
    os.environ["ESPEAK_DATA_PATH"] = espeakng_loader.get_data_path()
    ctypes.CDLL(espeakng_loader.get_library_path(), mode=ctypes.RTLD_GLOBAL)
    from pyttsx3.drivers import _espeak

    if _espeak.Initialize(_espeak.AUDIO_OUTPUT_SYNCHRONOUS, 0, None, 0) != SAMPLE_RATE:
        raise ClearreadError("could not start the espeak-ng speech engine")
    return _espeak


class _Engine:
    """One configured espeak instance (one per process: the library is a singleton)."""

    def __init__(self) -> None:
        self.lib = _bindings()
        self.chunks: list[bytes] = []
        self.lib.SetSynthCallback(self._collect)
        self.profile: VoiceProfile | None = None

    def _collect(self, wav: ctypes.Array, count: int, _events: object) -> int:
        if count > 0:
            self.chunks.append(ctypes.string_at(wav, count * 2))
        return 0

    def configure(self, profile: VoiceProfile) -> None:
        if self.lib.SetVoiceByName(profile.espeak.encode()) != self.lib.EE_OK:
            raise unknown_voice(profile.espeak)
        rate = min(max(round(profile.rate * RATE_SCALE), ESPEAK_RATES[0]), ESPEAK_RATES[1])
        for param, value in ((self.lib.RATE, rate), (self.lib.PITCH, profile.pitch),
                             (self.lib.VOLUME, profile.volume)):
            self.lib.SetParameter(param, value, 0)
        self.profile = profile

    def _speak(self, text: str) -> bytes:
        data = text.replace("\0", " ").encode("utf-8")
        self.chunks = []
        status = self.lib.cSynth(data, len(data) + 1, 0, self.lib.POS_CHARACTER, 0,
                                 self.lib.CHARS_UTF8 | self.lib.PHONEMES, None, None)
        if status != self.lib.EE_OK:
            raise ClearreadError(f"espeak-ng could not speak a passage (status {status})")
        return b"".join(self.chunks)

    def render(self, line: Line) -> bytes:
        """The line's speech followed by exactly ``pause_ms`` of silence."""
        assert self.profile is not None, "configure() first"
        text = line.text
        pitch = self.profile.pitch if line.pitch is None else line.pitch
        self.lib.SetParameter(self.lib.PITCH, pitch, 0)
        gap = silence(PIECE_GAP_MS)
        speech = gap.join(self._speak(p) for p in pieces(text))
        return speech + silence(line.pause_ms)


@cache
def _engine() -> _Engine:
    return _Engine()


# --- helpers -------------------------------------------------------------------------------------


def silence(ms: int) -> bytes:
    return b"\0\0" * round(max(0, ms) * SAMPLE_RATE / 1000)


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
def _phonemiser() -> Callable[[bytes], str]:
    """espeak_TextToPhonemes (not wrapped by pyttsx3): one clause of text per call."""
    import espeakng_loader

    _bindings()
    lib = ctypes.CDLL(espeakng_loader.get_library_path())
    convert = lib.espeak_TextToPhonemes
    convert.restype = ctypes.c_char_p
    convert.argtypes = [ctypes.POINTER(ctypes.c_char_p), ctypes.c_int, ctypes.c_int]

    def run(data: bytes) -> str:
        buffer = ctypes.c_char_p(data)
        out: list[str] = []
        while buffer.value:
            out.append((convert(ctypes.byref(buffer), 1, 0) or b"").decode())  # 1: UTF-8
        return " ".join(p for p in out if p)

    return run


def phonemes(text: str, voice: str) -> str:
    """How espeak-ng would pronounce ``text`` with ``voice`` (its phoneme mnemonics), used to
    compare a spoken form with the engine's own reading of the raw text."""
    lib = _bindings()
    if lib.SetVoiceByName(voice.encode()) != lib.EE_OK:
        raise unknown_voice(voice)
    return " ".join(_phonemiser()(text.encode("utf-8")).split())


@cache
def list_voices() -> tuple[EspeakVoice, ...]:
    """Every voice the bundled espeak-ng offers (131 or so), as (id, name, language)."""
    lib = _bindings()
    return tuple(EspeakVoice(v.identifier.decode(), v.name.decode(),
                             (v.languages or b"\0")[1:].decode("utf-8", "ignore"))
                 for v in lib.ListVoices(None))


def unknown_voice(voice: str) -> ClearreadError:
    ids = [v.id for v in list_voices()]
    near = difflib.get_close_matches(voice, ids, n=5, cutoff=0.5)
    hint = f"; close matches: {', '.join(near)}" if near else ""
    return ClearreadError(f"unknown espeak voice {voice!r}{hint}")


def check_voice(voice: str) -> None:
    if voice.lower() not in {v.id.lower() for v in list_voices()}:
        raise unknown_voice(voice)


# --- batches and the process pool ----------------------------------------------------------------


def _batches(lines: Sequence[Line], words: int = BATCH_WORDS) -> Iterator[list[Line]]:
    batch: list[Line] = []
    count = 0
    for line in lines:
        batch.append(line)
        count += len(line.text.split())
        if count >= words:
            yield batch
            batch, count = [], 0
    if batch:
        yield batch


@dataclass(frozen=True)
class Batch:
    """Consecutive lines rendered together: each line's length in samples, and the batch's
    PCM, or what the caller's ``finish`` made of it (e.g. MP3 encoded in the same worker)."""

    lengths: tuple[int, ...]
    data: bytes


Finish = Callable[[bytes], bytes]


def _worker_start(profile: VoiceProfile) -> None:
    _engine().configure(profile)


def _pool_worker_start(profile: VoiceProfile, parent: int) -> None:
    lifeline.die_with(parent)       # never left speaking when the parent is killed
    _worker_start(profile)


def _worker_render(batch: list[Line], finish: Finish | None) -> Batch:
    parts = [_engine().render(line) for line in batch]
    pcm = b"".join(parts)
    return Batch(tuple(len(p) // 2 for p in parts), finish(pcm) if finish else pcm)


def _serial(lines: Sequence[Line], profile: VoiceProfile, finish: Finish | None
            ) -> Iterator[Batch]:
    _worker_start(profile)
    for batch in _batches(lines, PARALLEL_WORDS):   # a short document is a single batch
        yield _worker_render(batch, finish)


def _parallel(lines: Sequence[Line], profile: VoiceProfile, finish: Finish | None,
              workers: int) -> Iterator[Batch]:
    pending: deque[Future[Batch]] = deque()
    with ProcessPoolExecutor(workers, get_context("spawn"), _pool_worker_start,
                             (profile, os.getpid())) as pool:
        try:
            for batch in _batches(lines):
                pending.append(pool.submit(_worker_render, batch, finish))
                if len(pending) >= workers * IN_FLIGHT_PER_WORKER:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
        except BrokenProcessPool as exc:
            raise ClearreadError("the speech engine stopped unexpectedly") from exc
        finally:
            for future in pending:
                future.cancel()


def render(lines: Sequence[Line], profile: VoiceProfile, finish: Finish | None = None,
           workers: int | None = None) -> Iterator[Batch]:
    """The lines as batches in order, made on both cores for long input.

    ``finish`` (picklable) runs on each batch's PCM in the process that made it, so work like
    MP3 encoding is shared out too. Memory stays bounded: only a few batches are held at once.
    """
    check_voice(profile.espeak)
    if workers is None:
        words = sum(len(line.text.split()) for line in lines)
        workers = WORKERS if words >= PARALLEL_WORDS else 1
    if current_process().daemon:   # a daemonic worker may not start processes of its own
        workers = 1
    if workers <= 1:
        return _serial(lines, profile, finish)
    return _parallel(lines, profile, finish, workers)


def synthesize(lines: Iterable[Line], profile: VoiceProfile, workers: int | None = None) -> Audio:
    """All the audio at once, with each line's start offset (for short texts and tests)."""
    batches = list(render(list(lines), profile, None, workers))
    starts, offset = [], 0
    for length in (n for b in batches for n in b.lengths):
        starts.append(offset)
        offset += length
    return Audio(b"".join(b.data for b in batches), SAMPLE_RATE, tuple(starts))
