"""Page metadata from ``<meta>`` tags, JSON-LD and a few visible elements.

Our own pass instead of trafilatura's ``with_metadata``: that one runs htmldate and costs more
than the extraction itself on a news page, while the fields we need sit in meta tags and JSON-LD
on nearly every article. Most fields take the first source that has them; the title and the
authors are chosen by agreement between sources, because a page's first ``<h1>`` is often a site
banner and its meta author often an outlet or a profile link.
"""

from __future__ import annotations

import html
import itertools
import json
import re
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from lxml.etree import XPath, _Element

from clearread import model
from clearread.links import WEB_SCHEMES, safe_url
from clearread.readers.authors import byline_names, clean_text, is_agency, name_key
from clearread.readers.html import settings as S

_WORDS = re.compile(r"\w+")
_BYLINE_ELEMENTS = XPath(S.BYLINE_XPATH)
_SLASH_DATE = re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})")
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
#: JSON-LD values looked at per script: an article's object comes within the first few dozen.
MAX_LD_VALUES = 10_000

def clean(text: str | None) -> str:
    return clean_text(text)


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
    #: every wording of the chosen title on the page (visible h1, og:title...), title first
    title_forms: tuple[str, ...] = ()
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
    """The objects of each JSON-LD script, breadth first, looking at no more than
    MAX_LD_VALUES values a script (a huge array costs linear time at most)."""
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text, strict=False)
        except ValueError:
            continue
        queue = deque([data])
        for _ in range(MAX_LD_VALUES):
            if not queue:
                break
            item = queue.popleft()
            if isinstance(item, list):
                queue.extend(item)
            elif isinstance(item, dict):
                yield item
                if isinstance(item.get("@graph"), list):
                    queue.extend(item["@graph"])


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


def _ld_authors(value: Any, people: list[str], groups: list[str]) -> None:
    """Raw author texts of a JSON-LD author value (text, object or list), sorted into people
    (persons and untyped names) and organisations."""
    if isinstance(value, list):
        for item in value:
            _ld_authors(item, people, groups)
    elif isinstance(value, str):
        people.append(html.unescape(value))
    elif isinstance(value, dict) and isinstance(value.get("name"), str):
        is_group = any(t.endswith("organization") for t in _types(value))
        (groups if is_group else people).append(html.unescape(value["name"]))


def _text(value: Any) -> str:
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str)), "")
    if isinstance(value, dict):
        value = value.get("name") or value.get("@id") or ""
    return clean(html.unescape(value)) if isinstance(value, str) else ""


def iso_date(value: str | None) -> str | None:
    """``YYYY-MM-DD`` from the usual machine-readable date forms, else None."""
    if not value:
        return None
    found = model.ISO_DATE.search(value) or _SLASH_DATE.search(value)
    return model.calendar_date(*(int(group) for group in found.groups())) if found else None


def bcp47(value: str | None) -> str:
    """The first language a page declares (``content-language`` may list several) as a BCP 47
    tag; empty when it is not one."""
    return model.language_tag(clean(value).split(",")[0])


def split_authors(raw: str) -> list[str]:
    """The names in a byline line (also used on byline lines found in the article body)."""
    return byline_names(raw)


def _first(*values: str | None) -> str:
    return next((clean(v) for v in values if v and clean(v)), "")


def _strip_site(title: str, sites: SiteNames, guess: bool) -> str:
    """``Headline | Site`` → ``Headline`` (also when the site comes first); with ``guess``
    (``<title>``, which nearly always names the site) an unknown suffix shorter than the
    first part goes too."""
    parts = S.TITLE_SEPARATORS.split(title)
    if len(parts) < 2:
        return title
    if sites.match(parts[-1]):
        return " - ".join(parts[:-1]) if len(parts) > 2 else parts[0]
    if sites.match(parts[0]):
        return parts[-1] if len(parts) == 2 else title
    longest_first = len(parts[0]) >= max(len(p) for p in parts[1:])
    return parts[0] if guess and longest_first else title


def _compact(text: str) -> str:
    """``The CTV News`` → ``ctvnews``: a site name as it would be written in a domain."""
    return "".join(_WORDS.findall(text.casefold().removeprefix("the ")))


