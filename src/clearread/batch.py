"""Many sources → many outputs: parallel workers, progress, per-item errors and resumable runs.

Workers read and write each item into temp files; only this (parent) process names the outputs,
renames them into place and records them in the manifest, so names stay unique and a run that
is killed half-way keeps everything it finished and nothing it did not.
"""

from __future__ import annotations

import contextlib
import glob
import json
import os
import signal
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field, replace
from functools import partial
from pathlib import Path

from clearread import names, outfolder, pool, readers, writers
from clearread.errors import ClearreadError, InputError
from clearread.pipeline import (
    TEMP_MARK,
    ItemResult,
    Job,
    convert,
    discard,
    read_document,
    write_temp,
)

CONVERTIBLE = (".html", ".htm", ".xhtml", ".txt")
MANIFEST = ".clearread-manifest.json"
JOURNAL = ".clearread-manifest.journal"


# --- sources -------------------------------------------------------------------------------------


def expand(sources: Iterable[str], recursive: bool = False) -> tuple[list[str], list[str]]:
    """Sources as given → (convertible sources, one-line errors for those that give nothing).
    A file reached twice (through links, overlapping folders or lists) is converted once."""
    expansion = Expansion(recursive)
    for source in sources:
        expansion.add(source)
    unique: dict[str, str] = {}
    for source in expansion.found:
        unique.setdefault(source_key(source), source)
    return list(unique.values()), expansion.errors


@dataclass
class Expansion:
    """Sources found so far and the errors of those that gave nothing."""

    recursive: bool
    found: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def add(self, source: str, lists: tuple[Path, ...] = ()) -> None:
        """One source; ``lists`` are the source lists that led here (to catch a cycle)."""
        try:
            if source.startswith("@"):
                self.add_list(source[1:], lists)
            else:
                self.found.extend(expand_one(source, self.recursive))
        except InputError as exc:
            self.errors.append(str(exc))

    def add_list(self, list_path: str, lists: tuple[Path, ...]) -> None:
        """Every entry of a source list, relative ones taken from the list's own folder."""
        here = Path(list_path).resolve()
        if here in lists:
            raise InputError(f"@{list_path}", "source list includes itself, skipped")
        for entry in read_list(list_path):
            self.add(list_entry(entry, Path(list_path).parent), (*lists, here))


def expand_one(source: str, recursive: bool) -> list[str]:
    if source == "-" or "://" in source:
        return [source]
    path = Path(source)
    if path.is_dir():
        files = folder_files(path, "**/*" if recursive else "*")
        if not files:
            raise InputError(source, f"folder has no {', '.join(CONVERTIBLE)} files")
        return files
    if not path.exists() and glob.has_magic(source):
        matches = pattern_files(source, recursive)
        if not matches:
            raise InputError(source, "pattern matches no files")
        return matches
    return [source]


def inside(path: Path, root: Path) -> bool:
    """Whether ``path`` (found under ``root``) really lies there once links are followed."""
    return path.resolve().is_relative_to(root.resolve())


def visible_files(root: Path, pattern: str) -> list[Path]:
    """Files matching ``pattern`` under ``root``: no hidden names, no linked sub-folders walked
    (pathlib's ``**`` never follows them, so a link loop cannot hang the run), and no file
    links that point out of ``root``."""
    try:
        matches = sorted(root.glob(pattern))
    except (ValueError, OSError) as exc:
        raise InputError(str(root / pattern), f"bad pattern ({exc})") from exc
    return [p for p in matches if p.is_file() and inside(p, root)
            and not any(part.startswith(".") for part in p.relative_to(root).parts)]


def folder_files(folder: Path, pattern: str) -> list[str]:
    return [str(p) for p in visible_files(folder, pattern) if p.suffix.lower() in CONVERTIBLE]


def pattern_files(source: str, recursive: bool) -> list[str]:
    """A glob pattern's files, searched from its fixed leading folders (``**`` only with -r)."""
    parts = Path(source).parts
    if parts[-1] == "**":
        parts = (*parts, "*")       # as glob's ``dir/**``: the files, not just the folders
    fixed = next(n for n, part in enumerate(parts) if glob.has_magic(part))
    rest = [part if part == "**" and recursive else part.replace("**", "*")
            for part in parts[fixed:]]
    return [str(p) for p in visible_files(Path(*parts[:fixed]), "/".join(rest))]


