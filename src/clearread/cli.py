"""Command line: parse arguments, call the pipeline or batch runner, report, set the exit code.

Exit codes: 0 everything converted, 1 some inputs failed (the rest are still written),
2 usage error. Expected failures print one line on stderr, never a traceback.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from clearread import __version__
from clearread.errors import ClearreadError
from clearread.model import ModelError

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="Turn web articles into large-print HTML, EPUB and spoken audio.",
)

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
DEFAULT_FORMATS = "html,epub,mp3"


def fail(message: str, code: int = EXIT_FAILED) -> typer.Exit:
    typer.echo(f"clearread: error: {message}", err=True)
    return typer.Exit(code)


def load_lexicon(path: Path | None) -> object:
    """The user's pronunciation lexicon, or None; a bad file is a usage error."""
    if path is None:
        return None
    from clearread.speech import lexicon

    try:
        return lexicon.load(path)
    except lexicon.LexiconError as exc:
        raise fail(str(exc), EXIT_USAGE) from None


AllowPrivateOption = Annotated[bool, typer.Option(
    "--allow-private-urls", help="Also fetch URLs on this machine or the local network "
    "(loopback, link-local and private addresses are refused by default).")]


def allow_private_urls(allowed: bool) -> None:
    """Opt in for this run; worker processes inherit the environment."""
    if allowed:
        from clearread.readers.fetch import ALLOW_PRIVATE_ENV

        os.environ[ALLOW_PRIVATE_ENV] = "1"


LexiconOption = Annotated[Path | None, typer.Option(
    "--lexicon", help="Pronunciation lexicon (TOML: [en] \"Kyiv\" = \"keev\").",
    show_default=False)]


def parse_formats(value: str) -> tuple[str, ...]:
    from clearread import writers

    try:
        chosen = [writers.resolve(part).name for part in value.split(",") if part.strip()]
    except KeyError as exc:
        raise fail(exc.args[0], EXIT_USAGE) from None
    if not chosen:
        raise fail("no output format given", EXIT_USAGE)
    return tuple(dict.fromkeys(chosen))


@app.command()
def convert(
    sources: Annotated[list[str], typer.Argument(
        help="Files, folders, globs, URLs, '-' for stdin, or @list.txt (one source a line).",
        show_default=False)],
    output: Annotated[Path, typer.Option("-o", "--output", help="Output folder.")] = Path("out"),
    formats: Annotated[str, typer.Option(
        "-f", "--formats", help="Comma-separated: html, epub, mp3 (audio), wav, txt, md, json.")
    ] = DEFAULT_FORMATS,
    theme: Annotated[str, typer.Option(help="light, dark, cream, contrast or auto.")] = "auto",
    font_size: Annotated[int, typer.Option("--font-size", min=16, max=64,
                                           help="Body text size in CSS px.")] = 24,
    font: Annotated[str, typer.Option(help="atkinson (embedded) or system.")] = "atkinson",
    voice: Annotated[str | None, typer.Option(help="Voice profile (see `clearread voices`).")
                     ] = None,
    rate: Annotated[int | None, typer.Option(min=80, max=450, help="Speech rate, words a minute.")
                    ] = None,
    bitrate: Annotated[int, typer.Option(min=32, max=320, help="MP3 bitrate, kbps.")] = 64,
    lexicon: LexiconOption = None,
    bundle: Annotated[str | None, typer.Option(
        help="Put every article into one EPUB / audio book with this title.")] = None,
    jobs: Annotated[int, typer.Option("-j", "--jobs", min=0,
                                      help="Worker processes (0: one per core).")] = 0,
    recursive: Annotated[bool, typer.Option("--recursive", "-r",
                                            help="Look into sub-folders.")] = False,
    force: Annotated[bool, typer.Option(help="Convert again even when unchanged.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Only errors and summary.")
                     ] = False,
    log_json: Annotated[Path | None, typer.Option(
        "--log-json", help="Append one JSON record per item to this file.")] = None,
    kind: Annotated[str, typer.Option(help="Input kind: auto, html or text.")] = "auto",
    executor: Annotated[str, typer.Option(help="local (worker processes) or dask.")] = "local",
    scheduler: Annotated[str | None, typer.Option(
        help="dask scheduler address, e.g. tcp://10.0.0.5:8786.")] = None,
    base_url: Annotated[str, typer.Option(
        "--base-url", help="Where the output folder is served, for links in feed.xml.")] = "",
    allow_private: AllowPrivateOption = False,
) -> None:
    """Convert articles into the chosen formats in the output folder.

    URLs: http(s) only, 20 s and 10 MB a page, 5 redirects, public addresses only.

    One run at a time per output folder: a second run into a busy folder stops at once with one
    line (exit 1). Files and stdin: 64 MB each. Folders and globs never leave the folder through
    links. A worker that dies fails only its own item. Articles never take the names index or
    feed; bundles are written as TITLE.bundle.epub / .mp3.
    """
    from clearread import batch, report
    from clearread.writers import WriteOptions

    allow_private_urls(allow_private)
    chosen = parse_formats(formats)
    if kind not in ("auto", "html", "text"):
        raise fail(f"unknown input kind {kind!r} (use auto, html or text)", EXIT_USAGE)
    if executor not in batch.EXECUTORS:
        raise fail(f"unknown executor {executor!r} (use {', '.join(batch.EXECUTORS)})",
                   EXIT_USAGE)
    options = WriteOptions(theme=theme, font_size=font_size, font=font, voice=voice, rate=rate,
                           bitrate=bitrate, bundle_title=bundle, lexicon=load_lexicon(lexicon))
    try:
        validate_options(options, chosen)
    except ClearreadError as exc:
        raise fail(str(exc), EXIT_USAGE) from None
    opts = batch.BatchOptions(outdir=output, formats=chosen, options=options, jobs=jobs,
                              force=force, kind=kind, log_json=log_json, executor=executor,
                              scheduler=scheduler, base_url=base_url)
    reporter = report.Reporter(quiet=quiet)
    try:
        with reporter:
            if bundle:
                summary = batch.run_bundle(sources, opts, reporter.item, recursive=recursive)
            else:
                summary = batch.run(sources, opts, reporter.item, recursive=recursive,
                                    steps=reporter.step)
    except (ClearreadError, OSError) as exc:
        raise fail(str(exc)) from None
    reporter.summary(summary, output)
    if summary.interrupted:
        raise typer.Exit(130)
    raise typer.Exit(EXIT_FAILED if summary.failed else EXIT_OK)