@dataclass(frozen=True)
class SiteNames:
    """The names a site goes by (og:site_name, publisher, ``<title>`` suffix, domain): a title or
    author that is one of them names the site, not the article or a person."""

    names: tuple[str, ...]

    def match(self, text: str, or_contains: bool = False) -> bool:
        """``text`` is a site name or part of one, word for word ("News" of "Sky News"); with
        ``or_contains`` also when it holds one ("India Post News Weekly")."""
        compact, words = _compact(text), _padded_words(text)
        for name in self.names:
            other = _padded_words(name)
            if compact == _compact(name) or (len(words) > 4 and len(other) > 4 and (
                    words in other or (or_contains and other in words))):
                return True
        return False


    def with_title_rest(self, page_title: str, headline: str) -> SiteNames:
        """Also what ``<title>`` holds besides the headline ("About bugs – Vortex Cannon")."""
        parts = S.TITLE_SEPARATORS.split(page_title)
        if len(parts) < 2 or not headline:
            return self
        if name_key(parts[0]) == name_key(headline):
            return SiteNames((*self.names, parts[-1]))
        if name_key(parts[-1]) == name_key(headline):
            return SiteNames((*self.names, parts[0]))
        return self


def _padded_words(text: str) -> str:
    return f" {name_key(text).removeprefix('the ')} "


def site_names(tags: dict[str, list[str]], ld: dict[str, Any], title: str,
               source: str) -> SiteNames:
    names = [v for k in ("og:site_name", "application-name", "twitter:site")
             for v in tags.get(k, [])]
    publisher = ld.get("publisher")
    if isinstance(publisher, dict | list):
        names.append(_text(publisher))
    parts = S.TITLE_SEPARATORS.split(title)
    if len(parts) > 1 and len(parts[-1]) < max(len(p) for p in parts):
        names.append(parts[-1])
    host = re.sub(r"^www\d*\.", "", source.split("/")[2]) if source.count("/") >= 2 else ""
    if host:
        names.append(host.rsplit(".", 1)[0])
    names = [clean(n).lstrip("@") for n in names]
    return SiteNames(tuple(n for n in names if 0 < len(n.split()) <= S.SITE_NAME_MAX_WORDS))


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


# --- title ---------------------------------------------------------------------------------------


def _words(text: str) -> frozenset[str]:
    return frozenset(_WORDS.findall(text.casefold()))


