"""The batch against hostile names and a hostile output folder: one item's bookkeeping fails
only that item, reserved and bundle names never overwrite an article, links and tampered
manifests never lead outside the folder, two runs never share a folder."""

from __future__ import annotations

import errno
import io
import json
import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from badcorpus import article_html
from cli_run import clearread

from clearread import batch, names, outfolder, pipeline, writers
from clearread.errors import OutputError
from clearread.writers import WriteOptions

ARTICLE = (Path(__file__).parent / "data" / "tools-article.txt").read_text(encoding="utf-8")
TITLE = "A Quiet Street Learns to Share Its Tools"


def write_article(path: Path, title: str = TITLE) -> Path:
    path.write_text(ARTICLE.replace(TITLE, title), encoding="utf-8")
    return path


def visible(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))


def options(out: Path, formats: tuple[str, ...] = ("txt", "html")) -> batch.BatchOptions:
    return batch.BatchOptions(outdir=out, formats=formats, options=WriteOptions(), jobs=1)


def quiet(*_: object) -> None:
    """A reporter that shows nothing."""


# --- one item's bookkeeping ----------------------------------------------------------------------


def test_undecodable_file_name_converts_with_the_rest(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    write_article(src / "good.txt")
    odd = os.fsdecode(bytes(src) + b"/caf\xe9.txt")
    write_article(Path(odd), "A Loud Street")
    out = tmp_path / "out"
    for _ in range(2):
        proc = clearread("convert", str(src / "good.txt"), odd, "-o", str(out), "-f", "txt,html")
        assert proc.returncode == 0, proc.stderr
    assert "internal error" not in proc.stderr and "2 unchanged" in proc.stderr
    assert len(visible(out)) == 5 and "index.html" in visible(out)
    manifest = json.loads((out / batch.MANIFEST).read_bytes().decode("utf-8"))
    assert any(key.endswith("/caf\\xe9.txt") for key in manifest["entries"])


def test_lone_surrogates_in_metadata_never_reach_the_files(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    real = pipeline.meta_summary

    def broken(doc: object) -> dict:
        meta = real(doc)
        if "Loud" in meta["title"]:
            meta.update(title=meta["title"] + "\ud800", authors=["Ada \udce9"])
        return meta

    monkeypatch.setattr(pipeline, "meta_summary", broken)
    sources = [str(write_article(tmp_path / "a.txt")),
               str(write_article(tmp_path / "b.txt", "A Loud Street"))]
    out = tmp_path / "out"
    summary = batch.run(sources, options(out), quiet)
    assert summary.count("converted") == 2, summary.failed
    again = batch.run(sources, options(out), quiet)
    assert again.count("unchanged") == 2
    assert len(visible(out)) == 5
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "A Loud Street\ufffd" in index and "Ada \ufffd" in index


def test_a_bookkeeping_failure_fails_that_item_only(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    real = names.slugify

    def fragile(title: str, fallback: str = "article") -> str:
        if "Loud" in title:
            raise RuntimeError("cannot name it")
        return real(title, fallback)

    monkeypatch.setattr(names, "slugify", fragile)
    sources = [str(write_article(tmp_path / "a.txt")),
               str(write_article(tmp_path / "b.txt", "A Loud Street"))]
    summary = batch.run(sources, options(tmp_path / "out"), quiet)
    assert summary.count("converted") == 1
    (error,) = summary.failed
    assert error.startswith(sources[1]) and "cannot name it" in error and "\n" not in error
    assert "index.html" in visible(tmp_path / "out")
    assert not [p for p in (tmp_path / "out").iterdir() if ".tmp-" in p.name]


def test_log_records_are_valid_unicode() -> None:
    result = pipeline.ItemResult(source="caf\udce9.txt", error="caf\udce9.txt: empty input",
                                 meta={"title": "x\ud800"})
    record = batch.log_record(result)
    json.dumps(record, ensure_ascii=False).encode("utf-8")
    assert record["source"] == "caf\\xe9.txt"


# --- names of their own --------------------------------------------------------------------------


def test_an_article_called_index_keeps_its_page(tmp_path: Path) -> None:
    out = tmp_path / "out"
    source = tmp_path / "a.html"
    source.write_text(article_html(title="Index"), encoding="utf-8")
    summary = batch.run([str(source)], options(out), quiet)
    assert summary.count("converted") == 1
    assert visible(out) == ["index-article.html", "index-article.txt", "index.html"]
    assert "<h2>Index</h2>" in (out / "index.html").read_text(encoding="utf-8")


def test_a_bundle_named_like_an_article_never_replaces_it(tmp_path: Path) -> None:
    source = write_article(tmp_path / "a.txt")
    out = tmp_path / "out"
    batch.run([str(source)], options(out, ("epub",)), quiet)
    article = out / f"{names.slugify(TITLE)}.epub"
    before = article.read_bytes()
    bundle = batch.BatchOptions(outdir=out, formats=("epub",), jobs=1,
                                options=WriteOptions(bundle_title=TITLE))
    summary = batch.run_bundle([str(source), str(write_article(tmp_path / "b.txt", "Other"))],
                               bundle, quiet)
    assert not summary.failed
    assert article.read_bytes() == before
    assert (out / f"{names.slugify(TITLE)}.bundle.epub").is_file()


# --- the output folder is not trusted ------------------------------------------------------------


def test_a_linked_journal_is_never_written_through(tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me\n")
    out = tmp_path / "out"
    out.mkdir()
    (out / batch.JOURNAL).symlink_to(victim)
    summary = batch.run([str(write_article(tmp_path / "a.txt"))], options(out), quiet)
    assert summary.count("converted") == 1, summary.failed
    assert victim.read_text() == "keep me\n"
    assert len(batch.Manifest.load(out).entries) == 1


def test_a_tampered_manifest_never_leads_outside_the_folder(tmp_path: Path) -> None:
    source = write_article(tmp_path / "a.txt")
    out = tmp_path / "out"
    out.mkdir()
    (tmp_path / "outside.txt").write_text("mine")
    key = batch.source_key(str(source))
    tampered = {key: {"hash": "x", "stem": "../escape", "outputs": {"txt": "../outside.txt"}},
                "/other": {"hash": "y", "stem": "ok", "outputs": {"txt": "/etc/hostname"}},
                "/odd": {"hash": "z", "stem": "odd", "meta": ["not", "a", "dict"]}}
    (out / batch.MANIFEST).write_text(json.dumps({"version": 1, "entries": tampered}))
    summary = batch.run([str(source)], options(out), quiet)
    assert summary.count("converted") == 1, summary.failed
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "out", "outside.txt"]
    assert (tmp_path / "outside.txt").read_text() == "mine"
    assert set(batch.Manifest.load(out).entries) == {key}


# --- one run per folder; nothing broken is published ---------------------------------------------


def test_a_second_run_fails_at_once_while_the_folder_is_busy(tmp_path: Path) -> None:
    source = write_article(tmp_path / "a.txt")
    out = tmp_path / "out"
    args = ("convert", str(source), "-o", str(out), "-f", "txt")
    with outfolder.locked(out):
        busy = clearread(*args, timeout=60)
    assert busy.returncode == 1
    (line,) = [ln for ln in busy.stderr.splitlines() if "in use" in ln]
    assert f"clearread run {os.getpid()}" in line and "Traceback" not in busy.stderr
    assert visible(out) == []
    assert clearread(*args).returncode == 0
    assert len(visible(out)) == 1


def test_two_runs_at_once_leave_one_consistent_folder(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    sources = [write_article(src / f"a{n:03d}.txt", f"{TITLE} number {n}") for n in range(400)]
    out = tmp_path / "out"
    args = [sys.executable, "-m", "clearread", "convert", str(src), "-o", str(out), "-f", "txt",
            "-j", "2"]
    first = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not (out / outfolder.LOCK).exists() and time.monotonic() < deadline:
        time.sleep(0.02)
    second = subprocess.run(args, capture_output=True, text=True, timeout=60)
    _, stderr = first.communicate(timeout=120)
    assert first.returncode == 0, stderr
    assert second.returncode == 1 and "in use by clearread run" in second.stderr
    assert len(visible(out)) == len(sources)
    entries = batch.Manifest.load(out).entries
    assert {e["outputs"]["txt"] for e in entries.values()} == set(visible(out))
    again = subprocess.run(args, capture_output=True, text=True, timeout=120)
    assert f"{len(sources)} unchanged" in again.stderr


@pytest.mark.parametrize(("fmt", "content", "reason"), [
    ("mp3", b"ID3\x04\x00\x00\x00\x00\x01\x00" + bytes(200) + b"\xff" * 3000, "audio"),
    ("wav", b"RIFF\x24\x00\x00\x00WAVEfmt \x10\x00\x00\x00\x01\x00\x01\x00\x40\x1f\x00\x00"
            b"\x80\x3e\x00\x00\x02\x00\x10\x00data\x00\x00\x00\x00", "no audio"),
    ("epub", "empty-spine", "no pages"),
])
def test_an_output_that_fails_its_check_is_never_published(tmp_path: Path, fmt: str,
                                                           content: bytes | str,
                                                           reason: str) -> None:
    def write(dest: Path) -> None:
        if content == "empty-spine":
            with zipfile.ZipFile(dest, "w") as book:
                book.writestr("mimetype", "application/epub+zip")
                book.writestr("META-INF/container.xml",
                              '<container><rootfiles><rootfile full-path="content.opf"/>'
                              "</rootfiles></container>")
                book.writestr("content.opf", "<package><manifest/><spine/></package>")
        else:
            dest.write_bytes(content)

    with pytest.raises(OutputError, match=reason):
        pipeline.write_temp(write, tmp_path, writers.FORMATS[fmt])
    assert list(tmp_path.iterdir()) == []


# --- a full disk ---------------------------------------------------------------------------------


class FullDisk:
    """A file whose write stops half-way with ENOSPC, as on a full disk."""

    def __init__(self, fh: io.TextIOWrapper) -> None:
        self.fh = fh

    def __enter__(self) -> FullDisk:
        return self

    def __exit__(self, *exc: object) -> None:
        self.fh.close()

    def write(self, text: str) -> None:
        self.fh.write(text[:len(text) // 2])
        self.fh.flush()
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


@pytest.mark.parametrize("name", ["index.html", batch.MANIFEST])
def test_a_full_disk_keeps_every_result_and_no_temp_file(tmp_path: Path, name: str,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    def filling(fd: int, mode: str = "r", **kwargs: object) -> object:
        fh = open(fd, mode, **kwargs)  # noqa: SIM115
        return FullDisk(fh) if f".{name}.tmp-" in os.readlink(f"/proc/self/fd/{fd}") else fh

    monkeypatch.setattr(outfolder, "open", filling, raising=False)
    sources = [str(write_article(tmp_path / "a.txt")),
               str(write_article(tmp_path / "b.txt", "A Loud Street"))]
    out = tmp_path / "out"
    summary = batch.run(sources, options(out), quiet)
    assert summary.count("converted") == 2
    assert summary.failed == [f"{out / name}: cannot write (No space left on device)"]
    assert not [p.name for p in out.iterdir() if ".tmp-" in p.name]
    monkeypatch.undo()
    assert batch.run(sources, options(out), quiet).count("unchanged") == 2
    assert (out / "index.html").is_file() and not (out / batch.JOURNAL).exists()
