"""Command line: parse arguments, call the pipeline or batch runner, report, set the exit code.

Exit codes: 0 everything converted, 1 some inputs failed (the rest are still written),
2 usage error. Expected failures print one line on stderr, never a traceback.
"""

from __future__ import annotations

import dataclasses
import os
import sys
import typing
from collections.abc import Callable
from inspect import Parameter, Signature, signature
from typing import Annotated, Any

import typer

from clearread import __version__, options
from clearread.errors import ClearreadError
from clearread.model import ModelError

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="Turn web articles into large-print HTML, EPUB and spoken audio.",
)

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def fail(message: str, code: int = EXIT_FAILED) -> typer.Exit:
    typer.echo(f"clearread: error: {message}", err=True)
    return typer.Exit(code)


def allow_private_urls(allowed: bool) -> None:
    """Opt in for this run; worker processes inherit the environment."""
    if allowed:
        from clearread.readers.fetch import ALLOW_PRIVATE_ENV

        os.environ[ALLOW_PRIVATE_ENV] = "1"


def cli_option(record: type, name: str) -> object:
    """A record field as a typer option: flags, type, default and help from its Spec, with the
    allowed values in the help. Checking stays with ``options.validate`` (one-line errors)."""
    f = options.field_of(record, name)
    spec = options.spec_of(f)
    kind = spec.cli_type or typing.get_type_hints(record)[name]
    return Annotated[kind | None if spec.parse else kind, typer.Option(
        options.flag(f), *spec.flags, help=cli_help(spec),
        show_default=f.default is not None and not spec.parse)]


def cli_help(spec: options.Spec) -> str:
    """The option's help with its allowed values; brackets escaped from rich markup."""
    text = f"{spec.help} ({spec.allowed()})" if spec.allowed() else spec.help
    return text.replace("[", "\\[")


def every_option(records: tuple[type, ...]) -> list[tuple[type, str]]:
    return [(record, f.name) for record in records for f in dataclasses.fields(record)]


def with_options(command: Callable[..., None], chosen: list[tuple[type, str]]
                 ) -> Callable[..., None]:
    """``command`` with the chosen record fields added to its signature, for typer to read;
    a field that parses text defaults to None, meaning the record's default."""
    def parameter(record: type, name: str) -> Parameter:
        f = options.field_of(record, name)
        return Parameter(name, Parameter.KEYWORD_ONLY, annotation=cli_option(record, name),
                         default=None if options.spec_of(f).parse else f.default)

    own = list(signature(command).parameters.values())[:-1]    # all but **given
    command.__signature__ = Signature([*own, *(parameter(*ref) for ref in chosen)])
    return command


def records_from(given: dict[str, Any]) -> tuple[Any, ...]:
    """Page, audio and run options from the command line, each validated (usage error: exit 2)."""
    try:
        return tuple(options.from_cli(record, given) for record in options.RECORDS)
    except ClearreadError as exc:
        raise fail(str(exc), EXIT_USAGE) from None


def convert(
    sources: Annotated[list[str], typer.Argument(
        help="Files, folders, globs, URLs, '-' for stdin, or @list.txt (one source a line).",
        show_default=False)],
    **given: Any,
) -> None:
    """Convert articles into the chosen formats in the output folder.

    URLs: http(s) only, 20 s and 10 MB a page, 5 redirects, public addresses only.

    One run at a time per output folder: a second run into a busy folder stops at once with one
    line (exit 1). Files and stdin: 64 MB each. Folders and globs never leave the folder through
    links. A worker that dies fails only its own item. Articles never take the names index or
    feed; bundles are written as TITLE.bundle.epub / .mp3.
    """
    from clearread import batch, report

    page, audio, run = records_from(given)
    allow_private_urls(run.allow_private_urls)
    opts = batch.BatchOptions(
        outdir=run.output, formats=run.formats,
        options=options.WriteOptions.of(page, audio, run.bundle), jobs=run.jobs,
        force=run.force, kind=run.kind, log_json=run.log_json, executor=run.executor,
        scheduler=run.scheduler, base_url=run.base_url)
    reporter = report.Reporter(quiet=run.quiet)
    try:
        with reporter:
            if run.bundle:
                summary = batch.run_bundle(sources, opts, reporter.item, recursive=run.recursive)
            else:
                summary = batch.run(sources, opts, reporter.item, recursive=run.recursive,
                                    steps=reporter.step)
    except (ClearreadError, OSError) as exc:
        raise fail(str(exc)) from None
    reporter.summary(summary, run.output)
    if summary.interrupted:
        raise typer.Exit(130)
    raise typer.Exit(EXIT_FAILED if summary.failed else EXIT_OK)


app.command()(with_options(convert, every_option(options.RECORDS)))


INSPECT_FORMATS = ("json", "md", "txt", "speech")


