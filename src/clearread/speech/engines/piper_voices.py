"""Finding Piper voices on disk: a model (``NAME.onnx``) with its config (``NAME.onnx.json``).

Nothing is downloaded at run time. Voices come from Piper's voice collection and are put in
``CLEARREAD_VOICES`` (if set) or the user data folder; a profile or ``--voice-model`` may also
name a model file anywhere. This module reads only the JSON configs, so listing voices needs
neither Piper nor onnxruntime.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from clearread.errors import ClearreadError

ENV_VAR = "CLEARREAD_VOICES"
SOURCE = "https://huggingface.co/rhasspy/piper-voices"


@dataclass(frozen=True)
class PiperVoice:
    name: str
    model: Path
    language: str    # BCP 47, e.g. en-US
    quality: str     # x_low, low, medium or high
    sample_rate: int


def user_dir() -> Path:
    data = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(data) / "clearread" / "voices"


def voice_dirs() -> tuple[Path, ...]:
    override = os.environ.get(ENV_VAR)
    return (Path(override), user_dir()) if override else (user_dir(),)


def config_path(model: Path) -> Path:
    return model.with_name(model.name + ".json")


def read(model: Path) -> PiperVoice:
    """The voice a model file holds, from the config beside it; a problem is one line."""
    if not model.is_file():
        raise missing(str(model))
    try:
        config = json.loads(config_path(model).read_text(encoding="utf-8"))
        language = config.get("language", {}).get("code") or config["espeak"]["voice"]
        audio = config["audio"]
        return PiperVoice(model.name.removesuffix(".onnx"), model, language.replace("_", "-"),
                          audio.get("quality", "?"), int(audio["sample_rate"]))
    except OSError as exc:
        raise ClearreadError(f"Piper voice {model}: no config beside it "
                             f"({config_path(model).name}: {exc.strerror})") from exc
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise ClearreadError(f"Piper voice {model}: unreadable config "
                             f"{config_path(model).name} ({exc})") from exc


def installed() -> list[PiperVoice]:
    """Every Piper voice in the voice folders (unreadable ones skipped), by name."""
    found: dict[str, PiperVoice] = {}
    for folder in voice_dirs():
        for model in sorted(folder.glob("*.onnx")) if folder.is_dir() else ():
            try:
                found.setdefault(model.name, read(model))
            except ClearreadError:
                continue
    return sorted(found.values(), key=lambda v: (v.language, v.name))


def missing(what: str) -> ClearreadError:
    places = " or ".join(map(str, voice_dirs()))
    return ClearreadError(f"no Piper voice {what}: download NAME.onnx and NAME.onnx.json from "
                          f"{SOURCE} into {places}, or pass --voice-model PATH.onnx")


def find(model: str, language: str) -> PiperVoice:
    """A voice by file path or name, or else the first installed voice for the language."""
    if model:
        path = Path(model).expanduser()
        if path.suffix == ".onnx" or path.exists():
            return read(path)
        named = [v for v in installed() if v.name == model]
        if named:
            return named[0]
        raise missing(repr(model))
    base = language.lower().split("-")[0]
    voices = installed()
    for keep in (lambda v: v.language.lower() == language.lower(),
                 lambda v: v.language.lower().split("-")[0] == base):
        match = next(filter(keep, voices), None)
        if match:
            return match
    raise missing(f"for language {language or '?'!r}")
