"""Every user option as a field of one of three frozen records, declared once.

``PageOptions`` (how a page looks), ``AudioOptions`` (how speech sounds) and ``RunOptions``
(what a run does). Each field carries its ``Spec``: help, allowed choices or range, short flags
and, when the command line gives text, how to parse it. The CLI is generated from these fields
and ``validate`` checks a record before any work starts, so a range lives in one place and an
option is added by adding one field. Writers declare which records they read; each output's
cache key hashes only those (a theme change never re-speaks audio).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import Field, asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from clearread.errors import ClearreadError
from clearread.writers.theme import THEMES


class OptionError(ClearreadError):
    """A value the option does not allow; the message names the option and what it allows."""


@dataclass(frozen=True)
class Spec:
    """What the command line and the validator need to know about one option."""

    help: str
    flags: tuple[str, ...] = ()                 # short forms, e.g. ("-j",)
    choices: tuple[Any, ...] = ()
    low: int | None = None
    high: int | None = None
    cli_type: type | None = None                # when the command line gives other than the field
    parse: Callable[[Any], Any] | None = None   # command-line value → field value
    check: Callable[[Any], Any] | None = None   # raises ClearreadError for a bad value

    def allowed(self) -> str:
        """The allowed values as the help and the error messages say them."""
        if self.choices:
            return ", ".join(map(str, self.choices))
        if self.low is not None:
            return f"{self.low}-{self.high}" if self.high is not None else f"{self.low} or more"
        return ""


def option(default: Any, help: str, **spec: Any) -> Any:
    """A record field whose ``Spec`` travels in its metadata."""
    return field(default=default, metadata={"spec": Spec(help, **spec)})


def field_of(record: type, name: str) -> Field:
    return next(f for f in fields(record) if f.name == name)


def spec_of(f: Field) -> Spec:
    return f.metadata["spec"]


def flag(f: Field) -> str:
    return "--" + f.name.replace("_", "-")


def parse_formats(text: str) -> tuple[str, ...]:
    """``html,epub`` → format names (aliases resolved, duplicates dropped)."""
    from clearread import writers

    try:
        chosen = [writers.resolve(part).name for part in text.split(",") if part.strip()]
    except KeyError as exc:
        raise OptionError(f"--formats: {exc.args[0]}") from None
    if not chosen:
        raise OptionError("--formats: no output format given")
    return tuple(dict.fromkeys(chosen))


def load_lexicon(path: Path) -> object:
    from clearread.speech import lexicon

    return lexicon.load(path)


def check_voice(name: str) -> None:
    from clearread.speech.voices import by_name

    by_name(name)


def check_voice_model(path: str) -> None:
    from clearread.speech.engines.piper_voices import read

    read(Path(path).expanduser())


def check_neural_voice(audio: AudioOptions) -> None:
    """A Piper run needs a voice on disk; found missing now, not once per article."""
    from clearread.speech.voices import check_neural

    if not audio.voice_model:   # a given model is checked on its own
        try:
            check_neural(audio.voice, audio.engine)
        except ClearreadError as exc:
            given = f"--engine {audio.engine}" if audio.engine else f"--voice {audio.voice}"
            raise OptionError(f"{given}: {exc}") from None


FONTS = ("atkinson", "system")
# MP3 at the speech engine's 22.05 kHz is MPEG-2 layer III, whose bitrates stop at 160 kbps
ENGINES = ("espeak", "piper")   # clearread.speech.engines.ENGINES
MP3_KBPS = (32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160)
KINDS = ("auto", "html", "text")
EXECUTORS = ("local", "dask")


@dataclass(frozen=True)
class PageOptions:
    """How the large-print page (and the library index) looks."""

    theme: str = option("auto", "Colour theme.", choices=THEMES)
    font_size: int = option(24, "Body text size in CSS px.", low=16, high=64)
    font: str = option("atkinson", "Typeface: atkinson (embedded) or system.", choices=FONTS)


@dataclass(frozen=True)
class AudioOptions:
    """How the narration sounds (MP3, WAV, M4B and read-aloud EPUB)."""

    voice: str | None = option(None, "Voice profile (see `clearread voices`).",
                               check=check_voice)
    rate: int | None = option(None, "Speech rate, words a minute.", low=80, high=450)
    bitrate: int = option(64, "MP3 and M4B bitrate, kbps.", choices=MP3_KBPS)
    engine: str | None = option(None, "Speech engine (default: the voice profile's, espeak).",
                                choices=ENGINES)
    voice_model: str | None = option(None, "Piper voice model PATH.onnx (its .onnx.json beside "
                                     "it); implies --engine piper.",
                                     check=check_voice_model)
    lexicon: object = option(None, "Pronunciation lexicon (TOML: [en] \"Kyiv\" = \"keev\").",
                             cli_type=Path, parse=load_lexicon)


@dataclass(frozen=True)
class RunOptions:
    """What one run does and where it writes."""

    output: Path = option(Path("out"), "Output folder.", flags=("-o",))
    formats: tuple[str, ...] = option(
        ("html", "epub", "mp3"), "Comma-separated: html, epub, read-aloud, mp3 (audio), m4b, wav, "
        "txt, md, json. Default: html,epub,mp3.", flags=("-f",), cli_type=str, parse=parse_formats)
    bundle: str | None = option(None, "Put every article into one EPUB / audio book with this "
                                "title.")
    jobs: int = option(0, "Worker processes (0: one per core).", flags=("-j",), low=0)
    recursive: bool = option(False, "Look into sub-folders.", flags=("-r",))
    force: bool = option(False, "Convert again even when unchanged.")
    quiet: bool = option(False, "Only errors and summary.", flags=("-q",))
    log_json: Path | None = option(None, "Append one JSON record per item to this file.")
    kind: str = option("auto", "Input kind.", choices=KINDS)
    executor: str = option("local", "local (worker processes) or dask.", choices=EXECUTORS)
    scheduler: str | None = option(None, "dask scheduler address, e.g. tcp://10.0.0.5:8786.")
    base_url: str = option("", "Where the output folder is served, for links in feed.xml.")
    allow_private_urls: bool = option(
        False, "Also fetch URLs on this machine or the local network (loopback, link-local and "
        "private addresses are refused by default).")


RECORDS = (PageOptions, AudioOptions, RunOptions)
#: checks of a whole record, for what no single field can tell (run after the fields' own)
RECORD_CHECKS: dict[type, tuple[Callable[[Any], None], ...]] = {
    AudioOptions: (check_neural_voice,)}


def values(record: Any) -> dict[str, Any]:
    """A record's fields by name, shallow (a lexicon stays a Lexicon)."""
    return {f.name: getattr(record, f.name) for f in fields(record)}


