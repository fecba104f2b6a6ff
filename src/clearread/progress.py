"""Progress inside one item (speaking a long article), for the batch display.

Writers call ``advance(done, total)``; whoever runs the item decides where it goes (nowhere by
default). A module-level hook keeps writer signatures and options free of callbacks, so jobs
stay picklable for worker processes.
"""

from __future__ import annotations

from collections.abc import Callable

Sink = Callable[[int, int], None]
_sink: Sink | None = None


def set_sink(sink: Sink | None) -> None:
    global _sink
    _sink = sink


def advance(done: int, total: int) -> None:
    if _sink is not None:
        _sink(done, total)
