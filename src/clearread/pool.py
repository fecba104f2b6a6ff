"""Worker processes for a batch: one dying fails only its own item, none outlives the parent.

A worker that dies (out of memory, a crash, a kill) breaks Python's process pool and every item
in flight with it. Those items are run again one at a time in a fresh pool, so the item that
kills its worker again fails alone and the batch goes on. Workers die with the parent (see
``lifeline``), so a parent killed even with SIGKILL leaves no worker writing temp files or
waiting forever.
"""

from __future__ import annotations

import contextlib
import os
import signal
from collections.abc import Callable, Generator, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from functools import partial
from multiprocessing import SimpleQueue

from clearread import lifeline, pipeline, progress
from clearread.pipeline import ItemResult, Job

Steps = Callable[[str, int, int], None]     # (source, done, total) inside one item
DIED = "the worker converting it stopped (out of memory or a crash)"
_updates: SimpleQueue | None = None          # a worker's line back to the parent


def worker_start(updates: SimpleQueue, parent: int) -> None:
    """Workers leave Ctrl-C to the parent (which shuts the pool down and cleans up), end at
    once when it stops them or dies, and send progress inside long items through ``updates``."""
    global _updates
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)   # not the parent's handler, forked along
    lifeline.die_with(parent)
    _updates = updates


def send(source: str, done: int, total: int) -> None:
    if _updates is not None:
        _updates.put((source, done, total))


def convert_reporting(job: Job, steps: Steps = send) -> ItemResult:
    """``pipeline.convert``, with progress inside the item going to ``steps``."""
    progress.set_sink(partial(steps, job.source))
    try:
        return pipeline.convert(job)
    finally:
        progress.set_sink(None)


def results(jobs: list[Job], workers: int, steps: Steps | None) -> Iterator[ItemResult]:
    """Results as they finish, from ``workers`` processes; an item whose worker dies again when
    it runs alone comes back failed."""
    queue = list(reversed(jobs))
    while queue:
        lost = yield from run_pool(queue, workers, workers * 2, steps)
        alone = list(reversed(lost))
        while alone:
            for job in (yield from run_pool(alone, 1, 1, steps)):
                yield ItemResult(source=job.source, error=f"{job.source}: {DIED}")


def run_pool(queue: list[Job], workers: int, depth: int, steps: Steps | None
             ) -> Generator[ItemResult, None, list[Job]]:
    """Take jobs from the end of ``queue``, ``depth`` in flight, until it is empty or a worker
    dies; then return the jobs that were in flight (the one that killed it among them)."""
    updates: SimpleQueue = SimpleQueue()     # a fresh one: a killed writer may hold the old lock
    pool = ProcessPoolExecutor(max_workers=workers, initializer=worker_start,
                               initargs=(updates, os.getpid()))
    pending: dict[Future[ItemResult], Job] = {}
    lost: list[Job] = []
    try:
        while (queue or pending) and not lost:
            while queue and len(pending) < depth:
                job = queue.pop()
                try:
                    pending[pool.submit(convert_reporting, job)] = job
                except BrokenProcessPool:
                    queue.append(job)       # never started: not a suspect
                    return list(pending.values())
            done, _ = wait(pending, timeout=0.25, return_when=FIRST_COMPLETED)
            relay(updates, steps)
            for future in done:
                job = pending.pop(future)
                try:
                    yield future.result()
                except BrokenProcessPool:
                    lost.append(job)
        return lost + list(pending.values())
    finally:
        stop(pool, pending)


def relay(updates: SimpleQueue, steps: Steps | None) -> None:
    while not updates.empty():
        update = updates.get()
        if steps:
            steps(*update)


def stop(pool: ProcessPoolExecutor, pending: dict[Future[ItemResult], Job]) -> None:
    """Cancel what has not started and end the workers now, busy or not."""
    for future in pending:
        future.cancel()
    for proc in list((getattr(pool, "_processes", None) or {}).values()):
        with contextlib.suppress(Exception):
            proc.terminate()
    pool.shutdown(wait=True, cancel_futures=True)
