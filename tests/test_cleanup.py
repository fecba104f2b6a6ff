from __future__ import annotations

from clearread import model as m
from clearread.cleanup import clean


def para(*texts: str) -> m.Paragraph:
    return m.Paragraph(tuple(m.Text(t) for t in texts))


def test_whitespace_control_characters_and_empty_nodes() -> None:
    doc = m.Document(blocks=(
        para("  Hello \u00a0\n  world\x00\x07 ", " again "),
        para("   "),
        m.List(False, (m.ListItem((para(""),)),)),
        m.Quote(()),
        m.Paragraph((m.Emphasis((m.Text(" "),)),)),
    ))
    out = clean(doc)
    assert out.blocks == (para("Hello world again"),)


def test_duplicate_paragraphs_removed_and_recorded() -> None:
    bio = "The author has written about trains and rivers for twenty years."
    doc = m.Document(blocks=(para(bio), para("Short."), para("Short."), para(bio)))
    out = clean(doc)
    assert [m.plain_text(b) for b in out.blocks] == [bio, "Short.", "Short."]
    assert out.meta.removed == (m.Removal("duplicate", bio),)


def test_breaks_are_collapsed_and_trimmed() -> None:
    doc = m.Document(blocks=(m.Break(), para("a"), m.Break(), m.Break(), para("b"), m.Break()))
    assert [b.kind for b in clean(doc).blocks] == ["paragraph", "break", "paragraph"]


def test_metadata_is_normalised() -> None:
    doc = m.Document(m.Metadata(title="  A\n title ", authors=("Ann ", "Ann", "")))
    meta = clean(doc).meta
    assert meta.title == "A title"
    assert meta.authors == ("Ann",)


def test_code_keeps_its_spacing() -> None:
    doc = m.Document(blocks=(m.Preformatted("a  =  1\n\tb\x00"),))
    assert clean(doc).blocks == (m.Preformatted("a  =  1\n\tb"),)
