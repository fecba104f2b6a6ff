"""The read-aloud EPUB: EPUBCheck and Ace on real books, every overlay checked against its
content document and its audio, and speech recognition on clips cut from the book (with a
book whose clips are shifted by one sentence as the negative control)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import zipfile
from pathlib import Path

import epub_docs
import pytest
from audio_checks import ASR_RATE, decode, recognise, wer
from epubcheck_runner import check
from lxml import etree
from test_writer_audio import article
from test_writer_epub import ACE, CHROMIUM, _example_docs, ace_violations

from clearread.writers import WriteOptions, epub, read_aloud

NS = {"opf": "http://www.idpf.org/2007/opf", "x": "http://www.w3.org/1999/xhtml",
      "s": "http://www.w3.org/ns/SMIL"}
CLOCK = re.compile(r"^(\d+):(\d\d):(\d\d)\.(\d\d\d)$")


def ms(clock: str) -> int:
    h, m, s, f = (int(g) for g in CLOCK.match(clock).groups())
    return ((h * 60 + m) * 60 + s) * 1000 + f


class Book:
    def __init__(self, path: Path) -> None:
        self.zip = zipfile.ZipFile(path)
        self.opf = etree.fromstring(self.zip.read("EPUB/content.opf"))

    def meta(self, prop: str, refines: str | None = None) -> list[str]:
        where = f" and @refines='{refines}'" if refines else " and not(@refines)"
        return self.opf.xpath(f"//opf:meta[@property='{prop}'{where}]/text()", namespaces=NS)

    def xml(self, name: str) -> etree._Element:
        return etree.fromstring(self.zip.read(f"EPUB/{name}"))

    def overlays(self) -> list[tuple[str, str, list[tuple[str, str, int, int]]]]:
        """(smil id, content document, [(text src, audio src, begin ms, end ms)]) in order."""
        items = {i.get("id"): i for i in self.opf.xpath("//opf:item", namespaces=NS)}
        out = []
        for item in items.values():
            if item.get("media-overlay"):
                smil_item = items[item.get("media-overlay")]
                pars = self.xml(smil_item.get("href")).xpath("//s:par", namespaces=NS)
                out.append((smil_item.get("id"), item.get("href"), [
                    (p.find("s:text", NS).get("src"), p.find("s:audio", NS).get("src"),
                     ms(p.find("s:audio", NS).get("clipBegin")),
                     ms(p.find("s:audio", NS).get("clipEnd"))) for p in pars]))
        return out

    def text_of(self, src: str) -> str:
        name, _, anchor = src.partition("#")
        (element,) = self.xml(name).xpath(f"//*[@id='{anchor}']")
        return "".join(element.itertext())

    def audio(self, src: str, folder: Path) -> Path:
        path = folder / Path(src).name
        path.write_bytes(self.zip.read(f"EPUB/{src}"))
        return path


@pytest.fixture(scope="module")
def books(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("read-aloud")
    paths = {"rich": out / "rich.epub", "examples": out / "examples.epub",
             "garden": out / "garden.epub"}
    read_aloud.write(epub_docs.rich(), paths["rich"], WriteOptions())
    read_aloud.write(article(), paths["garden"], WriteOptions())
    read_aloud.write_bundle([d for _, d in _example_docs()], paths["examples"],
                            WriteOptions(bundle_title="Examples"))
    return paths


def test_epubcheck_reports_nothing(books: dict[str, Path]) -> None:
    for path, (counts, output) in check(list(books.values())).items():
        assert counts == (0, 0, 0), f"{path.name}: {counts}\n{output[-3000:]}"


def test_overlays_point_at_real_ids_and_real_audio(books: dict[str, Path], tmp_path: Path
                                                   ) -> None:
    for name, path in books.items():
        book = Book(path)
        overlays = book.overlays()
        assert overlays, name
        total = 0
        for smil_id, _, pars in overlays:
            for src, _, _, _ in pars:
                assert book.text_of(src).strip(), (name, src)     # the id exists and has text
            audio_seconds = {a: len(decode(book.audio(a, tmp_path), 22_050)) / 22_050
                             for a in {p[1] for p in pars}}
            ends = [0]
            for _, audio_src, begin, end in pars:
                assert ends[-1] <= begin < end, (name, begin, end)
                assert end / 1000 <= audio_seconds[audio_src] + 0.01
                ends.append(end)
            length = sum(end - begin for *_, begin, end in pars)
            assert book.meta("media:duration", f"#{smil_id}") == [
                f"{length // 3_600_000}:{length // 60000 % 60:02d}:{length // 1000 % 60:02d}."
                f"{length % 1000:03d}"]
            total += length
        assert ms(book.meta("media:duration")[0]) == total
        assert book.meta("media:active-class") == ["-epub-media-overlay-active"]
        css = book.zip.read("EPUB/style/book.css").decode()
        assert re.search(r"\.-epub-media-overlay-active \{[^}]*background-color", css)
        assert book.meta("media:narrator")
        assert "auditory" in book.meta("schema:accessModeSufficient")
        assert "synchronizedAudioText" in book.meta("schema:accessibilityFeature")


def test_bundle_narrates_every_article(books: dict[str, Path]) -> None:
    overlays = Book(books["examples"]).overlays()
    assert len({audio for _, _, pars in overlays for _, audio, _, _ in pars}) == len(
        _example_docs())


def _clip_wers(book: Book, pars: list, folder: Path, shift: int) -> list[float]:
    """WER of a few sentence clips against the text of the element ``shift`` pars later."""
    samples = decode(book.audio(pars[0][1], folder), ASR_RATE)
    chosen = [i for i, p in enumerate(pars[:-1]) if len(book.text_of(p[0]).split()) >= 10][:3]
    out = []
    for i in chosen:
        _, _, begin, end = pars[i]
        reference = book.text_of(pars[i + shift][0])
        clip = samples[begin * ASR_RATE // 1000: end * ASR_RATE // 1000]
        out.append(wer(reference, recognise(clip, reference)))
    return out


def test_speech_in_each_clip_is_the_text_it_points_to(books: dict[str, Path],
                                                      tmp_path: Path) -> None:
    book = Book(books["garden"])
    ((_, _, pars),) = book.overlays()
    right = _clip_wers(book, pars, tmp_path, 0)
    assert len(right) == 3 and max(right) <= 0.3, right
    # negative control: clips shifted by one sentence do not match their text
    shifted = _clip_wers(book, pars, tmp_path, 1)
    assert min(shifted) > 0.6, shifted


@pytest.mark.skipif(not (ACE.exists() and Path("/usr/bin/chromium").exists()),
                    reason="DAISY Ace needs `npm ci` and Debian chromium")
def test_daisy_ace_finds_no_violations(books: dict[str, Path], tmp_path: Path) -> None:
    env = {**os.environ, "PUPPETEER_EXECUTABLE_PATH": str(CHROMIUM),
           "PUPPETEER_SKIP_DOWNLOAD": "1", "ACE_TIMEOUT_INITIAL": "60000"}
    proc = subprocess.run(["node", str(ACE), "--force", "--silent", "--outdir",
                           str(tmp_path / "ace"), str(books["examples"])], capture_output=True,
                          text=True, timeout=600, env=env)
    report_path = tmp_path / "ace" / "report.json"
    assert report_path.exists(), proc.stdout[-2000:] + proc.stderr[-2000:]
    report = json.loads(report_path.read_text(encoding="utf-8"))
    assert ace_violations(report) == []
    assert report["earl:result"]["earl:outcome"] == "pass"


def test_a_long_article_split_over_several_files_gets_one_overlay_each(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The EPUB splits long articles at top-level headings (here made "long" at 300
    characters): every part gets its own overlay, pointing only into that part, and the parts'
    clips follow each other through the article's one narration."""
    monkeypatch.setattr(epub, "SPLIT_CHARS", 300)
    path = tmp_path / "split.epub"
    read_aloud.write(article(), path, WriteOptions())
    book = Book(path)
    overlays = book.overlays()
    parts = [name for _, name, _ in overlays]
    assert len(parts) >= 3 and len(set(parts)) == len(parts), parts
    (audio_src,) = {a for _, _, pars in overlays for _, a, _, _ in pars}
    audio_seconds = len(decode(book.audio(audio_src, tmp_path), 22_050)) / 22_050
    last_end = 0
    for _, name, pars in overlays:
        for src, _, begin, end in pars:
            assert src.partition("#")[0] == name, (name, src)
            assert book.text_of(src).strip(), src      # the id exists in the file it names
            assert last_end <= begin < end <= audio_seconds * 1000 + 10, (src, begin, end)
            last_end = end