def read_list(list_path: str) -> list[str]:
    """A source list's entries: one a line, blank lines and # comments skipped."""
    try:
        lines = Path(list_path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"@{list_path}", f"cannot read source list ({exc})") from exc
    return [line.strip() for line in lines if line.strip() and not line.strip().startswith("#")]


def list_entry(entry: str, base: Path) -> str:
    """A list's entry with a relative path (of a file, folder, pattern or @list) made relative
    to the list that names it."""
    mark = "@" if entry.startswith("@") else ""
    target = entry[len(mark):]
    if target == "-" or "://" in target or Path(target).is_absolute():
        return entry
    return mark + str(base / target)


def source_key(source: str) -> str:
    """The manifest's name for a source: absolute path for files, the URL itself otherwise."""
    if source == "-" or "://" in source:
        return names.valid_text(source)
    return names.path_text(str(Path(source).resolve()))


# --- manifest ------------------------------------------------------------------------------------


@dataclass
class Manifest:
    """What each source became last time: content hash, output stem, files and metadata.

    Each finished item is appended to a journal at once (cheap, and a killed run keeps it);
    ``compact`` folds the journal into the manifest at the end of a run.
    """

    path: Path
    entries: dict[str, dict] = field(default_factory=dict)

    @property
    def journal(self) -> Path:
        return self.path.with_name(JOURNAL)

    @classmethod
    def load(cls, outdir: Path) -> Manifest:
        manifest = cls(outdir / MANIFEST)
        with contextlib.suppress(ValueError):
            data = json.loads(outfolder.read_text(manifest.path) or "{}")
            if isinstance(data, dict) and isinstance(data.get("entries"), dict):
                manifest.entries = data["entries"]
        for line in (outfolder.read_text(manifest.journal) or "").splitlines():
            with contextlib.suppress(ValueError, TypeError, KeyError):
                record = json.loads(line)      # a line cut short by a crash is skipped
                manifest.entries[record["key"]] = record["entry"]
        manifest.entries = {key: entry for key, entry in names.valid_data(manifest.entries).items()
                            if trusted_entry(entry)}
        return manifest

    def record(self, key: str, entry: dict) -> None:
        line = json.dumps({"key": key, "entry": entry}, ensure_ascii=False) + "\n"
        outfolder.append_line(self.journal, line)
        self.entries[key] = entry

    def compact(self) -> None:
        outfolder.replace_text(self.path, json.dumps({"version": 1, "entries": self.entries},
                                                     indent=1, ensure_ascii=False))
        with contextlib.suppress(OSError):
            self.journal.unlink()

    def known_keys(self, key: str) -> dict[str, str]:
        """Format → cache key of this source's outputs that are still on disk."""
        entry = self.entries.get(key) or {}
        outputs, keys = entry.get("outputs", {}), entry.get("keys", {})
        outdir = self.path.parent
        return {fmt: k for fmt, k in keys.items()
                if fmt in outputs and (outdir / outputs[fmt]).exists()}

    def stem_for(self, key: str, title: str, extensions: Iterable[str]) -> str:
        """This source's old stem, or a new one from its title that no other source owns."""
        if key in self.entries and self.entries[key].get("stem"):
            return self.entries[key]["stem"]
        taken = {e.get("stem") for k, e in self.entries.items() if k != key}
        base = names.slugify(title)
        outdir = self.path.parent
        exts = list(extensions)
        for n in range(1, 10_000):
            stem = base if n == 1 else names.with_suffix_number(base, n)
            if stem not in taken and not any((outdir / f"{stem}{e}").exists() for e in exts):
                return stem
        raise ClearreadError(f"no free file name for {title!r}")


