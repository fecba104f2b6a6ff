"""Speech engines: one spoken line → 16-bit mono PCM at ``SAMPLE_RATE``.

Every engine takes the same speech-script lines, so normalisation, lexicons and
``inspect --to speech`` do not depend on the engine, and returns exact PCM, so the caller
adds pauses as exact silence and knows where every line starts to the sample. An engine module
offers ``Speaker(profile, threads)`` (one per process) and ``check(profile)`` (fails before any
work); it is imported only when a profile names it, so optional engines cost nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from clearread.speech.voices import VoiceProfile

SAMPLE_RATE = 22_050        # every engine's output; MP3, M4B and SMIL times count in it
ENGINES = {"espeak": "clearread.speech.engines.espeak", "piper": "clearread.speech.engines.piper"}


@dataclass(frozen=True)
class Line:
    """One thing to say, the silence after it, and an optional pitch (quotes differ a little)."""

    text: str
    pause_ms: int = 0
    pitch: int | None = None


class Speaker(Protocol):
    def render(self, line: Line) -> bytes: ...
    def reset(self) -> None: ...   # before each batch: same text, same samples


def silence(ms: int) -> bytes:
    return b"\0\0" * round(max(0, ms) * SAMPLE_RATE / 1000)


def module(profile: VoiceProfile):
    return import_module(ENGINES[profile.engine])


_held: dict[tuple[VoiceProfile, int], Speaker] = {}


def speaker(profile: VoiceProfile, threads: int) -> Speaker:
    """This process's speaker for the profile; the last one is kept (a neural model takes a
    while to load and a book is many calls), earlier ones are dropped to free memory."""
    key = (profile, threads)
    if key not in _held:
        _held.clear()
        _held[key] = module(profile).Speaker(profile, threads)
    return _held[key]