@dataclass(frozen=True)
class WriteOptions(AudioOptions, PageOptions):
    """What a writer is given: the page and audio fields side by side, plus a bundle's title.
    ``page`` and ``audio`` give back the records, for cache keys."""

    bundle_title: str | None = None

    @classmethod
    def of(cls, page: PageOptions, audio: AudioOptions, bundle_title: str | None = None
           ) -> WriteOptions:
        return cls(**values(page), **values(audio), bundle_title=bundle_title)

    @property
    def page(self) -> PageOptions:
        return PageOptions(**{f.name: getattr(self, f.name) for f in fields(PageOptions)})

    @property
    def audio(self) -> AudioOptions:
        return AudioOptions(**{f.name: getattr(self, f.name) for f in fields(AudioOptions)})


def problem(f: Field, value: Any) -> str | None:
    """Why ``value`` is not allowed for field ``f``, or None."""
    spec = spec_of(f)
    if value is None or isinstance(value, bool):
        return None
    if spec.choices and value not in spec.choices:
        return f"{value!r} is not one of {spec.allowed()}"
    outside = (spec.low is not None and value < spec.low) or \
        (spec.high is not None and value > spec.high)
    return f"{value} is outside {spec.allowed()}" if outside else None


def validate(record: Any) -> Any:
    """``record`` unchanged when every field is allowed; else OptionError for the first bad one,
    one line naming the option and the allowed values."""
    for f in fields(record):
        value = getattr(record, f.name)
        if reason := problem(f, value):
            raise OptionError(f"{flag(f)}: {reason}")
        if spec_of(f).check and value is not None:
            try:
                spec_of(f).check(value)
            except ClearreadError as exc:
                raise OptionError(f"{flag(f)}: {exc}") from None
    for check in RECORD_CHECKS.get(type(record), ()):
        check(record)
    return record


def from_cli(record: type, given: dict[str, Any]) -> Any:
    """The record built from command-line values (parsed where the field says so), validated;
    a missing or None value keeps the field's default."""
    values = {}
    for f in fields(record):
        value = given.get(f.name)
        if value is None:
            continue
        parse = spec_of(f).parse
        try:
            values[f.name] = parse(value) if parse else value
        except ClearreadError as exc:
            raise OptionError(str(exc) if str(exc).startswith("--") else f"{flag(f)}: {exc}"
                              ) from None
    return validate(record(**values))


def cache_key(data: bytes, fmt: str, records: tuple[Any, ...], version: str) -> str:
    """One output's key: the source, the format, the version and only the records its writer
    reads, so changing an option re-makes exactly the outputs that depend on it."""
    h = hashlib.sha256(data)
    settings = {"format": fmt, "version": version,
                "options": [asdict(r) for r in records]}
    h.update(json.dumps(settings, sort_keys=True, default=str).encode())
    return h.hexdigest()
