"""The option records are the one source of ranges, choices and help: the CLI is generated from
them, a bad value stops the run before any work (exit 2, one line), and each output's cache key
reads only the records its writer uses."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
import typer.main
from cli_run import clearread

from clearread import batch, cli, options
from clearread.options import AudioOptions, PageOptions, RunOptions, WriteOptions
from clearread.speech import voices
from clearread.writers import audio

ARTICLE = "Title\n\nA short article to read aloud. It has two sentences.\n"


def assert_usage_error(proc: object, *needles: str) -> None:
    """Exit 2 and exactly one stderr line naming the option and what it allows."""
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and all(n in lines[0] for n in needles), proc.stderr


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_unknown_theme_stops_before_any_work_even_without_html(article: Path, tmp_path: Path
                                                               ) -> None:
    out = tmp_path / "out"
    proc = clearread("convert", str(article), "-o", str(out), "-f", "epub", "--theme", "neon")
    assert_usage_error(proc, "--theme", "'neon'", "light, dark, cream, contrast, auto")
    assert not out.exists()


def test_bitrate_the_mp3_writer_cannot_carry_is_a_usage_error(article: Path, tmp_path: Path
                                                              ) -> None:
    out = tmp_path / "out"
    proc = clearread("convert", str(article), "-o", str(out), "-f", "mp3", "--bitrate", "192")
    assert_usage_error(proc, "--bitrate", "192", "160")
    assert not out.exists()


def test_every_offered_bitrate_is_one_the_mp3_writer_encodes() -> None:
    assert set(options.MP3_KBPS) <= set(audio.MPEG2_KBPS[1:])


@pytest.mark.parametrize(("flag", "value"), [("--font-size", "12"), ("--font-size", "65"),
                                             ("--rate", "79"), ("--rate", "451"),
                                             ("--jobs", "-1"), ("--font", "comic")])
def test_out_of_range_values_are_one_line_usage_errors(flag: str, value: str, tmp_path: Path
                                                       ) -> None:
    proc = clearread("convert", "x.txt", "-o", str(tmp_path / "out"), flag, value)
    assert_usage_error(proc, flag, value)


def test_writers_and_speech_use_the_same_ranges_as_the_cli() -> None:
    from clearread.errors import ClearreadError
    from clearread.writers import html

    with pytest.raises(ClearreadError, match="--font-size"):
        html._check_options(WriteOptions(font_size=12))
    html._check_options(WriteOptions(font_size=64))
    with pytest.raises(ClearreadError):
        voices.check_rate(451)
    assert voices.check_rate(450) == 450


def every_field() -> list[tuple[type, dataclasses.Field]]:
    return [(r, f) for r in options.RECORDS for f in dataclasses.fields(r)]


@pytest.mark.parametrize(("record", "field"), every_field(),
                         ids=[f.name for _, f in every_field()])
def test_cli_option_is_the_record_field(record: type, field: dataclasses.Field) -> None:
    """Flags, help (with the allowed values) and default come from the record's field."""
    command = typer.main.get_command(cli.app).commands["convert"]
    param = next(p for p in command.params if p.name == field.name)
    spec = options.spec_of(field)
    assert set(param.opts) == {options.flag(field), *spec.flags}
    assert param.help == cli.cli_help(spec)
    assert spec.allowed() in param.help
    assert param.default == (None if spec.parse else field.default)


def test_records_hold_every_default_once() -> None:
    record = options.from_cli(RunOptions, {})
    assert record == RunOptions() and options.from_cli(PageOptions, {}) == PageOptions()
    assert WriteOptions.of(PageOptions(theme="dark"), AudioOptions(rate=100)).page.theme == "dark"


def run_batch(source: Path, out: Path, **changes: object) -> None:
    write = WriteOptions(**changes)
    opts = batch.BatchOptions(outdir=out, formats=("html", "epub", "wav"), options=write, jobs=1)
    summary = batch.run([str(source)], opts, lambda *a: None)
    assert not summary.failed, summary.failed


def snapshot(out: Path) -> dict[str, tuple[int, bytes]]:
    return {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in out.iterdir()
            if not p.name.startswith(".")}


def changed(before: dict, after: dict) -> set[str]:
    return {name for name in after if before.get(name) != after[name]}


def test_each_output_is_remade_only_when_the_options_it_reads_change(article: Path,
                                                                     tmp_path: Path) -> None:
    out = tmp_path / "out"
    run_batch(article, out, theme="light")
    first = snapshot(out)
    run_batch(article, out, theme="light")
    assert changed(first, snapshot(out)) <= {"index.html"}
    run_batch(article, out, theme="dark")           # page options: html and index only
    themed = snapshot(out)
    assert changed(first, themed) == {"title.html", "index.html"}
    run_batch(article, out, theme="dark", voice="slow")  # audio options: the audio only
    assert changed(themed, snapshot(out)) - {"index.html"} == {"title.wav"}