def trusted_entry(entry: object) -> bool:
    """A manifest entry this run may act on: its stem and every output a plain name inside the
    output folder (a tampered manifest must never make a run write or read elsewhere)."""
    if not isinstance(entry, dict) or not outfolder.is_plain_name(entry.get("stem")):
        return False
    outputs = entry.get("outputs", {})
    return (isinstance(outputs, dict) and all(map(outfolder.is_plain_name, outputs.values()))
            and isinstance(entry.get("meta", {}), dict)
            and valid_durations(entry.get("durations", {}))
            and isinstance(entry.get("keys", {}), dict)
            and isinstance(entry.get("words", 0), int))


def valid_durations(durations: object) -> bool:
    """Running times as the audio writers recorded them: format → seconds."""
    return isinstance(durations, dict) and all(
        isinstance(s, int | float) and not isinstance(s, bool) for s in durations.values())


# --- running -------------------------------------------------------------------------------------


@dataclass
class Summary:
    results: list[ItemResult] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)       # sources that expanded to nothing
    interrupted: bool = False

    @property
    def failed(self) -> list[str]:
        return self.errors + [r.error for r in self.results if r.status == "failed"]

    def count(self, status: str) -> int:
        return sum(1 for r in self.results if r.status == status)


@dataclass(frozen=True)
class BatchOptions:
    outdir: Path
    formats: tuple[str, ...]
    options: writers.WriteOptions
    jobs: int = 0
    force: bool = False
    kind: str = "auto"
    log_json: Path | None = None
    executor: str = "local"
    scheduler: str | None = None
    base_url: str = ""


Reporter = Callable[[str, ItemResult | None], None]


def make_jobs(sources: list[str], opts: BatchOptions, manifest: Manifest) -> list[Job]:
    jobs = []
    for source in sources:
        data = readers.stdin_bytes() if source == "-" else None
        known = {} if opts.force else manifest.known_keys(source_key(source))
        jobs.append(Job(source, str(opts.outdir), opts.formats, opts.options, opts.kind,
                        data, known))
    return jobs


def finish(result: ItemResult, manifest: Manifest, opts: BatchOptions) -> None:
    """Move a converted item's temp files to their final names and record them."""
    if result.status != "converted":
        return
    key = source_key(result.source)
    result.meta = names.valid_data(result.meta)
    exts = [writers.FORMATS[f].extension for f in opts.formats]
    stem = manifest.stem_for(key, result.meta.get("title") or Path(result.source).stem, exts)
    outputs = {}
    for fmt, tmp in result.temp_outputs.items():
        final = f"{stem}{writers.FORMATS[fmt].extension}"
        os.replace(tmp, opts.outdir / final)
        outputs[fmt] = final
    result.temp_outputs = {}
    entry = manifest.entries.get(key, {})
    outputs = {**entry.get("outputs", {}), **outputs}
    durations = {**entry.get("durations", {}), **result.durations}
    keys = {**entry.get("keys", {}), **result.keys}
    manifest.record(key, {"keys": keys, "stem": stem, "outputs": outputs,
                          "meta": result.meta, "words": result.words, "durations": durations,
                          "converted": time.strftime("%Y-%m-%dT%H:%M:%S")})
    result.meta["outputs"] = outputs


def settle(result: ItemResult, manifest: Manifest, opts: BatchOptions) -> None:
    """``finish`` an item, turning any failure to place or record its files into a failed
    result: one item's bookkeeping never stops the batch."""
    try:
        finish(result, manifest, opts)
    except Exception as exc:
        discard(result.temp_outputs)
        result.temp_outputs = {}
        reason = str(exc) if isinstance(exc, OSError | ClearreadError) else \
            f"cannot record its outputs ({type(exc).__name__}: {exc})"
        result.status, result.error = "failed", f"{result.source}: {reason}"


def remove_temp_files(outdir: Path) -> None:
    for path in outdir.glob(f".*{TEMP_MARK}*"):
        with contextlib.suppress(OSError):
            path.unlink()


def run_local(jobs: list[Job], workers: int, scheduler: str | None = None,
              steps: pool.Steps | None = None) -> Iterator[ItemResult]:
    """Results as they finish; a pool of worker processes, or in-process for one worker."""
    if workers <= 1 or len(jobs) <= 1:
        for job in jobs:
            yield pool.convert_reporting(job, steps) if steps else convert(job)
        return
    yield from pool.results(jobs, workers, steps)


