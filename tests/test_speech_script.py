"""The speech script's structure on documents built from the model."""

from __future__ import annotations

from clearread.model import (
    Break,
    Cell,
    Document,
    Emphasis,
    Figure,
    Heading,
    Link,
    List,
    ListItem,
    Metadata,
    Paragraph,
    Preformatted,
    Quote,
    Table,
    Text,
)
from clearread.speech.script import MAX_CHARS, PAUSES, Segment, script, split_text


def para(text: str) -> Paragraph:
    return Paragraph((Text(text),))


def heading(level: int, text: str) -> Heading:
    return Heading(level, (Text(text),))


META = Metadata(
    title="Night Trains Return",
    authors=("Ada Byron", "Alan Turing"),
    published="2024-03-03",
    site_name="BBC News",
    language="en",
)


def texts(segments: tuple[Segment, ...]) -> list[str]:
    return [s.text for s in segments]


def test_intro_announces_title_authors_date_and_site() -> None:
    segments = script(Document(meta=META))
    assert texts(segments) == [
        "Night Trains Return",
        "By Ada Byron and Alan Turing",
        "Published March third, twenty twenty-four",
        "From B B C News",
    ]
    assert segments[0].chapter == "Night Trains Return"
    assert [s.chapter for s in segments[1:]] == [None, None, None]
    assert all(s.block is None for s in segments)
    assert segments[0].pause_ms == PAUSES["title"]
    assert segments[-1].pause_ms == PAUSES["title"]


def test_three_authors_are_joined_with_commas_and_and() -> None:
    doc = Document(meta=Metadata(title="T", authors=("A", "B", "C")))
    assert texts(script(doc))[1] == "By A, B and C"


def test_untitled_document_starts_chapter_introduction() -> None:
    segments = script(Document(blocks=(para("Hello."),)))
    assert segments == (Segment("Hello.", PAUSES["paragraph"], 0, "Introduction", ref="b0s0"),)


def test_sections_are_chapters_and_subsections_are_not() -> None:
    doc = Document(meta=Metadata(title="T"), blocks=(
        para("Lead."),
        heading(2, "Tickets"),
        para("Cheap."),
        heading(3, "Details"),
        para("More."),
        heading(2, "Routes"),
    ))
    segments = script(doc)
    assert texts(segments) == ["T", "Lead.", "Tickets", "Cheap.", "Details", "More.", "Routes"]
    assert [s.chapter for s in segments] == ["T", None, "Tickets", None, None, None, "Routes"]
    assert [s.block for s in segments] == [None, 0, 1, 2, 3, 4, 5]
    # a longer pause before and after each heading, longest before a new chapter
    assert [s.pause_ms for s in segments] == [
        PAUSES["title"], PAUSES["chapter"], PAUSES["heading"], PAUSES["heading"],
        PAUSES["heading"], PAUSES["chapter"], PAUSES["heading"],
    ]


def test_title_repeated_as_first_heading_is_said_once() -> None:
    blocks = (heading(1, "T"), heading(2, "Part"), para("x"))
    doc = Document(meta=Metadata(title="T"), blocks=blocks)
    segments = script(doc)
    assert texts(segments) == ["T", "Part", "x"]
    assert [s.chapter for s in segments] == ["T", "Part", None]


def test_paragraph_text_is_normalised_and_links_read_as_text() -> None:
    doc = Document(blocks=(Paragraph((
        Text("Dr. Smith paid $40 million, see "),
        Link("https://example.org/a", (Text("the report"),)),
        Text(" "),
        Emphasis((Text("now"),)),
        Text("."),
    )),))
    assert texts(script(doc)) == ["Doctor Smith paid forty million dollars, see the report now."]


def test_long_paragraph_splits_at_sentence_ends() -> None:
    sentence = "This sentence has exactly enough words to be fifty characters long. "
    doc = Document(blocks=(para(sentence * 12),))
    segments = script(doc)
    assert len(segments) > 1
    assert all(len(s.text) <= MAX_CHARS for s in segments)
    assert all(s.text.endswith("long.") for s in segments)
    assert {s.block for s in segments} == {0}
    assert [s.pause_ms for s in segments[:-1]] == [PAUSES["sentence"]] * (len(segments) - 1)
    assert segments[-1].pause_ms == PAUSES["paragraph"]


def test_split_text_breaks_overlong_sentences_at_clauses_then_spaces() -> None:
    pieces = split_text("word, " * 100 + "end.", limit=50)
    assert all(len(p) <= 50 for p in pieces)
    assert " ".join(pieces) == ("word, " * 100 + "end.").strip()


