"""The page tree made ready for extraction: what trafilatura would lose is marked up, and what
the cleaning rules need to know about pictures (captions, logos) is gathered first.

``<pre>`` becomes ``<pre><code>`` (else trafilatura reads it as a quote) and ``<hr>`` a
``* * *`` paragraph (else it is dropped). A caption written inside a paragraph moves, with the
paragraph's pictures, into a figure before it, so the caption is read once with its picture and
the paragraph keeps only its own text. trafilatura drops figcaptions, so captions are collected
here by image URL and put back on the figure by the mapper.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from lxml import etree
from lxml.etree import _Element

from clearread.links import WEB_SCHEMES, safe_url
from clearread.readers.html import settings as S
from clearread.readers.html.meta import clean

_CAPTIONS = etree.XPath(S.CAPTION_XPATH)
_IMAGE_SOURCES = ("src", "data-src", "data-lazy-src", "data-original")
_PIXELS = re.compile(r"^\s*(\d+)\s*(px)?\s*$")


@dataclass
class Prepared:
    """What the cleaning rules learn from the page's pictures before extraction."""

    captions: dict[str, str] = field(default_factory=dict)   # image URL → its caption
    caption_texts: set[str] = field(default_factory=set)     # every caption's text
    logos: set[str] = field(default_factory=set)             # URLs of logo and icon images


def prepare(tree: _Element, base: str | None) -> Prepared:
    """Mark up what trafilatura would lose and gather what the cleaning rules need."""
    code_blocks(tree)
    rules_as_paragraphs(tree)
    lift_captions(tree)
    return Prepared(figure_captions(tree, base), caption_texts(tree), logo_sources(tree, base))


def code_blocks(tree: _Element) -> None:
    for pre in tree.iter("pre"):
        if not (len(pre) == 1 and pre[0].tag == "code" and not (pre.text or "").strip()):
            code = etree.SubElement(pre, "code")
            code.text, pre.text = pre.text, None
            for child in list(pre)[:-1]:
                code.append(child)


def rules_as_paragraphs(tree: _Element) -> None:
    for hr in tree.iter("hr"):
        hr.tag, hr.text = "p", "* * *"


def detach(element: _Element) -> _Element:
    """Take ``element`` out of its parent, leaving its tail text where it was."""
    parent, tail = element.getparent(), element.tail
    element.tail = None
    if tail and parent is not None:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    if parent is not None:
        parent.remove(element)
    return element


def lift_captions(tree: _Element) -> None:
    """A caption sharing a paragraph with the paragraph's own text moves out before it."""
    for caption in list(_CAPTIONS(tree)):
        paragraph = next(caption.iterancestors("p"), None)
        if paragraph is None or len(clean(paragraph.text_content())) <= len(
                clean(caption.text_content())):
            continue
        figure = next((f for f in caption.iterancestors("figure")
                       if paragraph in set(f.iterancestors("p"))), None)
        if figure is None:
            figure = _figure_of(paragraph, caption)
        if figure is not None:
            paragraph.addprevious(detach(figure))


def _figure_of(paragraph: _Element, caption: _Element) -> _Element | None:
    """A new figure holding the paragraph's pictures and ``caption`` (None without pictures)."""
    images = [img for img in paragraph.iter("img") if next(img.iterancestors("figure"), None)
              is None]
    if not images:
        return None
    figure = etree.Element("figure")
    for img in images:
        figure.append(detach(img))
    figcaption = etree.SubElement(figure, "figcaption")
    figcaption.text = clean(detach(caption).text_content())
    return figure


def _image_urls(img: _Element, base: str | None) -> Iterable[str]:
    """Every form an image's URL may take in the model: as written and resolved."""
    for attr in _IMAGE_SOURCES:
        raw = img.get(attr)
        if raw:
            yield raw
            yield safe_url(raw, base, WEB_SCHEMES) or raw


def figure_captions(tree: _Element, base: str | None) -> dict[str, str]:
    captions: dict[str, str] = {}
    for figure in tree.iter("figure"):
        caption_el = next(figure.iter("figcaption"), None)
        caption = clean(caption_el.text_content()) if caption_el is not None else ""
        if caption:
            for img in figure.iter("img"):
                captions.update(dict.fromkeys(_image_urls(img, base), caption))
    return captions


def caption_texts(tree: _Element) -> set[str]:
    """The text of every caption on the page (trafilatura sometimes keeps them as paragraphs)."""
    texts = {clean(el.text_content()) for el in _CAPTIONS(tree)}
    return {t for t in texts if t and len(t.split()) <= S.CAPTION_MAX_WORDS}


def logo_sources(tree: _Element, base: str | None) -> set[str]:
    """URLs of images that are a site's logo or an icon, by their names or their tiny size."""
    return {url for img in tree.iter("img") if is_logo(img) for url in _image_urls(img, base)}


def is_logo(img: _Element) -> bool:
    parent = img.getparent()
    names = [img.get("class"), img.get("id"), _file_name(img.get("src"))]
    if parent is not None:
        names += [parent.get("class"), parent.get("id")]
    if S.LOGO_NAMES.search(" ".join(filter(None, names))) or S.LOGO_ALT.search(
            img.get("alt") or ""):
        return True
    sizes = [_PIXELS.match(img.get(attr) or "") for attr in ("width", "height")]
    return any(m is not None and int(m.group(1)) <= S.ICON_MAX_PIXELS for m in sizes)


def _file_name(src: str | None) -> str:
    return (src or "").split("?")[0].rstrip("/").rsplit("/", 1)[-1]
