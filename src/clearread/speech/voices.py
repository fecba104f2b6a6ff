"""Voice profiles: how a document is spoken, kept as data in ``voices/*.toml``.

A profile names an engine and its voice (an espeak-ng voice id, or for ``engine = "piper"`` a
Piper model name or path) plus rate, pitch and volume, and may carry a pronunciation table
(search → replace) so users can fix words the synthesiser gets wrong without code.
The folder is found next to the source tree (``voices/`` at the project root), inside the
installed package (``clearread/voices_data/``), or wherever ``CLEARREAD_VOICES`` points.
"""

from __future__ import annotations

import difflib
import os
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from clearread.errors import ClearreadError
from clearread.options import AudioOptions, field_of, problem

ENV_VAR = "CLEARREAD_VOICES"
PACKAGE_DIR = Path(__file__).resolve().parents[1]
SEARCH_DIRS = (PACKAGE_DIR / "voices_data",)   # a link to voices/ at the top of the source
QUOTE_PITCH_SHIFT = 8   # quotations sound slightly different from the narrator


@dataclass(frozen=True)
class VoiceProfile:
    name: str
    espeak: str = ""
    language: str = ""
    rate: int = 175
    pitch: int = 50
    volume: int = 100
    description: str = ""
    default: bool = False
    pronunciations: tuple[tuple[str, str], ...] = ()
    engine: str = "espeak"      # a key of speech.engines.ENGINES
    model: str = ""             # Piper: a model path or name (empty: one for the language)

    @property
    def quote_pitch(self) -> int:
        return min(99, self.pitch + QUOTE_PITCH_SHIFT)


def voices_dir() -> Path:
    """The folder holding the profiles: the env override's when it has any (it may hold only
    Piper voices), else the shipped ones."""
    override = os.environ.get(ENV_VAR)
    candidates = (Path(override), *SEARCH_DIRS) if override else SEARCH_DIRS
    for folder in candidates:
        if folder.is_dir() and any(folder.glob("*.toml")):
            return folder
    raise ClearreadError(f"no voice profiles found (looked in {', '.join(map(str, candidates))})")


def _profile(path: Path) -> VoiceProfile:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        lexicon = tuple(data.pop("pronunciations", {}).items())
        return VoiceProfile(**data, pronunciations=lexicon)
    except (tomllib.TOMLDecodeError, TypeError, UnicodeDecodeError) as exc:
        raise ClearreadError(f"voice profile {path.name}: {exc}") from exc


@cache
def _load(folder: Path) -> dict[str, VoiceProfile]:
    return {p.name: p for p in map(_profile, sorted(folder.glob("*.toml")))}


def profiles() -> dict[str, VoiceProfile]:
    """Every shipped profile by name."""
    return dict(_load(voices_dir()))


def default_profile() -> VoiceProfile:
    all_ = profiles()
    return next((p for p in all_.values() if p.default), next(iter(all_.values())))


def _lang_keys(tag: str) -> tuple[str, str]:
    full = tag.strip().lower().replace("_", "-")
    return full, full.split("-")[0]


def for_language(language: str) -> VoiceProfile:
    """The profile for a BCP 47 tag: exact tag first, then the base language, else the default.

    Among profiles of one language the default one wins, then names in order, so a document in
    ``en`` or ``en-US`` is read by the default voice rather than by "fast" or "slow".
    """
    full, base = _lang_keys(language or "")
    ranked = sorted(profiles().values(), key=lambda p: (not p.default, p.name))
    for keep in (lambda p: _lang_keys(p.language)[0] == full,
                 lambda p: _lang_keys(p.language)[1] == base):
        match = next(filter(keep, ranked), None)
        if match is not None and base:
            return match
    return _espeak_fallback(base) or default_profile()


def _espeak_fallback(base: str) -> VoiceProfile | None:
    """A plain profile from an installed espeak voice, for languages no profile covers."""
    if not base:
        return None
    from clearread.speech.engines.espeak import list_voices

    match = next((v for v in list_voices() if _lang_keys(v.language)[1] == base), None)
    return None if match is None else VoiceProfile(match.id, match.id, match.language)


def _close(name: str, choices: Iterable[str]) -> str:
    near = difflib.get_close_matches(name.lower(), [c.lower() for c in choices], n=5, cutoff=0.5)
    return f"; did you mean {', '.join(near)}?" if near else ""


def by_name(name: str) -> VoiceProfile:
    """A profile by name, or by raw espeak voice id (``roa/it``); unknown → close matches."""
    key = name.strip().lower()
    shipped = {n.lower(): p for n, p in profiles().items()}
    if key in shipped:
        return shipped[key]
    from clearread.speech.engines.espeak import list_voices

    espeak = {v.id.lower(): v for v in list_voices()}
    if key in espeak:
        v = espeak[key]
        return VoiceProfile(v.id, v.id, v.language)
    raise ClearreadError(f"unknown voice {name!r}{_close(key, [*shipped, *espeak])}"
                         f" (see 'clearread voices')")


def check_rate(rate: int) -> int:
    """The rate when ``clearread.options`` allows it (one range, what espeak-ng accepts)."""
    if reason := problem(field_of(AudioOptions, "rate"), rate):
        raise ClearreadError(f"speech rate {reason} words per minute")
    return rate


def profile_for(language: str, name: str | None = None, rate: int | None = None,
                engine: str | None = None, model: str | None = None) -> VoiceProfile:
    """The profile to read a document with: a given name wins over the document's language,
    and a given engine or Piper model (``--engine``, ``--voice-model``) over the profile's."""
    profile = by_name(name) if name else for_language(language)
    if rate is not None:
        profile = replace(profile, rate=check_rate(rate))
    if model:
        engine = "piper"
    if engine and engine != profile.engine:
        profile = replace(profile, engine=check_engine(engine), model="")
    if model:
        profile = replace(profile, model=model)
    return _with_model(profile, language)


def check_engine(engine: str) -> str:
    from clearread.speech.engines import ENGINES

    if engine not in ENGINES:
        raise ClearreadError(f"unknown speech engine {engine!r} (use {', '.join(ENGINES)})")
    return engine


def _with_model(profile: VoiceProfile, language: str) -> VoiceProfile:
    """A Piper profile with its model found now, so every worker loads the same file."""
    if profile.engine != "piper":
        return profile
    from clearread.speech.engines.piper_voices import find

    found = find(profile.model, profile.language or language)
    return replace(profile, model=str(found.model), language=profile.language or found.language)


def ready(profile: VoiceProfile) -> bool:
    """Whether the profile can speak here: espeak-ng ones always, Piper ones when their voice
    is on disk (voices are never downloaded by clearread)."""
    if profile.engine != "piper":
        return True
    try:
        _with_model(profile, profile.language)
    except ClearreadError:
        return False
    return True


def check_neural(name: str | None, engine: str | None) -> None:
    """Before any work: when the run speaks with Piper, the extra is installed and a voice is on
    disk (the named profile's, or one for its language; with no profile named, any voice,
    since the documents' languages are not known yet). Raises a one-line ClearreadError."""
    profile = by_name(name) if name else None
    if (engine or (profile.engine if profile else "espeak")) != "piper":
        return
    from clearread.speech.engines import piper, piper_voices

    piper.require()
    if profile is None and not piper_voices.installed():
        raise piper_voices.missing("installed")
    if profile is not None:
        piper_voices.find(profile.model if profile.engine == "piper" else "", profile.language)