def run_dask(jobs: list[Job], workers: int, scheduler: str | None = None,
             steps: pool.Steps | None = None) -> Iterator[ItemResult]:
    """Results from an existing dask.distributed cluster (its workers must see the output
    folder, e.g. on a shared file system)."""
    try:
        from distributed import Client, as_completed
    except ImportError as exc:
        raise ClearreadError("the dask executor needs: pip install 'clearread[dask]'") from exc
    if not scheduler:
        raise ClearreadError("--executor dask needs --scheduler ADDRESS")
    try:
        client = Client(scheduler, timeout="10s")
    except (OSError, TimeoutError) as exc:
        raise ClearreadError(f"cannot reach dask scheduler {scheduler} ({exc})") from exc
    with client:
        futures = client.map(convert, jobs, pure=False)
        try:
            for future in as_completed(futures):
                yield future.result()
        finally:
            client.cancel(futures)


EXECUTORS: dict[str, Callable[..., Iterator[ItemResult]]] = {"local": run_local,
                                                              "dask": run_dask}


class Interrupts:
    """Ctrl-C and ``kill`` (SIGTERM) handling: interrupt at once, except while an item's files
    are being moved into place and recorded — then finish that step first, so outputs and
    manifest agree; either way the workers are stopped and temp files removed."""

    SIGNALS = (signal.SIGINT, signal.SIGTERM)

    def __init__(self) -> None:
        self.requested = False
        self.critical = False

    def __enter__(self) -> Interrupts:
        self.previous = {sig: signal.signal(sig, self.handle) for sig in self.SIGNALS}
        return self

    def __exit__(self, *exc: object) -> None:
        for sig, handler in self.previous.items():
            signal.signal(sig, handler)

    def handle(self, signum: int, frame: object) -> None:
        self.requested = True
        if not self.critical:
            raise KeyboardInterrupt

    @contextlib.contextmanager
    def protect(self) -> Iterator[None]:
        self.critical = True
        try:
            yield
        finally:
            self.critical = False
        if self.requested:
            raise KeyboardInterrupt


def start(sources: list[str], opts: BatchOptions, report: Reporter,
          recursive: bool) -> tuple[Summary, list[str]]:
    """Create the output folder and expand the sources, reporting those that give nothing."""
    opts.outdir.mkdir(parents=True, exist_ok=True)
    summary = Summary()
    expanded, summary.errors = expand(sources, recursive)
    for error in summary.errors:
        report("failed", ItemResult(source=error, error=error))
    return summary, expanded


def run(sources: list[str], opts: BatchOptions, report: Reporter,
        recursive: bool = False, steps: pool.Steps | None = None) -> Summary:
    """Convert every source into the output folder, holding the folder's lock throughout."""
    with outfolder.locked(opts.outdir):
        return convert_all(sources, opts, report, recursive, steps)


def convert_all(sources: list[str], opts: BatchOptions, report: Reporter,
                recursive: bool = False, steps: pool.Steps | None = None) -> Summary:
    summary, expanded = start(sources, opts, report, recursive)
    manifest = Manifest.load(opts.outdir)
    return convert_jobs(make_jobs(expanded, opts, manifest), summary, manifest, opts, report, steps)


def convert_jobs(jobs: list[Job], summary: Summary, manifest: Manifest, opts: BatchOptions,
                 report: Reporter, steps: pool.Steps | None = None) -> Summary:
    """Run the jobs, placing and recording each item as it finishes; then the manifest and
    the library are brought up to date."""
    report("start", ItemResult(source=str(len(jobs))))
    workers = opts.jobs or os.cpu_count() or 1
    executor = EXECUTORS[opts.executor]
    log = opts.log_json.open("a", encoding="utf-8") if opts.log_json else None
    try:
        with Interrupts() as interrupts:
            for result in executor(jobs, min(workers, max(1, len(jobs))), opts.scheduler, steps):
                with interrupts.protect():
                    settle(result, manifest, opts)
                    summary.results.append(result)
                report(result.status, result)
                if log:
                    log.write(json.dumps(log_record(result), ensure_ascii=False) + "\n")
                    log.flush()
    except KeyboardInterrupt:
        summary.interrupted = True
    finally:
        remove_temp_files(opts.outdir)
        closing_step(summary, opts.outdir / MANIFEST, manifest.compact)
        if log:
            log.close()
    closing_step(summary, opts.outdir / "index.html", partial(write_library, opts, manifest))
    return summary


