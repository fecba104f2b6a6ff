"""The model is the contract: JSON must round-trip exactly and reject malformed input."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clearread import model as m

text = st.text(max_size=30)
inline_leaf = st.one_of(st.builds(m.Text, text), st.builds(m.Code, text), st.just(m.LineBreak()))
inlines = st.recursive(
    inline_leaf,
    lambda children: st.one_of(
        st.builds(m.Emphasis, st.tuples(children)),
        st.builds(m.Strong, st.tuples(children, children)),
        st.builds(m.Link, text, st.tuples(children)),
    ),
    max_leaves=6,
)
inline_tuple = st.lists(inlines, max_size=4).map(tuple)
leaf_block = st.one_of(
    st.builds(m.Heading, st.integers(1, 6), inline_tuple),
    st.builds(m.Paragraph, inline_tuple),
    st.builds(m.Figure, text, text, inline_tuple),
    st.builds(m.Preformatted, text),
    st.builds(m.Table, st.lists(st.lists(st.builds(m.Cell, inline_tuple, st.booleans()),
                                         min_size=1, max_size=3).map(tuple),
                                max_size=3).map(tuple), inline_tuple),
    st.just(m.Break()),
)
blocks = st.recursive(
    leaf_block,
    lambda children: st.one_of(
        st.builds(m.Quote, st.lists(children, max_size=3).map(tuple)),
        st.builds(m.List, st.booleans(), st.lists(
            st.builds(m.ListItem, st.lists(children, max_size=2).map(tuple)),
            max_size=3).map(tuple)),
    ),
    max_leaves=8,
)
metadata = st.builds(
    m.Metadata, title=text, subtitle=text, authors=st.lists(text, max_size=3).map(tuple),
    published=st.one_of(st.none(), text), source_url=text, language=text,
    removed=st.lists(st.builds(m.Removal, text, text), max_size=3).map(tuple))
documents = st.builds(
    m.Document, meta=metadata, blocks=st.lists(blocks, max_size=5).map(tuple),
    resources=st.lists(st.builds(m.Resource, text, text, st.binary(max_size=20)),
                       max_size=2).map(tuple))


@settings(max_examples=150, deadline=None)
@given(documents)
def test_json_round_trip_is_exact(doc: m.Document) -> None:
    assert m.from_json(m.to_json(doc)) == doc


def test_json_shape_is_versioned_and_typed() -> None:
    doc = m.Document(m.Metadata(title="T"), (m.Paragraph((m.Text("hi"),)),))
    data = json.loads(m.to_json(doc))
    assert data["version"] == m.JSON_VERSION
    assert data["blocks"][0]["type"] == "paragraph"
    assert data["blocks"][0]["children"][0] == {"type": "text", "text": "hi"}


@pytest.mark.parametrize("bad", [
    "", "{", "[]", '{"version": 99, "meta": {"type": "metadata"}, "blocks": []}',
    '{"version": 1, "blocks": [{"type": "rocket"}]}',
    '{"version": 1, "blocks": [{"type": "paragraph", "children": "oops"}]}',
    '{"version": 1, "blocks": [{"type": "heading", "level": 9, "children": []}]}',
    '{"version": 1, "blocks": [{"type": "heading", "level": "2", "children": []}]}',
    '{"version": 1, "blocks": [{"type": "paragraph", "children": [{"type": "paragraph",'
    ' "children": []}]}]}',
    '{"version": 1, "blocks": [{"type": "paragraph", "children": [], "colour": "red"}]}',
    '{"version": 1, "meta": {"type": "metadata", "authors": [1, 2]}, "blocks": []}',
    '{"version": 1, "resources": [{"type": "resource", "src": "a", "media_type": "b",'
    ' "data": "!!"}]}',
])
def test_malformed_json_raises_model_error(bad: str) -> None:
    with pytest.raises(m.ModelError):
        m.from_json(bad)


def test_walk_visits_every_node_in_order() -> None:
    doc = m.Document(blocks=(
        m.Heading(2, (m.Text("a"),)),
        m.List(False, (m.ListItem((m.Paragraph((m.Emphasis((m.Text("b"),)),)),)),)),
    ))
    texts = [n.text for n in m.walk(doc) if isinstance(n, m.Text)]
    assert texts == ["a", "b"]


def test_transform_can_replace_and_delete_nodes() -> None:
    doc = m.Document(blocks=(m.Paragraph((m.Text("keep"),)), m.Break(),
                             m.Quote((m.Paragraph((m.Text("x"),)),))))

    def fn(node: object) -> object:
        if isinstance(node, m.Break):
            return ()
        if isinstance(node, m.Text):
            return m.Text(node.text.upper())
        return node

    out = m.transform(doc, fn)
    assert [b.kind for b in out.blocks] == ["paragraph", "quote"]
    assert m.plain_text(out) == "KEEPX"
    assert doc.blocks[0].children[0].text == "keep"   # the original is untouched


def test_one_word_count_for_spaced_and_unspaced_scripts() -> None:
    """Chinese and Japanese count by characters (two a word), so reading times are not zero."""
    chinese = "港务处今天表示前往岛上的渡轮将从星期一起恢复运行" * 10
    assert m.count_words("The ferry runs again on Monday.") == 6
    assert m.count_words(chinese) == len(chinese) // 2
    doc = m.Document(m.Metadata(title="渡轮"), (m.Paragraph((m.Text(chinese),)),))
    assert m.word_count(doc) == len(chinese) // 2
