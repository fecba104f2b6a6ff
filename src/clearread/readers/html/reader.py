"""HTML page → Document: decode, read metadata, extract the article with trafilatura, map its
kept structure onto the model, then drop what the reader should not hear twice.

trafilatura is imported inside ``read_html`` because importing it costs ~0.13 s, which every
CLI start-up would otherwise pay.
"""

from __future__ import annotations

from pathlib import Path

from lxml.etree import _Element

from clearread.errors import NoArticleError
from clearread.links import WEB_SCHEMES, safe_url
from clearread.model import Document, Link, Metadata, Removal, count_words, plain_text, walk
from clearread.readers.decode import decode_bytes, sniff_codec
from clearread.readers.html import settings as S
from clearread.readers.html.clean import clean_blocks
from clearread.readers.html.extract import extract_body
from clearread.readers.html.images import LocalImages
from clearread.readers.html.meta import PageMeta, bcp47, clean, read_meta
from clearread.readers.html.parse import has_chrome, is_fragment, parse_deep
from clearread.readers.html.prepare import prepare
from clearread.readers.html.stream import stream_page
from clearread.readers.html.to_model import kept_xml, map_body
from clearread.readers.language import detect_language


def base_url(tree: _Element, url: str | None, meta: PageMeta) -> str | None:
    """What relative links resolve against: the page URL, its ``<base>``, else its own
    canonical URL; None when the page never says where it lives."""
    page = safe_url(url, None, WEB_SCHEMES)
    base_el = next(tree.iter("base"), None)
    declared = base_el.get("href") if base_el is not None else None
    return safe_url(declared, page, WEB_SCHEMES) or page or meta.source_url or None


def check_article(source: str, blocks: tuple, text: str, whole_page: bool = False) -> None:
    """Raise NoArticleError for pages with no article: too little prose (a page that is all
    article, such as a fragment copied from a page, is one from a sentence), mostly links (an
    index or menu page), or a short login/paywall screen."""
    total = count_words(text)
    if total < (S.MIN_FRAGMENT_WORDS if whole_page else S.MIN_ARTICLE_WORDS):
        raise NoArticleError(source)
    linked = sum(count_words(plain_text(n)) for b in blocks for n in walk(b) if isinstance(n, Link))
    if linked / total > S.MAX_LINK_WORD_SHARE:
        raise NoArticleError(source)
    if total <= S.WALL_MAX_WORDS and S.WALL_PATTERNS.search(text):
        raise NoArticleError(source)


def article_body(tree: _Element, text: str) -> tuple[_Element | None, bool]:
    """The article's kept-content body, and whether it is the whole page. A fragment with no
    site chrome around it is the article itself (extraction would discard a short one); so is
    a page without chrome whose extraction keeps too little."""
    chrome = has_chrome(tree)
    if not chrome and is_fragment(text):
        return kept_xml(tree), True
    # no url: trafilatura would resolve every link (slowly); the mapper resolves them itself
    article = extract_body(tree)
    if not chrome and (article is None or count_words(" ".join(article.itertext()))
                       < S.MIN_ARTICLE_WORDS):
        return kept_xml(tree), True
    return article, False


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
    page = prepare(tree, base)
    article, whole_page = article_body(tree, text)
    if article is None:
        raise NoArticleError(source)

    h1 = next(tree.iter("h1"), None)
    titles = (meta.title, *meta.title_forms, clean(h1.text_content()) if h1 is not None else "")
    table_captions = frozenset(clean(c.text_content()) for c in tree.iter("caption"))
    local = LocalImages(folder) if folder is not None and base is None else None
    body = map_body(article, base, page.captions, table_captions, local)
    cleaned = clean_blocks(list(body), titles, (meta.subtitle,), meta.authors,
                           page.caption_texts, page.logos)
    blocks = tuple(cleaned.blocks)
    body_text = "\n\n".join(plain_text(b) for b in blocks)
    check_article(source, blocks, body_text, whole_page)

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

