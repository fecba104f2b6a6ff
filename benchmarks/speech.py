"""How often speech says a news sentence the way a newsreader would, per rule class.

    .venv/bin/python benchmarks/speech.py [--lang en] [--wrong]

The sentences live in ``tests/data/speech/<lang>.tsv`` (class, written text, spoken form), made
from what public style guides say about reading numbers, dates, money, units and abbreviations.
A sentence counts as right for us when our normalised text has the expected words (case,
punctuation and hyphens aside) or sounds the same to espeak-ng (same phonemes). It counts as
right for plain espeak-ng when the engine's phonemes for the raw text equal its phonemes for
the expected words. The two must never disagree in espeak's favour.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from clearread.speech.engines.espeak import phonemes  # noqa: E402
from clearread.speech.normalise import normalise  # noqa: E402
from clearread.speech.voices import for_language  # noqa: E402

DATA = ROOT / "tests" / "data" / "speech"
LANGUAGES = ("en", "fr", "de", "es")


@dataclass(frozen=True)
class Verdict:
    language: str
    rule: str
    text: str
    expected: str
    ours: str
    ours_right: bool
    espeak_right: bool


def sentences(language: str) -> list[tuple[str, str, str]]:
    """(class, text, spoken) rows of one language's table."""
    with (DATA / f"{language}.tsv").open(encoding="utf-8", newline="") as f:
        return [(r["class"], r["text"], r["spoken"])
                for r in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)]


def words(text: str) -> str:
    """Text reduced to what is heard: lower case, no punctuation, hyphens as spaces."""
    return " ".join(re.sub(r"[^\w'’ ]+", " ", text.casefold().replace("-", " ")).split())


def judge(language: str, rule: str, text: str, expected: str) -> Verdict:
    voice = for_language(language).espeak
    ours = normalise(text, language)
    target = phonemes(expected, voice)
    ours_right = words(ours) == words(expected) or phonemes(ours, voice) == target
    espeak_right = phonemes(text, voice) == target
    return Verdict(language, rule, text, expected, ours, ours_right, espeak_right)


def verdicts(languages: Iterable[str] = LANGUAGES) -> list[Verdict]:
    return [judge(lang, *row) for lang in languages for row in sentences(lang)]


def table(results: list[Verdict]) -> str:
    """A Markdown table: per language and class, sentences, our share right, espeak's."""
    groups: dict[tuple[str, str], list[Verdict]] = {}
    for v in results:
        groups.setdefault((v.language, v.rule), []).append(v)
    lines = ["| language | class | sentences | clearread | plain espeak-ng |",
             "| --- | --- | ---: | ---: | ---: |"]
    for (lang, rule), group in sorted(groups.items()):
        lines.append(f"| {lang} | {rule} | {len(group)} | {share(group, 'ours')} | "
                     f"{share(group, 'espeak')} |")
    lines.append(f"| all | all | {len(results)} | {share(results, 'ours')} | "
                 f"{share(results, 'espeak')} |")
    return "\n".join(lines)


def share(group: list[Verdict], who: str) -> str:
    right = sum(v.ours_right if who == "ours" else v.espeak_right for v in group)
    return f"{100 * right / len(group):.0f}%"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", action="append", choices=LANGUAGES)
    parser.add_argument("--wrong", action="store_true", help="list the sentences we get wrong")
    args = parser.parse_args()
    results = verdicts(args.lang or LANGUAGES)
    print(table(results))
    if args.wrong:
        for v in results:
            if not v.ours_right:
                flag = "  (espeak right)" if v.espeak_right else ""
                print(f"[{v.language}/{v.rule}] {v.text!r}\n  said:     {v.ours}\n"
                      f"  expected: {v.expected}{flag}")


if __name__ == "__main__":
    main()