def closing_step(summary: Summary, target: Path, step: Callable[[], None]) -> None:
    """Run a step that rewrites the folder's own files; when it fails (a full disk) it becomes
    one line among the failures instead of losing every item's result (the journal keeps
    the items for the next run)."""
    try:
        step()
    except OSError as exc:
        summary.errors.append(f"{target}: cannot write ({exc.strerror or exc})")


def write_library(opts: BatchOptions, manifest: Manifest) -> None:
    """Refresh index.html (and feed.xml when there is audio) from the manifest."""
    from clearread import library

    entries = library.entries_from_manifest(manifest.entries, opts.outdir)
    if not any(library.READING_FORMATS & set(e.outputs) for e in entries):
        return      # only inspection formats (txt, md, json): no library to browse
    pages = {"index.html": library.render_index(entries, opts.options)}
    if any("mp3" in e.outputs for e in entries):
        pages["feed.xml"] = library.render_feed(entries, opts.base_url)
    for name, text in pages.items():
        outfolder.replace_text(opts.outdir / name, text)


def log_record(result: ItemResult) -> dict:
    record = asdict(result)
    record.pop("temp_outputs")
    record["outputs"] = record["meta"].pop("outputs", {})
    record["source"] = names.path_text(result.source)
    return names.valid_data(record)


def run_bundle(sources: list[str], opts: BatchOptions, report: Reporter,
               recursive: bool = False) -> Summary:
    """Every source into one file per bundle-capable format (EPUB, audio); formats that cannot
    hold several articles are then written per article as usual."""
    with outfolder.locked(opts.outdir):
        return bundle_all(sources, opts, report, recursive)


def bundle_all(sources: list[str], opts: BatchOptions, report: Reporter,
               recursive: bool = False) -> Summary:
    bundled = tuple(f for f in opts.formats if writers.supports_bundle(writers.FORMATS[f]))
    per_article = tuple(f for f in opts.formats if f not in bundled)
    summary, expanded = start(sources, opts, report, recursive)
    report("start", ItemResult(source=str(len(expanded))))
    docs, read = [], []
    try:
        for job in make_jobs(expanded, replace(opts, force=True), Manifest(opts.outdir / MANIFEST)):
            job, doc, result = read_document(job)
            if doc is not None:
                docs.append(doc)
                read.append(job)
            summary.results.append(result)
            report(result.status, result)
        if docs and bundled:
            stem = names.bundle_stem(opts.options.bundle_title or "")
            write_bundles(docs, bundled, opts, stem)
    except KeyboardInterrupt:
        summary.interrupted = True
    finally:
        remove_temp_files(opts.outdir)
    if per_article and not summary.interrupted:
        summary = convert_read(read, summary, replace(opts, formats=per_article), report)
    return summary


def convert_read(read: list[Job], summary: Summary, opts: BatchOptions,
                 report: Reporter) -> Summary:
    """The per-article formats of a bundle's sources from the bytes the bundle read, so each
    source is read once (a pipe or a page served once cannot be read again); the sources it
    could not read stay failed."""
    manifest = Manifest.load(opts.outdir)
    fresh = make_jobs([job.source for job in read], opts, manifest)
    jobs = [replace(job, data=done.data, charset=done.charset, url=done.url)
            for job, done in zip(fresh, read, strict=True)]
    failed = [result for result in summary.results if result.status == "failed"]
    return convert_jobs(jobs, Summary(results=failed, errors=summary.errors), manifest, opts,
                        report)


def write_bundles(docs: list, formats: tuple[str, ...], opts: BatchOptions, stem: str) -> None:
    for name in formats:
        fmt = writers.FORMATS[name]
        write = partial(writers.write_bundle, docs, fmt=fmt, options=opts.options)
        tmp, _ = write_temp(write, opts.outdir, fmt)
        os.replace(tmp, opts.outdir / f"{stem}{fmt.extension}")
