"""Page metadata from ``<meta>`` tags, JSON-LD and a few visible elements.

Our own pass instead of trafilatura's ``with_metadata``: that one runs htmldate and costs more
than the extraction itself on a news page, while the fields we need sit in meta tags and JSON-LD
on nearly every article. Sources are tried in order of reliability, first non-empty wins.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from lxml.etree import _Element

from clearread.readers import html_settings as S
from clearread.readers.html_map import safe_url

_SPACES = re.compile(r"\s+")
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_SLASH_DATE = re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})")
_LANG = re.compile(r"^[a-zA-Z]{2,3}([-_][a-zA-Z0-9]{2,8})*$")
ARTICLE_TYPES = frozenset({"article", "newsarticle", "blogposting", "reportagenewsarticle",
                           "analysisnewsarticle", "opinionnewsarticle", "reviewnewsarticle",
                           "scholarlyarticle", "techarticle", "report", "liveblogposting",
                           "backgroundnewsarticle", "socialmediaposting", "webpage"})
#: meta name/property keys for each field, most reliable first
META_KEYS: dict[str, tuple[str, ...]] = {
    "title": ("og:title", "twitter:title", "dc.title", "headline", "sailthru.title"),
    "description": ("description", "og:description", "twitter:description", "dc.description"),
    "author": ("author", "article:author", "dc.creator", "byl", "sailthru.author",
               "parsely-author", "citation_author"),
    "published": ("article:published_time", "datepublished", "pubdate", "publishdate",
                  "date", "dc.date", "dcterms.created", "sailthru.date", "parsely-pub-date",
                  "og:published_time", "citation_publication_date", "article:modified_time"),
    "site_name": ("og:site_name", "application-name", "twitter:site"),
    "section": ("article:section", "section", "parsely-section", "category"),
    "url": ("og:url", "twitter:url"),
    "language": ("og:locale", "dc.language", "language", "content-language"),
}


#: Visible byline elements, used when no meta tag or JSON-LD names the authors.
BYLINE_XPATH = ('//*[@rel="author" or @itemprop="author" or contains(@class, "byline")'
                ' or contains(@class, "author-name")]')


def clean(text: str | None) -> str:
    return _SPACES.sub(" ", text or "").strip()


@dataclass
class PageMeta:
    """Metadata candidates gathered from one parsed page."""

    title: str = ""
    subtitle: str = ""
    authors: tuple[str, ...] = ()
    published: str | None = None
    source_url: str = ""
    site_name: str = ""
    language: str = ""
    section: str = ""
    description: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


def _meta_tags(tree: _Element) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for el in tree.iter("meta"):
        key = el.get("property") or el.get("name") or el.get("itemprop") or el.get("http-equiv")
        content = clean(el.get("content"))
        if key and content:
            found.setdefault(key.strip().lower(), []).append(content)
    return found


def _jsonld_objects(tree: _Element) -> Iterator[dict[str, Any]]:
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text, strict=False)
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                yield item
                if isinstance(item.get("@graph"), list):
                    stack.extend(item["@graph"])


def _types(obj: dict[str, Any]) -> set[str]:
    kind = obj.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return {k.lower() for k in kinds if isinstance(k, str)}


def _article_ld(tree: _Element) -> dict[str, Any]:
    """The JSON-LD object describing the article (not the site, breadcrumbs or an image)."""
    best: dict[str, Any] = {}
    for obj in _jsonld_objects(tree):
        types = _types(obj)
        if types & ARTICLE_TYPES - {"webpage"} or (not best and "headline" in obj):
            return obj
        if "webpage" in types and not best:
            best = obj
    return best


def _names(value: Any) -> list[str]:
    """Author names from a JSON-LD author value (text, object, or a list of them)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return _names(value.get("name"))
    if isinstance(value, list):
        return [n for v in value for n in _names(v)]
    return []


def _text(value: Any) -> str:
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str)), "")
    if isinstance(value, dict):
        value = value.get("name") or value.get("@id") or ""
    return clean(value) if isinstance(value, str) else ""


