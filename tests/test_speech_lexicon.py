"""Pronunciation lexicons: file format, case rules, whole words, and the inspect preview."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from clearread.model import Document, Metadata, Paragraph, Text
from clearread.speech import engine, lexicon
from clearread.speech.script import preview, script
from clearread.speech.voices import profile_for
from clearread.writers import WriteOptions
from clearread.writers.audio import spoken

LEXICON = """
[all]
"Zürich" = "tsurick"

[en]
"Kyiv" = "keev"
"gif" = "jiff"
"US" = "you ess"
"New York" = "noo york"
"Nguyen" = "[[w'In]]"

[fr-FR]
"Kyiv" = "kiiv"
"""


def say(text: str, language: str = "en") -> str:
    return lexicon.pronouncer((), lexicon.parse(LEXICON), language)(text)


@pytest.mark.parametrize(("text", "said"), [
    ("Kyiv and Kyivan", "keev and Kyivan"),       # whole words only
    ("KYIV, kyiv", "KYIV, kyiv"),                 # a capitalised entry matches its spelling only
    ("gif, Gif and GIF", "jiff, jiff and jiff"),  # a lower-case entry matches any case
    ("the US and us", "the you ess and us"),
    ("New York, New Delhi", "noo york, New Delhi"),
    ("Mr Nguyen", "Mr [[w'In]]"),
    ("Zürich", "tsurick"),
])
def test_english_entries(text: str, said: str) -> None:
    assert say(text) == said


def test_language_tables_and_all() -> None:
    assert say("Kyiv, Zürich", "fr-CA") == "kiiv, tsurick"
    assert say("Kyiv, Zürich", "de") == "Kyiv, tsurick"


def test_user_entries_override_the_voice_profile() -> None:
    say_it = lexicon.pronouncer((("Kyiv", "kiev"), ("Oaxaca", "wahaka")),
                                lexicon.parse(LEXICON), "en")
    assert say_it("Kyiv Oaxaca") == "keev wahaka"


@pytest.mark.parametrize(("text", "message"), [
    ('[en]\n"Kyiv" = ', "not valid TOML"),
    ('"Kyiv" = "keev"', "must be a table"),
    ('[en]\n"Kyiv" = 3', "non-empty string"),
    ('[en]\n"Kyiv" = " "', "non-empty string"),
    ('[en]\n"--" = "dash"', "without a word"),
    ('[en]\n"Kyiv" = "[[k\'i:v"', "phonemes go inside"),
])
def test_bad_files_say_what_is_wrong(text: str, message: str) -> None:
    with pytest.raises(lexicon.LexiconError, match=message):
        lexicon.parse(text, "mine.toml")


def test_lexicon_runs_after_normalisation_and_reaches_the_segments() -> None:
    doc = Document(meta=Metadata(language="en"),
                   blocks=(Paragraph((Text("Kyiv has 2 GIFs. Dr. Nguyen agrees."),)),))
    options = WriteOptions(lexicon=lexicon.parse(LEXICON))
    assert [s.text for s in spoken(doc, options)] == [
        "keev has two GIFs.", "Doctor [[w'In]] agrees."]  # one sentence a segment


def test_voice_profile_pronunciations_are_applied_by_the_script() -> None:
    profile = profile_for("en", name="en-gb")
    assert ("e.g.", "for example") in profile.pronunciations
    doc = Document(meta=Metadata(language="en-GB"), blocks=(Paragraph((Text("Hi."),)),))
    assert [s.text for s in spoken(doc, WriteOptions(voice="en-gb"))] == ["Hi."]


def test_phoneme_entries_are_spoken_as_phonemes() -> None:
    profile = profile_for("en")
    plain = engine.synthesize([engine.Line("Nguyen")], profile).duration
    phon = engine.synthesize([engine.Line("[[w'In]]")], profile).duration
    assert phon > 0.1 and phon != plain


def test_preview_marks_chapters() -> None:
    doc = Document(meta=Metadata(title="Night trains", language="en"),
                   blocks=(Paragraph((Text("They run at 9 pm."),)),))
    assert preview(script(doc)) == "# Night trains\nNight trains\nThey run at nine p m.\n"


def clearread(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "clearread", *args], capture_output=True,
                          text=True, timeout=120)


def test_inspect_to_speech_applies_the_lexicon(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Kyiv trains\n\nThe 2019 report from Kyiv says 2,019 employees left "
                       "their jobs in March. Nobody there expected it, and the ministry "
                       "has promised to publish its own numbers soon.\n")
    lex = tmp_path / "lex.toml"
    lex.write_text('[en]\n"Kyiv" = "keev"\n')
    proc = clearread("inspect", str(article), "--to", "speech", "--lexicon", str(lex))
    assert proc.returncode == 0, proc.stderr
    assert "keev" in proc.stdout and "Kyiv" not in proc.stdout.replace("# Kyiv", "")
    assert "two thousand and nineteen employees" in proc.stdout


@pytest.mark.parametrize("content", ['[en]\n"Kyiv" = 1\n', "not toml ["])
def test_bad_lexicon_is_a_one_line_usage_error(tmp_path: Path, content: str) -> None:
    lex = tmp_path / "lex.toml"
    lex.write_text(content)
    proc = clearread("inspect", "-", "--to", "speech", "--lexicon", str(lex))
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and "lex.toml" in proc.stderr
