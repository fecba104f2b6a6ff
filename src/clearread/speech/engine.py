"""Speaking a document: lines → PCM batches in order, on both cores for long input.

The engine itself (espeak-ng or Piper, see ``engines/``) turns one line into speech; this module
adds each line's pause as exact silence, so the caller knows where every line starts to the
sample, and shares long documents out to a small process pool (one speaker per process, order
kept, a crash in C isolated). Memory stays bounded: only a few batches are held at once.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from multiprocessing import current_process, get_context
from multiprocessing.context import BaseContext
from typing import TYPE_CHECKING

from clearread import lifeline
from clearread.errors import ClearreadError
from clearread.speech import engines
from clearread.speech.engines import SAMPLE_RATE, Line, silence

if TYPE_CHECKING:
    from clearread.speech.voices import VoiceProfile

__all__ = ["SAMPLE_RATE", "Audio", "Batch", "Finish", "Line", "render", "silence", "synthesize"]

BATCH_WORDS = 500           # one task for a worker process
CORES = 2
IN_FLIGHT_PER_WORKER = 2    # batches queued ahead per worker: keeps both busy, memory bounded


@dataclass(frozen=True)
class Audio:
    samples: bytes          # int16 little-endian mono
    rate: int
    starts: tuple[int, ...]  # sample offset where each line begins

    @property
    def duration(self) -> float:
        return len(self.samples) / 2 / self.rate


@dataclass(frozen=True)
class Batch:
    """Consecutive lines rendered together: each line's length in samples, and the batch's
    PCM, or what the caller's ``finish`` made of it (e.g. MP3 encoded in the same worker)."""

    lengths: tuple[int, ...]
    data: bytes


Finish = Callable[[bytes], bytes]


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


_settings: list[tuple[VoiceProfile, int]] = []   # this worker's profile and threads


def _pool_worker_start(profile: VoiceProfile, threads: int, parent: int) -> None:
    lifeline.die_with(parent)       # never left speaking when the parent is killed
    _settings[:] = [(profile, threads)]
    engines.speaker(profile, threads)


def _render_batch(batch: list[Line], finish: Finish | None, profile: VoiceProfile | None = None,
                  threads: int = 0) -> Batch:
    speaker = engines.speaker(profile, threads) if profile else engines.speaker(*_settings[0])
    speaker.reset()     # a batch sounds the same in whichever process, run or order it is made
    parts = [speaker.render(line) + silence(line.pause_ms) for line in batch]
    pcm = b"".join(parts)
    return Batch(tuple(len(p) // 2 for p in parts), finish(pcm) if finish else pcm)


def _serial(lines: Sequence[Line], profile: VoiceProfile, finish: Finish | None
            ) -> Iterator[Batch]:
    for batch in _batches(lines):
        yield _render_batch(batch, finish, profile, CORES)


def _forkserver(profile: VoiceProfile, finish: Finish | None) -> BaseContext:
    """Workers forked from a server that has imported what they need, once per run: no
    process start-up or imports per article, and nothing of the parent's state (a neural
    model, threads) copied into them as a plain fork would."""
    context = get_context("forkserver")
    needed = {__name__, engines.ENGINES[profile.engine], type(finish).__module__}
    context.set_forkserver_preload(sorted(needed - {"builtins"}))   # used when the server starts
    return context


def _parallel(lines: Sequence[Line], profile: VoiceProfile, finish: Finish | None,
              workers: int) -> Iterator[Batch]:
    pending: deque[Future[Batch]] = deque()
    threads = max(1, CORES // workers)      # so the workers never oversubscribe the cores
    with ProcessPoolExecutor(workers, _forkserver(profile, finish), _pool_worker_start,
                             (profile, threads, os.getpid())) as pool:
        try:
            for batch in _batches(lines):
                pending.append(pool.submit(_render_batch, batch, finish))
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
    MP3 encoding is shared out too.
    """
    kind = engines.module(profile)
    kind.check(profile)
    if workers is None:
        words = sum(len(line.text.split()) for line in lines)
        workers = CORES if words >= kind.PARALLEL_WORDS else 1
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
