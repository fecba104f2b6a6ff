"""HTML page → Document: decode, read metadata, extract the article with trafilatura, map its
kept structure onto the model, then drop what the reader should not hear twice.

trafilatura is imported inside ``read_html`` because importing it costs ~0.13 s, which every
CLI start-up would otherwise pay.
"""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree
from lxml.etree import _Element

from clearread.errors import InputError, NoArticleError
from clearread.model import Document, Link, Metadata, Removal, plain_text, walk
from clearread.readers import html_settings as S
from clearread.readers.decode import decode_bytes, sniff_codec
from clearread.readers.html_clean import clean_blocks, words
from clearread.readers.html_extract import extract_body
from clearread.readers.html_images import LocalImages
from clearread.readers.html_map import map_body, safe_url
from clearread.readers.html_meta import PageMeta, bcp47, clean, read_meta
from clearread.readers.html_stream import stream_page
from clearread.readers.language import detect_language

_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
_CAPTIONS = etree.XPath(S.CAPTION_XPATH)


def parse(text: str) -> _Element | None:
    """The page's lxml tree, parsed the way trafilatura parses it."""
    from trafilatura.utils import load_html

    return load_html(_XML_DECL.sub("", text, count=1))


def depth(tree: _Element) -> int:
    """How deeply the tree's elements nest (iteratively: deep trees must not recurse)."""
    deepest = level = 0
    for event, _ in etree.iterwalk(tree, events=("start", "end")):
        level += 1 if event == "start" else -1
        deepest = max(deepest, level)
    return deepest


def _hit_depth_limit(tree: _Element) -> bool:
    """Whether libxml2 stopped at its nesting limit while parsing ``tree``: its parser says so
    in its error log (cheap); without that log, measure the tree."""
    from trafilatura import utils

    log = getattr(getattr(utils, "HTML_PARSER", None), "error_log", None)
    if log is None:
        return depth(tree) >= S.PARSER_MAX_DEPTH
    return any(entry.type_name == "ERR_RESOURCE_LIMIT" for entry in log)


def parse_deep(text: str, source: str) -> _Element | None:
    """``parse``, surviving absurd nesting: libxml2 silently drops everything below its depth
    limit, so such a page is parsed again without its layout-only wrapper tags; if it is still
    too deep, the page is refused rather than read in part."""
    tree = parse(text)
    if tree is None or not _hit_depth_limit(tree):
        return tree
    tree = parse(S.WRAPPER_TAGS.sub("", text))
    if tree is not None and _hit_depth_limit(tree):
        raise InputError(source, f"HTML nested more than {S.PARSER_MAX_DEPTH} levels deep")
    return tree


def base_url(tree: _Element, url: str | None, meta: PageMeta) -> str | None:
    """What relative links resolve against: the page URL, its ``<base>``, else its own
    canonical URL; None when the page never says where it lives."""
    page = safe_url(url, None, ("http", "https"))
    base_el = next(tree.iter("base"), None)
    declared = base_el.get("href") if base_el is not None else None
    return safe_url(declared, page, ("http", "https")) or page or meta.source_url or None


def prepare(tree: _Element, base: str | None) -> tuple[dict[str, str], set[str]]:
    """Mark up what trafilatura would lose; return image captions by image URL, and the text
    of every caption on the page (trafilatura sometimes keeps captions as paragraphs).

    ``<pre>`` becomes ``<pre><code>`` (else trafilatura reads it as a quote) and ``<hr>``
    a ``* * *`` paragraph (else it is dropped); figcaptions are dropped by trafilatura, so they
    are collected here and put back on the figure by the mapper.
    """
    for pre in tree.iter("pre"):
        if not (len(pre) == 1 and pre[0].tag == "code" and not (pre.text or "").strip()):
            code = etree.SubElement(pre, "code")
            code.text, pre.text = pre.text, None
            for child in list(pre)[:-1]:
                code.append(child)
    for hr in tree.iter("hr"):
        hr.tag, hr.text = "p", "* * *"
    captions: dict[str, str] = {}
    for figure in tree.iter("figure"):
        caption_el = next(figure.iter("figcaption"), None)
        caption = clean(caption_el.text_content()) if caption_el is not None else ""
        if not caption:
            continue
        for img in figure.iter("img"):
            for attr in ("src", "data-src", "data-lazy-src", "data-original"):
                raw = img.get(attr)
                if raw:
                    captions[raw] = caption
                    captions[safe_url(raw, base, ("http", "https")) or raw] = caption
    texts = {clean(el.text_content()) for el in _CAPTIONS(tree)}
    return captions, texts - {""}


def check_article(source: str, blocks: tuple, text: str) -> None:
    """Raise NoArticleError for pages with no article: too little prose, mostly links (an
    index or menu page), or a short login/paywall screen."""
    total = words(text)
    if total < S.MIN_ARTICLE_WORDS:
        raise NoArticleError(source)
    linked = sum(words(plain_text(n)) for b in blocks for n in walk(b) if isinstance(n, Link))
    if linked / total > S.MAX_LINK_WORD_SHARE:
        raise NoArticleError(source)
    if total <= S.WALL_MAX_WORDS and S.WALL_PATTERNS.search(text):
        raise NoArticleError(source)


def read_large_html(data: bytes, source: str, charset: str | None = None) -> Document:
    """A page too big for full extraction, read in one streaming pass (bounded memory)."""
    page = stream_page(data, sniff_codec(data, charset))
    blocks = tuple(page.blocks)
    body_text = "\n\n".join(plain_text(b) for b in blocks)
    check_article(source, blocks, body_text)
    return Document(
        meta=Metadata(title=page.title, authors=page.authors,
                      language=bcp47(page.language) or bcp47(detect_language(body_text))),
        blocks=blocks,
    )


def read_html(data: bytes, source: str, charset: str | None = None,
              url: str | None = None, folder: Path | None = None) -> Document:
    """The article in an HTML page; NoArticleError when the page holds none."""
    if len(data) > S.STREAM_ABOVE_BYTES:
        return read_large_html(data, source, charset)

    text, _ = decode_bytes(data, charset)
    tree = parse_deep(text, source)
    if tree is None:
        raise NoArticleError(source)
    meta = read_meta(tree, url)
    base = base_url(tree, url, meta)
    captions, caption_texts = prepare(tree, base)
    # no url: trafilatura would resolve every link (slowly); the mapper resolves them itself
    article = extract_body(tree)
    if article is None:
        raise NoArticleError(source)

    h1 = next(tree.iter("h1"), None)
    titles = (meta.title, *meta.title_forms, clean(h1.text_content()) if h1 is not None else "")
    table_captions = frozenset(clean(c.text_content()) for c in tree.iter("caption"))
    local = LocalImages(folder) if folder is not None and base is None else None
    body = map_body(article, base, captions, table_captions, local)
    cleaned = clean_blocks(list(body), titles,
                           (meta.subtitle,), meta.authors, caption_texts)
    blocks = tuple(cleaned.blocks)
    body_text = "\n\n".join(plain_text(b) for b in blocks)
    check_article(source, blocks, body_text)

    authors = meta.authors or tuple(dict.fromkeys(cleaned.byline_authors))
    removed: tuple[Removal, ...] = tuple(cleaned.removed)
    return Document(
        meta=Metadata(
            title=meta.title, subtitle=meta.subtitle, authors=authors, published=meta.published,
            source_url=meta.source_url, site_name=meta.site_name,
            language=meta.language or bcp47(detect_language(body_text)),
            section=meta.section or cleaned.section,
            description=meta.description, removed=removed,
        ),
        blocks=blocks,
        resources=local.resources if local is not None else (),
    )

