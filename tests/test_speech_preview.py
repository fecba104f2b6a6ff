"""``inspect --to speech`` shows what the MP3 says: speech recognition on the MP3, scored
against the preview, and against the raw article text for contrast."""

from __future__ import annotations

from pathlib import Path

from audio_checks import ASR_RATE, decode, recognise, wer
from cli_run import clearread

ARTICLE = """Night trains return to the valley

The old line reopened on 3 March 2024 after 40 years. About 1,250 people rode the first
train, which left at 7:30 p.m. and reached the coast at 11 p.m. Tickets cost $40 and the
company expects 2019 passengers a week by June. Dr. Smith, who runs the line, said three
quarters of the seats were sold within a day and that the trains will run 24/7 in summer.

The carriages were built in 1998 and rebuilt in 2023 for about $5 million. Each one is 25 m
long. Kyiv and Paris may follow.
"""


def test_preview_matches_what_the_mp3_says(tmp_path: Path) -> None:
    source = tmp_path / "night-trains.txt"
    source.write_text(ARTICLE)
    lexicon = tmp_path / "words.toml"
    lexicon.write_text('[en]\n"Kyiv" = "keev"\n')
    preview = clearread("inspect", str(source), "--to", "speech", "--lexicon", str(lexicon))
    assert preview.returncode == 0, preview.stderr
    spoken = " ".join(ln for ln in preview.stdout.splitlines() if not ln.startswith("#"))
    assert "twenty twenty-four" in spoken and "keev" in spoken

    made = clearread("convert", str(source), "-f", "mp3", "-o", str(tmp_path / "out"),
                     "--lexicon", str(lexicon), "--quiet")
    assert made.returncode == 0, made.stderr
    mp3 = next((tmp_path / "out").glob("*.mp3"))
    heard = recognise(decode(mp3, ASR_RATE), spoken)
    assert wer(spoken, heard) <= 0.25, heard
    assert wer(ARTICLE, heard) > wer(spoken, heard) + 0.1