def validate_options(options: object, formats: tuple[str, ...]) -> None:
    """Check theme and voice up front so a typo fails before any work starts."""
    from clearread.writers.theme import THEMES

    if "html" in formats and options.theme not in THEMES:
        raise ClearreadError(
            f"unknown theme {options.theme!r} (choose from {', '.join(THEMES)})")
    if options.font not in ("atkinson", "system"):
        raise ClearreadError(f"unknown font {options.font!r} (use atkinson or system)")
    if options.voice and {"mp3", "wav"} & set(formats):
        from clearread.speech.voices import by_name

        by_name(options.voice)


INSPECT_FORMATS = ("json", "md", "txt", "speech")


def render_inspect(doc: object, to: str, voice: str | None, lexicon: object) -> str:
    """The document as text: a plain format, or one line per spoken segment."""
    if to != "speech":
        from clearread.writers import text_formats

        return text_formats.render(doc, to)
    from clearread.speech.script import preview
    from clearread.writers import WriteOptions, audio

    return preview(audio.spoken(doc, WriteOptions(voice=voice, lexicon=lexicon)))


@app.command()
def inspect(
    source: Annotated[str, typer.Argument(help="A file, URL or '-' for stdin.")],
    to: Annotated[str, typer.Option(
        "--to", help="json, md, txt, or speech (the exact text the speech engine is given).")
    ] = "json",
    show_removed: Annotated[bool, typer.Option(
        "--show-removed", help="Also list what cleaning dropped, and which rule dropped it.")
    ] = False,
    kind: Annotated[str, typer.Option(help="Input kind: auto, html or text.")] = "auto",
    voice: Annotated[str | None, typer.Option(help="Voice profile, for --to speech.")] = None,
    lexicon: LexiconOption = None,
    allow_private: AllowPrivateOption = False,
) -> None:
    """Print the cleaned document model of one source, or what will be spoken."""
    from clearread import pipeline

    allow_private_urls(allow_private)
    if to not in INSPECT_FORMATS:
        raise fail(f"unknown --to {to!r} (use {', '.join(INSPECT_FORMATS)})", EXIT_USAGE)
    user_lexicon = load_lexicon(lexicon)
    try:
        if voice:
            from clearread.speech.voices import by_name

            by_name(voice)
        doc = pipeline.read(source, kind=kind)
        sys.stdout.write(render_inspect(doc, to, voice, user_lexicon))
    except (ClearreadError, ModelError) as exc:
        raise fail(str(exc)) from None
    if show_removed:
        removed = doc.meta.removed
        typer.echo(f"\n--- removed by cleaning: {len(removed)} ---", err=to == "json")
        for item in removed:
            text = item.text if len(item.text) <= 100 else item.text[:97] + "..."
            typer.echo(f"[{item.rule}] {text}", err=to == "json")


@app.command()
def voices(
    lang: Annotated[str | None, typer.Option(help="Only voices for this language, e.g. en.")
                    ] = None,
) -> None:
    """List voice profiles and the installed espeak-ng voices."""
    from clearread.speech import engine
    from clearread.speech import voices as voice_profiles

    def wanted(language: str) -> bool:
        return not lang or language.lower().split("-")[0] == lang.lower().split("-")[0]

    try:
        profiles = [p for p in voice_profiles.profiles().values() if wanted(p.language)]
        installed = [v for v in engine.list_voices() if wanted(v.language)]
    except ClearreadError as exc:
        raise fail(str(exc)) from None
    typer.echo("Voice profiles (--voice NAME):")
    for p in sorted(profiles, key=lambda p: (p.language, p.name)):
        mark = " (default)" if p.default else ""
        typer.echo(f"  {p.name:<10} {p.language:<6} {p.rate:>3} wpm  {p.description}{mark}")
    typer.echo(f"\nInstalled espeak-ng voices ({len(installed)}; --voice ID also works):")
    for v in installed:
        typer.echo(f"  {v.id:<22} {v.language:<16} {v.name}")


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
