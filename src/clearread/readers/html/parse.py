"""Page text → lxml tree, parsed the way trafilatura parses it, with two repairs libxml2 needs.

libxml2 does not know some HTML5 void elements (``<embed>``, ``<track>``…): an unclosed one
swallows the rest of the page as its children, and cleaners that drop the element drop the
article with it. Past its nesting limit libxml2 silently discards everything deeper, so such
pages are parsed again with the excess nesting left out (all text is kept).
"""

from __future__ import annotations

import re
from collections import Counter

from lxml import etree
from lxml.etree import _Element

from clearread.errors import InputError
from clearread.readers.html import settings as S

_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
#: A comment, a raw-text element whole (its content is not markup), or one tag.
_TOKEN = re.compile(r"<!--.*?-->|<(script|style|textarea)\b[^>]*>.*?</\1\s*>"
                    r"|<(/?)([a-zA-Z][\w:-]*)\b(?:[^>\"']|\"[^\"]*\"|'[^']*')*?(/?)>",
                    re.DOTALL | re.IGNORECASE)
_PAGE_TAGS = re.compile(r"<(!doctype|html|head|body|title)\b", re.IGNORECASE)


def parse(text: str) -> _Element | None:
    """The page's lxml tree, parsed as trafilatura parses it, void elements repaired; a
    fragment is given a page around it (trafilatura refuses a single element as not HTML)."""
    from trafilatura.utils import load_html

    text = _XML_DECL.sub("", text, count=1)
    tree = load_html(f"<html><body>{text}</body></html>" if is_fragment(text) else text)
    if tree is not None:
        unnest_voids(tree)
    return tree


def unnest_voids(tree: _Element) -> None:
    """Move whatever libxml2 nested inside a void element back after it, where it belongs
    (innermost first, so voids nested in voids come out in page order)."""
    for void in reversed(list(tree.iter(*S.UNKNOWN_VOID_TAGS))):
        parent = void.getparent()
        if parent is None or not (len(void) or void.text):
            continue
        children, after = list(void), void.tail
        void.tail, void.text = void.text, None
        position = parent.index(void)
        for offset, child in enumerate(children, start=1):
            parent.insert(position + offset, child)
        last = children[-1] if children else void
        last.tail = (last.tail or "") + (after or "") or None


def depth(tree: _Element) -> int:
    """How deeply the tree's elements nest (iteratively: deep trees must not recurse)."""
    deepest = level = 0
    for event, _ in etree.iterwalk(tree, events=("start", "end")):
        level += 1 if event == "start" else -1
        deepest = max(deepest, level)
    return deepest


def hit_depth_limit(tree: _Element) -> bool:
    """Whether libxml2 stopped at its nesting limit while parsing ``tree``: its parser says so
    in its error log (cheap); without that log, measure the tree."""
    from trafilatura import utils

    log = getattr(getattr(utils, "HTML_PARSER", None), "error_log", None)
    if log is None:
        return depth(tree) >= S.PARSER_MAX_DEPTH
    return any(entry.type_name == "ERR_RESOURCE_LIMIT" for entry in log)


def _kept_when_opened(tag: str, level: int) -> bool:
    """Past the flattening depth only text tags (paragraphs, headings, emphasis) still open,
    and past a little more room nothing does."""
    if level >= S.FLATTEN_DEPTH + S.TEXT_TAG_ROOM:
        return False
    return level < S.FLATTEN_DEPTH or tag in S.TEXT_TAGS


def flatten(text: str) -> str:
    """``text`` with the tags that would open too deep left out, and their closing tags (the
    text inside stays). Depth follows a stack of open tags, as a browser's parser keeps."""
    out: list[str] = []
    stack: list[tuple[str, bool]] = []
    open_count: Counter[str] = Counter()
    position = 0
    for token in _TOKEN.finditer(text):
        closing, tag = token.group(2), (token.group(3) or "").lower()
        keep = True
        if tag and not token.group(4) and tag not in S.VOID_TAGS:
            if closing:
                keep = _close(stack, open_count, tag)
            else:
                if tag in S.SELF_ENDING_TAGS and stack and stack[-1][0] == tag:
                    _close(stack, open_count, tag)      # <p>…<p>: the first one ends here
                keep = _kept_when_opened(tag, len(stack))
                stack.append((tag, keep))
                open_count[tag] += 1
        out.append(text[position:token.start()])
        if keep:
            out.append(token.group())
        position = token.end()
    out.append(text[position:])
    return "".join(out)


def _close(stack: list[tuple[str, bool]], open_count: Counter[str], tag: str) -> bool:
    """Pop ``tag`` and what it still holds open; whether its opening tag was kept (a stray
    closing tag is not)."""
    if not open_count[tag]:
        return False
    while stack:
        name, kept = stack.pop()
        open_count[name] -= 1
        if name == tag:
            return kept
    return False


def parse_deep(text: str, source: str) -> _Element | None:
    """``parse``, surviving absurd nesting: a page past libxml2's depth limit is parsed again
    flattened; if it is still too deep, it is refused rather than read in part."""
    tree = parse(text)
    if tree is None or not hit_depth_limit(tree):
        return tree
    tree = parse(flatten(text))
    if tree is not None and hit_depth_limit(tree):
        raise InputError(source, f"HTML nested more than {S.PARSER_MAX_DEPTH} levels deep")
    return tree


def is_fragment(text: str) -> bool:
    """A piece of a page (copied from a page or a mail): no doctype, html, head, body or
    title tag anywhere."""
    return _PAGE_TAGS.search(text) is None


def has_chrome(tree: _Element) -> bool:
    """Whether the page has the structure of a site around an article (navigation, header,
    footer, sidebar, forms): only then is there boilerplate to extract the article from."""
    return next(tree.iter(*S.CHROME_TAGS), None) is not None
