"""Writer registry: output format name → the module that writes it.

A writer module exposes ``write(doc, dest, options, fmt)`` (and optionally
``write_bundle(docs, dest, options, fmt)`` for many articles in one file). ``dest`` is a temporary
path chosen by the pipeline, which renames it into place only when the writer succeeds, so a
writer never has to think about half-written files. Modules are imported lazily so that
``clearread --help`` stays fast and a format's heavy dependencies load only when used.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from clearread.model import Document

if TYPE_CHECKING:
    from clearread.options import WriteOptions


def __getattr__(name: str) -> object:
    """``WriteOptions`` lives with the other option records; it is re-exported here lazily
    because ``clearread.options`` itself reads the theme names from this package."""
    if name == "WriteOptions":
        from clearread.options import WriteOptions

        return WriteOptions
    raise AttributeError(name)


@dataclass(frozen=True)
class Format:
    name: str
    module: str
    extension: str
    description: str
    reads: tuple[str, ...] = ()    # the option records (page, audio) its output depends on


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("html", "clearread.writers.html", ".html", "large-print web page", ("page",)),
        Format("epub", "clearread.writers.epub", ".epub", "EPUB 3 e-book"),
        Format("mp3", "clearread.writers.audio", ".mp3", "spoken audio, MP3 with chapters",
               ("audio",)),
        Format("wav", "clearread.writers.audio", ".wav", "spoken audio, WAV", ("audio",)),
        Format("m4b", "clearread.writers.m4b", ".m4b", "audiobook, AAC with chapters",
               ("audio",)),
        Format("read-aloud", "clearread.writers.read_aloud", ".read-aloud.epub",
               "EPUB 3 with narration, each sentence highlighted as it is read", ("audio",)),
        Format("txt", "clearread.writers.text_formats", ".txt", "plain text"),
        Format("md", "clearread.writers.text_formats", ".md", "Markdown"),
        Format("json", "clearread.writers.text_formats", ".json", "the document model as JSON"),
    )
}
ALIASES = {"audio": "mp3", "markdown": "md", "text": "txt"}


def resolve(name: str) -> Format:
    """The Format for a user-given name (aliases allowed); KeyError names the valid ones."""
    key = ALIASES.get(name.strip().lower(), name.strip().lower())
    if key not in FORMATS:
        raise KeyError(f"unknown format {name!r} (choose from {', '.join(FORMATS)})")
    return FORMATS[key]


def records_for(fmt: Format, options: WriteOptions) -> tuple[object, ...]:
    """The option records ``fmt``'s writer reads: its cache key hashes these and no others."""
    return tuple(getattr(options, name) for name in fmt.reads)


def module_for(fmt: Format) -> ModuleType:
    return importlib.import_module(fmt.module)


def write(doc: Document, dest: Path, fmt: Format, options: WriteOptions) -> float | None:
    """Write ``doc`` in format ``fmt`` to ``dest``; returns the running time in seconds that an
    audio writer measured while writing (None for formats without one)."""
    written = module_for(fmt).write(doc, dest, options, fmt.name)
    return getattr(written, "duration", None)


def supports_bundle(fmt: Format) -> bool:
    return hasattr(module_for(fmt), "write_bundle")


def write_bundle(docs: Sequence[Document], dest: Path, fmt: Format, options: WriteOptions) -> None:
    module_for(fmt).write_bundle(docs, dest, options, fmt.name)
