"""Model → model passes every reader's output goes through, so writers can trust the document.

Each pass is a small function over the generic ``transform``; ``clean`` runs them in order and
records what it dropped in ``meta.removed`` so ``inspect --show-removed`` can explain it.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Callable
from typing import Any

from clearread import model

_SPACE = re.compile(r"[ \t\r\n\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
#: Control characters (tab and newline kept) and invisible format characters.
_UNWANTED = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u200b-\u200d\u2060\ufeff\u00ad]")
#: Embedding, override and isolate controls: in a title or a name they can reorder what a
#: reader sees (an "exe.txt" that displays as "txt.exe"), so metadata never keeps them.
_BIDI_CONTROLS = re.compile(r"[\u202a-\u202e\u2066-\u2069]")
_SURROGATES = re.compile(r"[\ud800-\udfff]")
_INLINE_CONTAINERS = (model.Emphasis, model.Strong, model.Link)
_INLINE_BLOCKS = (model.Paragraph, model.Heading, model.Cell)
MIN_DUPLICATE_CHARS = 40
#: ``meta.removed`` explains cleaning with samples: at most this many, each this long, so a
#: huge page of repeated chrome never makes a huge model (or JSON file).
MAX_REMOVED = 200
MAX_REMOVED_CHARS = 200


def strip_control(text: str) -> str:
    """Drop NUL and other control characters a page may smuggle in (tabs/newlines kept)."""
    return _UNWANTED.sub("", text)


def normalise_text(text: str) -> str:
    text = _UNWANTED.sub("", text)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return _SPACE.sub(" ", text)


def _with(node: Any, **changes: Any) -> Any:
    """``node`` with ``changes``, or ``node`` itself when nothing changes (most nodes)."""
    if all(getattr(node, k) == v for k, v in changes.items()):
        return node
    return dataclasses.replace(node, **changes)


def _text_pass(node: Any) -> Any:
    if isinstance(node, model.Text):
        return _with(node, text=normalise_text(node.text))
    if isinstance(node, model.Code | model.Preformatted):
        return dataclasses.replace(node, text=strip_control(node.text))
    if isinstance(node, model.Figure):
        return dataclasses.replace(node, alt=normalise_text(node.alt).strip())
    return node


def _merge_texts(inlines: tuple[Any, ...]) -> tuple[Any, ...]:
    out: list[Any] = []
    for node in inlines:
        if isinstance(node, model.Text) and out and isinstance(out[-1], model.Text):
            out[-1] = model.Text(_SPACE.sub(" ", out[-1].text + node.text))
        else:
            out.append(node)
    return tuple(out)


def _trim(inlines: tuple[Any, ...]) -> tuple[Any, ...]:
    """Strip spaces and line breaks at the start and end of a block's inlines."""
    items = list(inlines)
    while items and isinstance(items[0], model.LineBreak):
        items.pop(0)
    while items and isinstance(items[-1], model.LineBreak):
        items.pop()
    if items and isinstance(items[0], model.Text):
        items[0] = model.Text(items[0].text.lstrip())
    if items and isinstance(items[-1], model.Text):
        items[-1] = model.Text(items[-1].text.rstrip())
    return tuple(i for i in items if not (isinstance(i, model.Text) and not i.text))


def _structure_pass(node: Any) -> Any:
    """Merge neighbouring text, trim block edges and delete nodes left empty."""
    if isinstance(node, model.Text) and not node.text:
        return ()
    if isinstance(node, _INLINE_CONTAINERS):
        children = _merge_texts(node.children)
        if not model.plain_text(children).strip():
            return children if isinstance(node, model.Link) else ()
        return _with(node, children=children)
    if isinstance(node, _INLINE_BLOCKS):
        children = _trim(_merge_texts(node.children))
        if not children and not isinstance(node, model.Cell):
            return ()
        return _with(node, children=children)
    if isinstance(node, model.Quote | model.ListItem) and not node.blocks:
        return ()
    if isinstance(node, model.List) and not node.items:
        return ()
    if isinstance(node, model.Preformatted) and not node.text.strip():
        return ()
    if isinstance(node, model.Table) and not model.plain_text(node.rows).strip():
        return ()
    return node


def _collapse_breaks(blocks: tuple[Any, ...]) -> tuple[Any, ...]:
    """No thematic break at the start, the end, or twice in a row."""
    out: list[Any] = []
    for block in blocks:
        if isinstance(block, model.Break) and (not out or isinstance(out[-1], model.Break)):
            continue
        out.append(block)
    while out and isinstance(out[-1], model.Break):
        out.pop()
    return tuple(out)


def drop_duplicates(doc: model.Document) -> model.Document:
    """Remove a top-level paragraph that repeats an earlier one word for word (pages often
    print a pull quote or an author bio twice)."""
    seen: set[str] = set()
    kept: list[Any] = []
    removed: list[model.Removal] = []
    for block in doc.blocks:
        key = model.plain_text(block).strip().casefold()
        if isinstance(block, model.Paragraph) and len(key) >= MIN_DUPLICATE_CHARS and key in seen:
            removed.append(model.Removal("duplicate", model.plain_text(block).strip()))
            continue
        seen.add(key)
        kept.append(block)
    meta = dataclasses.replace(doc.meta, removed=doc.meta.removed + tuple(removed))
    return dataclasses.replace(doc, meta=meta, blocks=tuple(kept))


def metadata_text(text: str) -> str:
    """A metadata value as it may be shown and stored: valid Unicode (a lone surrogate becomes
    U+FFFD), no bidi controls, normalised spaces."""
    text = _BIDI_CONTROLS.sub("", _SURROGATES.sub("\ufffd", text))
    return normalise_text(text).strip()


def _clean_meta(meta: model.Metadata) -> model.Metadata:
    changes: dict[str, Any] = {}
    for f in dataclasses.fields(meta):
        value = getattr(meta, f.name)
        if isinstance(value, str):
            changes[f.name] = metadata_text(value)
    # anything but a BCP 47 tag (a model built by hand, a bad JSON file) is dropped
    changes["language"] = model.language_tag(changes["language"])
    changes["authors"] = tuple(
        dict.fromkeys(a for a in (metadata_text(x) for x in meta.authors) if a))
    return dataclasses.replace(meta, **changes)


def bound_removed(doc: model.Document) -> model.Document:
    """Keep ``meta.removed`` a sample: the first MAX_REMOVED entries, each text shortened."""
    removed = doc.meta.removed
    if len(removed) <= MAX_REMOVED and all(len(r.text) <= MAX_REMOVED_CHARS for r in removed):
        return doc
    sample = tuple(dataclasses.replace(r, text=r.text[:MAX_REMOVED_CHARS])
                   for r in removed[:MAX_REMOVED])
    return dataclasses.replace(doc, meta=dataclasses.replace(doc.meta, removed=sample))


PASSES: tuple[Callable[[model.Document], model.Document], ...] = (
    bound_removed,
    # one bottom-up walk of the blocks does both (a node's children are finished before it);
    # metadata has its own pass below
    lambda doc: dataclasses.replace(
        doc, blocks=model.transform(doc.blocks, lambda node: _structure_pass(_text_pass(node)))),
    lambda doc: dataclasses.replace(doc, blocks=_collapse_breaks(doc.blocks)),
    drop_duplicates,
    bound_removed,
    lambda doc: dataclasses.replace(doc, meta=_clean_meta(doc.meta)),
)


def clean(doc: model.Document) -> model.Document:
    for step in PASSES:
        doc = step(doc)
    return doc
