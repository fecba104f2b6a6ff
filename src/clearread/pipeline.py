"""One source → one model → every requested format (parse once, write many): read → cleanup →
write, each step once, so every reader's document is cleaned the same way.

Writers always write to a hidden temporary file in the output folder; only a finished file is
renamed into place, so a failure never leaves a half-written output or loses an earlier one.
"""

from __future__ import annotations

import contextlib
import os
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path

from clearread import __version__, model, readers, sanity, writers
from clearread.cleanup import clean
from clearread.errors import ClearreadError, OutputError
from clearread.options import cache_key
from clearread.writers import Format, WriteOptions

TEMP_MARK = ".tmp-"


@dataclass(frozen=True)
class Job:
    """Everything a worker needs to convert one source (picklable)."""

    source: str
    outdir: str
    formats: tuple[str, ...]
    options: WriteOptions
    kind: str = "auto"
    data: bytes | None = None          # the source's bytes when already read (stdin, bundles)
    known_keys: dict[str, str] = field(default_factory=dict)   # format → key from the manifest
    charset: str | None = None         # with ``data``: its declared charset and URL, if any
    url: str | None = None


@dataclass
class ItemResult:
    source: str
    status: str = "failed"             # converted | unchanged | failed
    error: str = ""
    seconds: float = 0.0
    keys: dict[str, str] = field(default_factory=dict)         # format → cache key
    meta: dict = field(default_factory=dict)
    words: int = 0
    temp_outputs: dict[str, str] = field(default_factory=dict)   # format → temp path
    durations: dict[str, float] = field(default_factory=dict)    # format → seconds, as written


def temp_path(outdir: Path, fmt: Format) -> Path:
    return outdir / f".clearread{TEMP_MARK}{uuid.uuid4().hex[:12]}{fmt.extension}"


def output_keys(data: bytes, formats: Sequence[str], options: WriteOptions) -> dict[str, str]:
    """Each output's cache key: the source, the version and the option records its writer
    reads, so a rerun re-makes only the outputs whose inputs changed."""
    return {name: cache_key(data, name, writers.records_for(writers.FORMATS[name], options),
                            __version__) for name in formats}


def write_temp(write: Callable[[Path], object], outdir: Path, fmt: Format) -> tuple[Path, object]:
    """Run ``write(tmp)`` for one format and return the temp file with what the writer returned;
    on any failure remove the temp file and raise OutputError (or the writer's ClearreadError)."""
    tmp = temp_path(outdir, fmt)
    try:
        written = write(tmp)
        if not tmp.exists() or tmp.stat().st_size == 0:
            raise OutputError(f"{fmt.name} writer produced no output")
        if reason := sanity.problem(fmt.name, tmp):
            raise OutputError(f"{fmt.name} output failed its check: {reason}")
        return tmp, written
    except BaseException as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        if isinstance(exc, ClearreadError | KeyboardInterrupt):
            raise
        raise OutputError(f"{fmt.name} output failed: {exc}") from exc


def discard(paths: dict[str, str]) -> None:
    for path in paths.values():
        with contextlib.suppress(OSError):
            os.unlink(path)


def read(source: str, kind: str = "auto") -> model.Document:
    """The read step for a source named by path, URL or ``-``: its cleaned article."""
    data, charset, url = readers.load(source)
    return read_bytes(data, source, kind=kind, charset=charset, url=url)


def read_bytes(data: bytes, source: str, kind: str = "auto", charset: str | None = None,
               url: str | None = None) -> model.Document:
    """The read step for bytes already loaded: the reader's document, then cleanup."""
    return clean(readers.read_bytes(data, source, kind=kind, charset=charset, url=url))


def source_bytes(job: Job) -> tuple[bytes, str | None, str | None]:
    """The job's source as bytes, charset and URL: those it carries, else read now."""
    if job.data is not None:
        return job.data, job.charset, job.url
    return readers.load(job.source)


def convert(job: Job) -> ItemResult:
    """Read, clean and write one source; errors become a failed result, never an exception."""
    started = time.perf_counter()
    result = ItemResult(source=job.source)
    try:
        data, charset, url = source_bytes(job)
        result.keys = output_keys(data, job.formats, job.options)
        stale = [name for name in job.formats if job.known_keys.get(name) != result.keys[name]]
        if not stale:
            result.status = "unchanged"
            return result
        doc = read_bytes(data, job.source, kind=job.kind, charset=charset, url=url)
        result.meta = meta_summary(doc)
        result.words = model.word_count(doc)
        outdir = Path(job.outdir)
        for name in stale:
            fmt = writers.FORMATS[name]
            tmp, seconds = write_temp(partial(writers.write, doc, fmt=fmt, options=job.options),
                                      outdir, fmt)
            result.temp_outputs[name] = str(tmp)
            if isinstance(seconds, float):
                result.durations[name] = seconds
        result.status = "converted"
    except ClearreadError as exc:
        discard(result.temp_outputs)
        result.temp_outputs = {}
        result.error = str(exc) if job.source in str(exc) else f"{job.source}: {exc}"
    except Exception as exc:
        discard(result.temp_outputs)
        result.temp_outputs = {}
        result.error = f"{job.source}: unexpected error: {type(exc).__name__}: {exc}"
    finally:
        result.seconds = time.perf_counter() - started
    return result


def read_document(job: Job) -> tuple[Job, model.Document | None, ItemResult]:
    """Read one source for a bundle: the job now carrying the source's bytes (so its
    per-article outputs never read the source again), and the document or a failed result."""
    result = ItemResult(source=job.source)
    try:
        data, charset, url = source_bytes(job)
        job = replace(job, data=data, charset=charset, url=url)
        doc = read_bytes(data, job.source, kind=job.kind, charset=charset, url=url)
        result.status, result.meta = "converted", meta_summary(doc)
        result.words = model.word_count(doc)
        return job, doc, result
    except ClearreadError as exc:
        result.error = str(exc)
    except Exception as exc:
        result.error = f"{job.source}: unexpected error: {type(exc).__name__}: {exc}"
    return job, None, result


def meta_summary(doc: model.Document) -> dict:
    m = doc.meta
    return {"title": m.title, "authors": list(m.authors), "published": m.published,
            "site_name": m.site_name, "source_url": m.source_url, "language": m.language,
            "description": m.description or m.subtitle}