def iso_date(value: str | None) -> str | None:
    """``YYYY-MM-DD`` from the usual machine-readable date forms, else None."""
    if not value:
        return None
    found = _ISO_DATE.search(value) or _SLASH_DATE.search(value)
    if not found:
        return None
    year, month, day = (int(g) for g in found.groups())
    if not (1900 <= year <= 2100 and 1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def bcp47(value: str | None) -> str:
    """A BCP 47 tag (``en-US``) from ``en_us``-style labels; empty when it is not one."""
    value = clean(value).split(",")[0].strip()
    if not value or not _LANG.match(value):
        return ""
    parts = value.replace("_", "-").split("-")
    return "-".join([parts[0].lower()] + [p.upper() if len(p) == 2 else p for p in parts[1:]])


def split_authors(raw: str) -> list[str]:
    raw = re.sub(r"^\s*by\s+", "", raw, flags=re.IGNORECASE)
    parts = re.split(r"\s*(?:,|;|\band\b|&|\|)\s*", raw)
    return [p for p in (clean(x) for x in parts) if p and not p.lower().startswith("http")]


def _first(*values: str | None) -> str:
    return next((clean(v) for v in values if v and clean(v)), "")


def _strip_site(title: str, site: str) -> str:
    """``Headline | Site`` → ``Headline`` (also when the site comes first)."""
    parts = S.TITLE_SEPARATORS.split(title)
    if len(parts) < 2:
        return title
    site_l = site.lower()
    if site_l and parts[-1].lower() == site_l:
        return " - ".join(parts[:-1]) if len(parts) > 2 else parts[0]
    if site_l and parts[0].lower() == site_l:
        return parts[-1] if len(parts) == 2 else title
    return parts[0] if len(parts[0]) >= max(len(p) for p in parts[1:]) else title


def _hint(el: _Element) -> str:
    return f"{el.get('class') or ''} {el.get('id') or ''}"


def _is_dek_element(el: _Element) -> bool:
    """Shown as a dek: a subheading, or an element (or its parent) classed as one."""
    if el.tag in {"h2", "h3"}:
        return True
    for node in (el, el.getparent()):
        if node is not None and S.DEK_HINTS.search(_hint(node)):
            return True
    return False


def _visible_dek(tree: _Element, description: str, h1: _Element | None) -> str:
    """The dek shown under the headline, or "" when the page has none.

    The meta description counts only when the page shows it as a dek (a subheading or a
    dek-classed element): descriptions are often just the article's first paragraph, which
    belongs to the body. Otherwise a short dek-classed element near the headline is used.
    """
    want = description.lower()
    if want and not want.endswith(("...", "…")) and len(description) <= S.DEK_MAX_CHARS:
        prefix = want[:24]
        for el in tree.iter("h2", "h3", "p", "div", "span"):
            if not el.text or el.text.isspace():
                continue
            if clean(el.text[:80]).lower().startswith(prefix) and clean(
                    el.text_content()).lower() == want:
                if _is_dek_element(el):
                    return description
                break
    if h1 is None:
        return ""
    scope = h1.getparent()
    for _ in range(2):
        if scope is not None and scope.getparent() is not None and scope.tag != "body":
            scope = scope.getparent()
    if scope is None:
        return ""
    for el in scope.iter("h2", "p", "div", "span"):
        if S.DEK_HINTS.search(_hint(el)):
            text = clean(el.text_content())
            if 3 <= len(text.split()) <= 60:
                return text
    return ""


def read_meta(tree: _Element, url: str | None) -> PageMeta:
    """Every metadata field we can read from the page's markup."""
    tags = _meta_tags(tree)
    ld = _article_ld(tree)

    def tag(name: str) -> str:
        return next((v[0] for k in META_KEYS[name] if (v := tags.get(k))), "")

    publisher = ld.get("publisher")
    site = _first(tag("site_name") if not tag("site_name").startswith("@") else "",
                  _text(publisher) if isinstance(publisher, dict | list) else "")
    h1 = next(tree.iter("h1"), None)
    title_el = next(tree.iter("title"), None)
    raw_title = _first(_text(ld.get("headline")), tag("title"),
                       clean(h1.text_content()) if h1 is not None else "",
                       title_el.text if title_el is not None else "")
    description = _first(tag("description"), _text(ld.get("description")))

    authors = _names(ld.get("author"))
    if not authors:
        for key in META_KEYS["author"]:
            authors = [a for raw in tags.get(key, []) for a in split_authors(raw)]
            if authors:
                break
    if not authors:
        for el in tree.xpath(BYLINE_XPATH):
            text = clean(el.text_content())
            if 0 < len(text.split()) <= S.SHORT_LINE_WORDS:
                authors.extend(split_authors(text))
            if authors:
                break
    names = tuple(dict.fromkeys(clean(a) for a in authors if clean(a) and len(a) < 80))

    time_el = next((t for t in tree.iter("time") if t.get("datetime")), None)
    published = (iso_date(_text(ld.get("datePublished"))) or iso_date(tag("published"))
                 or iso_date(time_el.get("datetime") if time_el is not None else None))

    canonical = next((link.get("href") for link in tree.iter("link")
                      if "canonical" in (link.get("rel") or "").lower().split()), None)
    web = ("http", "https")
    source = (safe_url(url, None, web) or safe_url(tag("url"), None, web)
              or safe_url(canonical, None, web) or safe_url(_text(ld.get("url")), None, web) or "")

    root = tree.getroottree().getroot()
    language = (bcp47(root.get("lang") or root.get("xml:lang")) or bcp47(tag("language"))
                or bcp47(_text(ld.get("inLanguage"))))
    section = _first(tag("section"), _text(ld.get("articleSection")))

    return PageMeta(
        title=_strip_site(raw_title, site), authors=names, published=published,
        source_url=source, site_name=site, language=language, section=section,
        description=description, subtitle=_visible_dek(tree, description, h1),
    )