def _dice(a: frozenset[str], b: frozenset[str]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


@dataclass(frozen=True)
class Candidate:
    """One wording of the title and where the page gives it: ``kind`` is ld, social (og or
    twitter), meta, title (``<title>``), article-h1 (an h1 in the article) or h1."""

    text: str
    kind: str
    words: frozenset[str]
    element: _Element | None = None

    @property
    def family(self) -> str:
        """Sources that copy each other count once: every h1 is one family."""
        return "h1" if self.element is not None else self.kind


def _metadata_titles(tree: _Element, tags: dict[str, list[str]], ld: dict[str, Any],
                     sites: SiteNames) -> list[Candidate]:
    """Titles from JSON-LD, meta tags and ``<title>``, site name removed; a title that is only
    the site's name is no candidate."""
    found = [("ld", _text(ld.get("headline")))]
    found += [("social" if key.startswith(("og:", "twitter:")) else "meta", values[0])
              for key in META_KEYS["title"] if (values := tags.get(key))]
    title_el = next(tree.iter("title"), None)
    if title_el is not None:
        found.append(("title", title_el.text_content()))
    candidates = []
    for kind, raw in found:
        text = _strip_site(clean(html.unescape(raw)), sites, guess=kind == "title")
        if text and not sites.match(text):
            candidates.append(Candidate(text, kind, _words(text)))
    return candidates


def _links_home(el: _Element) -> bool:
    href = (el.get("href") or "").split("?")[0].split("#")[0]
    path = href.split("//", 1)[-1].partition("/")[2] if "//" in href else href.lstrip("/")
    return path.strip("/") in ("", "index.html", "index.php")


def _h1_kind(el: _Element, words: frozenset[str], others: list[Candidate],
             sites: SiteNames, text: str) -> str | None:
    """How an h1 counts: "article-h1", "h1", or None for a banner (the site's name, a logo
    link home, a menu, or far shorter than the other titles without agreeing with any)."""
    ancestors = list(el.iterancestors())
    if sites.match(text) or any(a.tag in S.BANNER_TAGS and (a.tag != "a" or _links_home(a))
                                for a in ancestors):
        return None
    best = max((_dice(words, c.words) for c in others), default=1.0)
    # "Politics" matching "<title>Politics | Site" is still a banner next to a long og:title
    best_named = max((_dice(words, c.words) for c in others if c.kind != "title"), default=best)
    longest = max((len(c.words) for c in others), default=0)
    if best_named < S.TITLE_AGREEMENT and len(words) <= S.BANNER_MAX_WORD_SHARE * longest:
        return None
    in_article = any(a.tag in ("article", "main") for a in ancestors)
    return "article-h1" if in_article and best >= S.TITLE_ROUGH_AGREEMENT else "h1"


def title_candidates(tree: _Element, tags: dict[str, list[str]], ld: dict[str, Any],
                     sites: SiteNames) -> list[Candidate]:
    """Every title candidate on the page, banner h1s left out."""
    candidates = _metadata_titles(tree, tags, ld, sites)
    others = list(candidates)
    for el in itertools.islice(tree.iter("h1"), S.MAX_H1_CANDIDATES):
        text = clean(el.text_content())
        words = _words(text)
        kind = _h1_kind(el, words, others, sites, text) if words else None
        if kind:
            candidates.append(Candidate(text, kind, words, el))
    return candidates


def _support(candidate: Candidate, candidates: list[Candidate]) -> tuple[float, bool, int]:
    """How many other families agree with a candidate (an h1 in the article starts ahead);
    on a tie a visible h1 that some other source confirms, then the source's prior."""
    families = {c.family for c in candidates if c.family != candidate.family
                and _dice(c.words, candidate.words) >= S.TITLE_AGREEMENT}
    bonus = S.ARTICLE_H1_BONUS if candidate.kind == "article-h1" else 0.0
    confirmed_h1 = bool(families) and candidate.element is not None
    return len(families) + bonus, confirmed_h1, S.TITLE_PRIOR[candidate.kind]


def choose_title(candidates: list[Candidate]) -> tuple[Candidate | None, tuple[str, ...]]:
    """The best-supported candidate, in the visible h1's wording when an h1 agrees with it;
    and every wording that agrees with it."""
    if not candidates:
        return None, ()
    best = max(candidates, key=lambda c: _support(c, candidates))
    group = [c for c in candidates
             if c is best or _dice(c.words, best.words) >= S.TITLE_AGREEMENT]
    visible = [c for c in group if c.element is not None]
    shown = max(visible, key=lambda c: _support(c, candidates)) if visible else best
    return shown, tuple(dict.fromkeys([shown.text] + [c.text for c in group]))


# --- authors -------------------------------------------------------------------------------------


def _in_chrome(el: _Element) -> bool:
    """Inside a comment form, sidebar, teaser list or menu (the page's body and root aside)."""
    for node in itertools.chain((el,), el.iterancestors()):
        if node.tag in ("body", "html"):
            return False
        if node.tag in S.BYLINE_CHROME_TAGS or S.BYLINE_CHROME_NAMES.search(_hint(node)):
            return True
    return False


def _leading_text(el: _Element) -> str:
    """The element's text runs joined by spaces (``By<a>Jane</a>`` must not glue), read only
    as far as a byline can reach."""
    parts: list[str] = []
    size = 0
    for piece in el.itertext():
        parts.append(piece)
        size += len(piece)
        if size > S.BYLINE_MAX_CHARS:
            break
    return " ".join(parts)


def visible_byline(tree: _Element) -> list[str]:
    """Names in the first byline element (outside comments, sidebars and teasers) that has any."""
    for el in itertools.islice(_BYLINE_ELEMENTS(tree), S.MAX_BYLINE_ELEMENTS):
        if not _in_chrome(el) and (names := byline_names(_leading_text(el))):
            return names
    return []


def _meta_authors(tags: dict[str, list[str]]) -> list[str]:
    """Names from the first author meta tag that has any (profile URLs are not names)."""
    for key in META_KEYS["author"]:
        names = [n for raw in tags.get(key, []) if not re.match(r"https?:|www\.", raw)
                 for n in byline_names(raw)]
        if names:
            return names
    return []


def _same_person(a: str, b: str) -> bool:
    """ "Troy Smith" and "Troy L. Smith" are the same person."""
    x, y = set(name_key(a).split()), set(name_key(b).split())
    return x <= y or y <= x


def _settled(sources: list[list[str]]) -> bool:
    """The trusted sources name a person and do not contradict each other, so the visible
    byline (a whole-page search) cannot change the choice."""
    lists = [names for names in sources if names]
    return any(not is_agency(n) for names in lists for n in names) and all(
        any(_same_person(a, b) for a in lists[0] for b in other) for other in lists[1:])


def choose_authors(sources: list[list[str]]) -> tuple[str, ...]:
    """Of the author lists (most trusted source first), the one naming a person that most
    other sources agree with; news agencies only when no person is named."""
    lists = [names for names in sources if names]

    def rank(item: tuple[int, list[str]]) -> tuple[bool, int, int]:
        trust, names = item
        agreeing = sum(1 for other in lists if other is not names
                       and any(_same_person(a, b) for a in names for b in other))
        return any(not is_agency(n) for n in names), agreeing, -trust

    if not lists:
        return ()
    best = max(enumerate(lists), key=rank)[1]
    people = [n for n in best if not is_agency(n)]
    return tuple(people or best)


def read_authors(tree: _Element, tags: dict[str, list[str]], ld: dict[str, Any],
                 sites: SiteNames) -> tuple[str, ...]:
    """Author names from JSON-LD persons, author meta tags and the visible byline, chosen by
    agreement; JSON-LD organisations only when none names anyone. The site itself, its staff
    or desk ("Telegraph Sport") is never an author."""
    people: list[str] = []
    groups: list[str] = []
    _ld_authors(ld.get("author"), people, groups)

    def named(names: list[str]) -> list[str]:
        return [n for n in names if not sites.match(n, or_contains=True)]

    sources = [named([n for raw in people for n in byline_names(raw)]), named(_meta_authors(tags))]
    if not _settled(sources):
        sources.append(named(visible_byline(tree)))
    return (choose_authors(sources)
            or choose_authors([named([n for raw in groups for n in byline_names(raw)])]))


def read_meta(tree: _Element, url: str | None) -> PageMeta:
    """Every metadata field we can read from the page's markup."""
    tags = _meta_tags(tree)
    ld = _article_ld(tree)

    def tag(name: str) -> str:
        return next((v[0] for k in META_KEYS[name] if (v := tags.get(k))), "")

    publisher = ld.get("publisher")
    site = _first(tag("site_name") if not tag("site_name").startswith("@") else "",
                  _text(publisher) if isinstance(publisher, dict | list) else "")
    canonical = next((link.get("href") for link in tree.iter("link")
                      if "canonical" in (link.get("rel") or "").lower().split()), None)
    web = WEB_SCHEMES
    source = (safe_url(url, None, web) or safe_url(tag("url"), None, web)
              or safe_url(canonical, None, web) or safe_url(_text(ld.get("url")), None, web) or "")
    title_el = next(tree.iter("title"), None)
    page_title = clean(title_el.text_content()) if title_el is not None else ""
    sites = site_names(tags, ld, page_title, source)
    title, title_forms = choose_title(title_candidates(tree, tags, ld, sites))
    sites = sites.with_title_rest(page_title, title.text if title is not None else "")
    description = _first(tag("description"), _text(ld.get("description")))
    h1 = title.element if title is not None and title.element is not None else next(
        tree.iter("h1"), None)

    time_el = next((t for t in tree.iter("time") if t.get("datetime")), None)
    published = (iso_date(_text(ld.get("datePublished"))) or iso_date(tag("published"))
                 or iso_date(time_el.get("datetime") if time_el is not None else None))

    root = tree.getroottree().getroot()
    language = (bcp47(root.get("lang") or root.get("xml:lang")) or bcp47(tag("language"))
                or bcp47(_text(ld.get("inLanguage"))))
    section = _first(tag("section"), _text(ld.get("articleSection")))

    return PageMeta(
        title=title.text if title is not None else "", title_forms=title_forms,
        authors=read_authors(tree, tags, ld, sites), published=published,
        source_url=source, site_name=site, language=language, section=section,
        description=description, subtitle=_visible_dek(tree, description, h1),
    )