def test_ordered_list_counts_items_each_its_own_segment() -> None:
    items = tuple(ListItem((para(t),)) for t in ("Buy milk.", "Buy eggs."))
    segments = script(Document(blocks=(List(True, items), para("After."))))
    assert texts(segments) == ["One. Buy milk.", "Two. Buy eggs.", "After."]
    assert [s.pause_ms for s in segments] == [PAUSES["item"], PAUSES["paragraph"],
                                              PAUSES["paragraph"]]


def test_unordered_list_reads_items_plainly() -> None:
    items = tuple(ListItem((para(t),)) for t in ("Tea", "Coffee"))
    assert texts(script(Document(blocks=(List(False, items),)))) == ["Tea", "Coffee"]


def test_quote_is_marked_and_uses_the_quote_voice() -> None:
    doc = Document(blocks=(Quote((para("Trains are back."),)),))
    segments = script(doc)
    assert [(s.text, s.voice) for s in segments] == [
        ("Quote.", "narrator"),
        ("Trains are back.", "quote"),
        ("End quote.", "narrator"),
    ]
    assert {s.block for s in segments} == {0}


def test_figure_reads_alt_and_caption() -> None:
    doc = Document(blocks=(
        Figure("cat.png", "A cat", (Text("Sleeping on a mat"),)),
        Figure("dog.png", "A dog", (Text("A dog"),)),
        Figure("blank.png", "", ()),
    ))
    assert texts(script(doc)) == ["Image: A cat. Sleeping on a mat.", "Image: A dog."]


def test_table_is_read_row_by_row_with_headers() -> None:
    def row(*values: str, header: bool = False) -> tuple[Cell, ...]:
        return tuple(Cell((Text(v),), header) for v in values)

    table = Table(
        (row("Item", "Price", header=True), row("Tea", "$3"), row("Cake", "$4.50")),
        caption=(Text("Prices"),),
    )
    segments = script(Document(blocks=(table,)))
    assert texts(segments) == [
        "Table: Prices.",
        "Row one: Item: Tea, Price: three dollars.",
        "Row two: Item: Cake, Price: four dollars fifty.",
    ]
    assert segments[-1].pause_ms == PAUSES["paragraph"]


def test_code_is_omitted_and_breaks_are_pauses() -> None:
    doc = Document(blocks=(para("Before."), Preformatted("x = 1\n"), Break(), para("After.")))
    segments = script(doc)
    assert texts(segments) == ["Before.", "Code block omitted.", "After."]
    assert segments[1].pause_ms == PAUSES["break"]
    assert [s.block for s in segments] == [0, 1, 3]


def test_french_document_uses_french_phrases_and_numbers() -> None:
    meta = Metadata(title="Bibliothèque", authors=("Marie Curie",), published="2024-03-03",
                    language="fr-FR")
    doc = Document(meta=meta, blocks=(Quote((para("Il y a 1 200 livres."),)),))
    assert texts(script(doc)) == [
        "Bibliothèque",
        "Par Marie Curie",
        "Publié le trois mars deux mille vingt-quatre",
        "Citation.",
        "Il y a mille deux cents livres.",
        "Fin de citation.",
    ]


def test_german_lists_count_in_german() -> None:
    items = tuple(ListItem((para(t),)) for t in ("Milch", "Eier"))
    doc = Document(meta=Metadata(title="Einkauf", language="de"), blocks=(List(True, items),))
    assert texts(script(doc)) == ["Einkauf", "Eins. Milch", "Zwei. Eier"]


def test_no_segment_is_empty() -> None:
    doc = Document(blocks=(para("   "), para("*"), heading(2, " "), para("ok")))
    assert texts(script(doc)) == ["ok"]


def test_prose_is_spoken_one_sentence_a_segment_with_refs() -> None:
    doc = Document(Metadata(title="T", language="en"),
                   (para("Dr. Smith came at 5 p.m. today. She left! Why?"),
                    List(False, (ListItem((para("One thing."),)),
                                 ListItem((para("Another. And more."),))))))
    refs = [(s.ref, s.text) for s in script(doc)]
    assert refs == [("t", "T"), ("b0s0", "Doctor Smith came at five p m today."),
                    ("b0s1", "She left!"), ("b0s2", "Why?"), ("b1-0-0s0", "One thing."),
                    ("b1-1-0s0", "Another."), ("b1-1-0s1", "And more.")]
