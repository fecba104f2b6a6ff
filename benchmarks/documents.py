"""Plain-text documents by kind, and how much of their text the text reader keeps.

Kinds: our own documents (tests/data/documents, as written and hard-wrapped at 60/72/80
columns), the dev corpus's ground-truth articles written as clean text (a title line, a blank
line, one paragraph a line) and hard-wrapped, and the licence texts a Debian system ships.
Everything derived is built here at run time from its one source; nothing is written to disk.

Recall is word recall in order: the share of the reference's word 4-grams (regex ``\\w+``,
multiset, like the corpus scorer) found in the reader's output.
"""

from __future__ import annotations

import json
import re
import textwrap
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OWN = ROOT / "tests" / "data" / "documents"
DEV_CORPUS = ROOT.parent / "shared" / "corpus" / "extraction-dev"
LICENCES = Path("/usr/share/common-licenses")
WIDTHS = (60, 72, 80)

_WORD = re.compile(r"\w+")
_MARKER = re.compile(r"^(\s*(?:>\s?|[-*•+]\s+|\(?\w{1,3}[.)]\s+))")
_MAIL_FIELD = re.compile(r"^[A-Za-z-]+: ")

#: name → (text, reference): the reference is the text a perfect reading keeps.
Case = tuple[str, str]


def shingles(text: str) -> Counter[tuple[str, ...]]:
    words = _WORD.findall(text)
    if len(words) < 4:
        return Counter([tuple(words)]) if words else Counter()
    return Counter(tuple(words[i:i + 4]) for i in range(len(words) - 3))


def recall(reference: str, output: str) -> float:
    """Share of the reference's word 4-grams that the output holds (1.0 for no reference)."""
    wanted = shingles(reference)
    total = sum(wanted.values())
    return sum((wanted & shingles(output)).values()) / total if total else 1.0


def hard_wrap(text: str, width: int) -> str:
    """``text`` filled to ``width`` columns the way a mail client or editor does it: quote
    marks and list markers carried over, indented lines (code, tables) left alone."""
    out: list[str] = []
    for line in text.splitlines():
        if len(line) <= width or line.startswith("    "):
            out.append(line)
            continue
        marker = _MARKER.match(line)
        lead = marker.group(1) if marker else ""
        follow = lead if lead.strip().startswith(">") else " " * len(lead)
        out.append(textwrap.fill(line[len(lead):], width, initial_indent=lead,
                                 subsequent_indent=follow))
    return "\n".join(out) + "\n"


def own_reference(name: str, text: str) -> str:
    """What must survive of one of our documents: no e-mail header, one copy of a paragraph."""
    paragraphs = text.split("\n\n")
    if paragraphs and all(_MAIL_FIELD.match(line) for line in paragraphs[0].splitlines()):
        paragraphs = paragraphs[1:]
    return "\n\n".join(dict.fromkeys(p.strip() for p in paragraphs))


def own_documents() -> dict[str, Case]:
    return {p.stem: (text, own_reference(p.stem, text))
            for p in sorted(OWN.glob("*.txt")) for text in [p.read_text(encoding="utf-8")]}


def own_wrapped() -> dict[str, Case]:
    return {f"{name}@{width}": (hard_wrap(text, width), reference)
            for name, (text, reference) in own_documents().items() for width in WIDTHS}


def dev_articles(corpus: Path = DEV_CORPUS) -> dict[str, tuple[str, list[str]]]:
    """Page id → (a title from its URL, its ground-truth paragraphs)."""
    truth_file = corpus / "ground-truth.json"
    if not truth_file.is_file():
        return {}
    truth = json.loads(truth_file.read_text(encoding="utf-8"))
    articles = {}
    for page_id, entry in truth.items():
        slug = entry.get("url", "").rstrip("/").rsplit("/", 1)[-1].split(".")[0]
        title = " ".join(w for w in re.split(r"[-_]+", slug) if w.isalpha()).capitalize()
        paragraphs = [p.strip() for p in entry["articleBody"].split("\n") if p.strip()]
        articles[page_id] = (title or "An article", paragraphs)
    return articles


def dev_clean(corpus: Path = DEV_CORPUS) -> dict[str, Case]:
    return {pid: (f"{title}\n\n" + "\n".join(paras) + "\n", "\n".join(paras))
            for pid, (title, paras) in dev_articles(corpus).items()}


def dev_wrapped(width: int, corpus: Path = DEV_CORPUS) -> dict[str, Case]:
    return {pid: (f"{title}\n\n" + "\n\n".join(textwrap.fill(p, width) for p in paras) + "\n",
                  "\n".join(paras))
            for pid, (title, paras) in dev_articles(corpus).items()}


def licences(folder: Path = LICENCES) -> dict[str, Case]:
    """Debian's licence texts (symbolic links to the same text counted once)."""
    if not folder.is_dir():
        return {}
    files = sorted(p for p in folder.iterdir() if p.is_file() and not p.is_symlink())
    return {p.name: (text, text) for p in files for text in [p.read_text(encoding="utf-8")]}


def kinds(corpus: Path = DEV_CORPUS) -> Iterator[tuple[str, Callable[[], dict[str, Case]]]]:
    """Each kind's name and how to build its cases (empty when its source is absent)."""
    yield "own clean", own_documents
    yield "own wrapped 60/72/80", own_wrapped
    yield "dev clean", lambda: dev_clean(corpus)
    for width in WIDTHS:
        yield f"dev wrapped {width}", lambda width=width: dev_wrapped(width, corpus)
    yield "licences", licences


def output_text(doc: object) -> str:
    """The title and every leaf block's text in reading order, numbered list items with their
    numbers (as every writer shows them)."""
    from clearread.model import Cell, Heading, List, Paragraph, Preformatted, plain_text, walk

    parts = [doc.meta.title]  # type: ignore[attr-defined]
    numbers = {id(item.blocks[0]): n for node in walk(doc) if isinstance(node, List)
               and node.ordered for n, item in enumerate(node.items, 1) if item.blocks}
    for node in walk(doc):
        if isinstance(node, Heading | Paragraph | Preformatted | Cell):
            number = numbers.get(id(node))
            parts.append(f"{number}. {plain_text(node)}" if number else plain_text(node))
    return "\n\n".join(parts)
