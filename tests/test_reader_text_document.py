"""Plain-text documents (not page dumps): every word kept, structure read from the layout.

Our own documents live in tests/data/documents/; the wrapped versions, the dev articles as
clean and wrapped text and the licence texts are built at test time (benchmarks/documents.py).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT

from clearread.model import (
    Heading,
    LineBreak,
    List,
    Paragraph,
    Preformatted,
    Quote,
    plain_text,
    walk,
)
from clearread.pipeline import read_bytes
from clearread.readers.text import read_text
from clearread.readers.text.kind import is_document as looks_like_document

sys.path.insert(0, str(ROOT / "benchmarks"))
import documents

OWN = ROOT / "tests" / "data" / "documents"
MIN_RECALL = 0.98      # every document
MEAN_RECALL = 0.999    # a whole set: the README's claim


def read(text: str, name: str = "doc.txt"):
    """Through the public path (decode, sniff, read, clean), as the CLI reads a file."""
    return read_bytes(text.encode("utf-8"), name, kind="text")


def own(name: str, width: int | None = None) -> str:
    text = (OWN / f"{name}.txt").read_text(encoding="utf-8")
    return documents.hard_wrap(text, width) if width else text


def blocks_of(doc, kind: type) -> list:
    return [node for node in walk(doc) if isinstance(node, kind)]


def body(doc) -> str:
    return "\n".join(plain_text(b) for b in doc.blocks)


# --- the reported failures -----------------------------------------------------------------------


def test_one_sentence_notice_converts_whole() -> None:
    doc = read("Library notice\nThe library opens at nine on Monday.\n")
    assert doc.meta.title == "Library notice"
    assert body(doc) == "The library opens at nine on Monday."


def test_two_line_note_keeps_both_lines() -> None:
    doc = read(own("note"))
    (paragraph,) = doc.blocks
    assert plain_text(paragraph) == own("note").strip()
    assert any(isinstance(c, LineBreak) for c in paragraph.children)
    assert doc.meta.title == "Gone to the market, back by four."


@pytest.mark.parametrize("width", [None, 60, 72, 80])
def test_poem_keeps_its_lines(width: int | None) -> None:
    doc = read(own("poem", width))
    assert doc.meta.title == "The Lock-Keeper's Evening"
    stanzas = [b for b in doc.blocks if isinstance(b, Paragraph)]
    assert len(stanzas) == 3
    first = plain_text(stanzas[0]).split("\n")
    assert first == ["The water settles in the lock,", "the gates swing shut without a knock,",
                     "a heron folds itself to stone", "and stands there, patient and alone."]


@pytest.mark.parametrize("width", [None, 60, 80])
def test_every_paragraph_twice_keeps_one_copy(width: int | None) -> None:
    doc = read(own("twice", width))
    paragraphs = [plain_text(b) for b in doc.blocks if isinstance(b, Paragraph)]
    assert len(paragraphs) == 3 and len(set(paragraphs)) == 3
    assert paragraphs[0].startswith("After eight months of repairs")
    repeats = [r for r in doc.meta.removed if r.rule == "repeated-paragraph"]
    assert len(repeats) == 3


def test_licence_keeps_its_words() -> None:
    cases = documents.licences()
    if "GPL-3" not in cases:
        pytest.skip("no /usr/share/common-licenses/GPL-3")
    text, reference = cases["GPL-3"]
    doc = read(text, "GPL-3")
    assert documents.recall(reference, documents.output_text(doc)) >= MIN_RECALL
    assert doc.meta.title == "GNU GENERAL PUBLIC LICENSE"
    headings = [plain_text(h) for h in blocks_of(doc, Heading)]
    assert "Preamble" in headings and "TERMS AND CONDITIONS" in headings


# --- structure -----------------------------------------------------------------------------------


@pytest.mark.parametrize("width", [None, 60, 72, 80])
def test_headings_underlined_and_numbered(width: int | None) -> None:
    doc = read(own("chapter", width))
    assert doc.meta.title == "Chapter Three: The Valley Farms"
    headings = [(h.level, plain_text(h)) for h in blocks_of(doc, Heading)]
    assert headings == [(2, "1. The Lie of the Land"), (3, "1.1 The Water Meadows"),
                        (3, "1.2 The Orchards"), (2, "2. The Working Year"),
                        (2, "Harvest and After")]
    paragraphs = [b for b in doc.blocks if isinstance(b, Paragraph)]
    assert len(paragraphs) == 7  # hard-wrapped lines joined back into their paragraphs


@pytest.mark.parametrize("width", [None, 60, 72, 80])
def test_bulleted_and_numbered_lists(width: int | None) -> None:
    doc = read(own("lists", width))
    bullets, numbers = blocks_of(doc, List)
    assert not bullets.ordered and numbers.ordered
    assert [len(bullets.items), len(numbers.items)] == [3, 4]
    assert plain_text(bullets.items[1]).startswith("check the fridge thermometer")
    assert plain_text(bullets.items[1]).endswith("even when everything seems normal")
    assert plain_text(numbers.items[1]).endswith("which usually takes about twenty minutes.")


@pytest.mark.parametrize("width", [None, 60, 72])
def test_quote_code_and_table(width: int | None) -> None:
    doc = read(own("quote-code-table", width))
    (quote,) = blocks_of(doc, Quote)
    assert plain_text(quote).startswith("A list of books is only useful")
    assert "\n" not in plain_text(quote)
    code, table = blocks_of(doc, Preformatted)
    assert code.text.splitlines()[0] == "def count_choices(books):"
    assert code.text.splitlines()[1] == "    totals = {}"
    assert table.text.splitlines()[2] == "Bernard       3       2045"


def test_email_header_becomes_metadata() -> None:
    doc = read(own("email"))
    assert doc.meta.title == "Water butts and the spring work day"
    assert doc.meta.authors == ("Rosalind Pereira",)
    assert doc.meta.published == "2025-03-11"
    assert "From:" not in body(doc) and "Subject:" not in body(doc)
    rules = [r.rule for r in doc.meta.removed]
    assert rules.count("email-header") == 4 and "signature-separator" in rules
    assert plain_text(doc.blocks[-1]) == "Rosalind Pereira\nSecretary, Fernhill Allotment Society"


@pytest.mark.parametrize(("name", "language"), [("article-fr", "fr"), ("article-de", "de"),
                                                ("article-ferry", "en")])
def test_language_of_a_document(name: str, language: str) -> None:
    assert read(own(name, 72)).meta.language == language


def test_document_without_a_title_line_is_named_by_its_first_words() -> None:
    text = "\n\n".join(own("article-ferry").split("\n\n")[1:])
    doc = read(text)
    assert doc.meta.title == "For the first time in its history, the…"
    assert plain_text(doc.blocks[0]).startswith("For the first time in its history")


def test_a_page_dump_still_goes_to_the_dump_reader() -> None:
    dump = (ROOT / "examples" / "night-trains-return.txt").read_text(encoding="utf-8")
    assert not looks_like_document(dump)
    assert "Subscribe" not in body(read_text(dump, "dump.txt"))


# --- robustness ----------------------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "word-" * 16_000 + "end.",
    ("Title\n\n" + "x" * 80_000 + "\n"),
    "\t\t>\n> >\n" * 500,
    "1.1.1.1.1." * 8000 + " Intro\n",
    "  \n-\n=\n>\n* * *\n",
])
def test_odd_documents_take_linear_time(text: str) -> None:
    started = time.perf_counter()
    try:
        read(text)
    except Exception as exc:  # a clear InputError is fine; a crash is not
        from clearread.errors import InputError

        assert isinstance(exc, InputError), exc
    assert time.perf_counter() - started < 2.0


def test_large_wrapped_document_reads_in_linear_time() -> None:
    article = own("article-observatory")
    text = "\n".join(documents.hard_wrap(article.replace("dome", f"dome {i}"), 72)
                     for i in range(400))  # ~0.5 MB
    started = time.perf_counter()
    doc = read(text)
    assert time.perf_counter() - started < 10.0
    assert len(doc.blocks) > 400


# --- whole sets ----------------------------------------------------------------------------------


def kind_recalls(kind: str) -> dict[str, float]:
    cases = dict(documents.kinds())[kind]()
    if not cases:
        pytest.skip(f"no {kind} documents here")
    return {name: documents.recall(reference, documents.output_text(read(text, name)))
            for name, (text, reference) in cases.items()}


@pytest.mark.parametrize("kind", ["own clean", "own wrapped 60/72/80", "licences"])
def test_documents_keep_their_words(kind: str) -> None:
    recalls = kind_recalls(kind)
    low = {name: round(r, 3) for name, r in recalls.items() if r < MIN_RECALL}
    assert not low
    assert sum(recalls.values()) / len(recalls) >= MEAN_RECALL


@pytest.mark.parametrize("kind", ["dev clean", "dev wrapped 60", "dev wrapped 72",
                                  "dev wrapped 80"])
def test_dev_articles_as_documents_keep_their_words(kind: str, shared_dir: Path) -> None:
    recalls = kind_recalls(kind)
    assert sum(recalls.values()) / len(recalls) >= MEAN_RECALL
    assert min(recalls.values()) >= 0.995


def test_all_own_and_derived_documents_are_documents(shared_dir: Path) -> None:
    for kind, build in documents.kinds():
        not_documents = [name for name, (text, _) in build().items()
                         if not looks_like_document(text)]
        assert not not_documents, kind


def test_dev_page_dumps_stay_dumps(shared_dir: Path) -> None:
    dumps = sorted((shared_dir / "corpus" / "extraction-dev").glob("*.txt"))
    assert len(dumps) == 62
    documents_found = [p.name for p in dumps
                       if looks_like_document(p.read_text(encoding="utf-8"))]
    assert documents_found == []


def test_short_hard_wrapped_mail_is_unwrapped() -> None:
    """Two wrapped lines are enough to see the margin: a three-line paragraph of a short
    e-mail is one paragraph, while the sign-off keeps its own lines."""
    mail = ("From: Ana Ruiz <ana@example.org>\nSubject: Garden club meeting moved\n\n"
            "Hello all,\n\n"
            "The garden club meeting planned for Thursday evening will now take place on\n"
            "Friday at seven in the library hall, because the school needs the gym for a\n"
            "concert. Please bring your seed lists and any tools you want to lend.\n\n"
            "See you there,\nAna\n")
    doc = read(mail)
    paragraphs = [plain_text(b) for b in doc.blocks if isinstance(b, Paragraph)]
    assert any(p.startswith("The garden club") and p.endswith("want to lend.")
               and "\n" not in p for p in paragraphs), paragraphs
    assert blocks_of(doc, LineBreak)  # "See you there," / "Ana" stay two lines