def render_inspect(doc: object, to: str, write_options: options.WriteOptions) -> str:
    """The document as text: a plain format, or one line per spoken segment."""
    if to != "speech":
        from clearread.writers import text_formats

        return text_formats.render(doc, to)
    from clearread.speech.script import preview
    from clearread.writers import audio

    return preview(audio.spoken(doc, write_options))


def inspect(
    source: Annotated[str, typer.Argument(help="A file, URL or '-' for stdin.")],
    to: Annotated[str, typer.Option(
        "--to", help="json, md, txt, or speech (the exact text the speech engine is given).")
    ] = "json",
    show_removed: Annotated[bool, typer.Option(
        "--show-removed", help="Also list what cleaning dropped, and which rule dropped it.")
    ] = False,
    **given: Any,
) -> None:
    """Print the cleaned document model of one source, or what will be spoken."""
    from clearread import pipeline

    if to not in INSPECT_FORMATS:
        raise fail(f"unknown --to {to!r} (use {', '.join(INSPECT_FORMATS)})", EXIT_USAGE)
    page, audio, run = records_from(given)
    allow_private_urls(run.allow_private_urls)
    try:
        doc = pipeline.read(source, kind=run.kind)
        sys.stdout.write(render_inspect(doc, to, options.WriteOptions.of(page, audio)))
    except (ClearreadError, ModelError) as exc:
        raise fail(str(exc)) from None
    if show_removed:
        removed = doc.meta.removed
        typer.echo(f"\n--- removed by cleaning: {len(removed)} ---", err=to == "json")
        for item in removed:
            text = item.text if len(item.text) <= 100 else item.text[:97] + "..."
            typer.echo(f"[{item.rule}] {text}", err=to == "json")


INSPECT_OPTIONS = [(options.AudioOptions, "voice"), (options.AudioOptions, "lexicon"),
                   (options.RunOptions, "kind"), (options.RunOptions, "allow_private_urls")]
app.command()(with_options(inspect, INSPECT_OPTIONS))


@app.command()
def voices(
    lang: Annotated[str | None, typer.Option(help="Only voices for this language, e.g. en.")
                    ] = None,
) -> None:
    """List voice profiles, the installed espeak-ng voices and the Piper voices found."""
    from clearread.speech import voices as voice_profiles
    from clearread.speech.engines import piper_voices
    from clearread.speech.engines.espeak import list_voices

    def wanted(language: str) -> bool:
        return not lang or language.lower().split("-")[0] == lang.lower().split("-")[0]

    try:
        profiles = [p for p in voice_profiles.profiles().values() if wanted(p.language)]
        installed = [v for v in list_voices() if wanted(v.language)]
    except ClearreadError as exc:
        raise fail(str(exc)) from None
    neural = [v for v in piper_voices.installed() if wanted(v.language)]
    typer.echo("Voice profiles (--voice NAME):")
    for p in sorted(profiles, key=lambda p: (p.language, p.name)):
        mark = " (default)" if p.default else ""
        mark += "" if voice_profiles.ready(p) else " (not installed: see the profile's file)"
        typer.echo(f"  {p.name:<12} {p.language:<6} {p.rate:>3} wpm  {p.description}{mark}")
    typer.echo(f"\nInstalled espeak-ng voices ({len(installed)}; --voice ID also works):")
    for v in installed:
        typer.echo(f"  {v.id:<22} {v.language:<16} {v.name}")
    places = ", ".join(map(str, piper_voices.voice_dirs()))
    typer.echo(f"\nPiper voices in {places} ({len(neural)}; --engine piper --voice-model PATH):")
    for n in neural:
        typer.echo(f"  {n.name:<28} {n.language:<8} {n.quality:<8} {n.model}")


def version_callback(value: bool) -> None:
    if value:
        typer.echo(f"clearread {__version__}")
        raise typer.Exit()


@app.callback()
def common(
    version: Annotated[bool, typer.Option("--version", callback=version_callback,
                                          is_eager=True, help="Show the version.")] = False,
) -> None:
    """Turn web articles into large-print HTML, EPUB and spoken audio."""


def main() -> None:
    """Console entry point: expected errors become one line; Ctrl-C exits quietly."""
    try:
        app(prog_name="clearread")
    except KeyboardInterrupt:
        typer.echo("clearread: interrupted", err=True)
        sys.exit(130)
    except (ClearreadError, ModelError) as exc:
        typer.echo(f"clearread: error: {exc}", err=True)
        sys.exit(EXIT_FAILED)
    except BrokenPipeError:
        os._exit(EXIT_OK)
    except Exception as exc:
        if os.environ.get("CLEARREAD_DEBUG"):
            raise
        typer.echo(f"clearread: internal error: {type(exc).__name__}: {exc} "
                   "(set CLEARREAD_DEBUG=1 for details)", err=True)
        sys.exit(EXIT_FAILED)
