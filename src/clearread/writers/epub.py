"""EPUB 3 writer: one article, or many articles as one book (``write_bundle``).

ebooklib assembles the package (OPF, nav document, NCX); the article bodies come from the shared
``markup.HtmlRenderer``. Two things ebooklib cannot do are finished here: ``xml:lang`` on the OPF
``<package>``, and byte-reproducible zips (fixed entry dates and order, ``mimetype`` first and
stored). Each article opens with a title page; long articles are split at their top-level
headings so reading systems do not choke on one huge file.
"""

from __future__ import annotations

import dataclasses
import io
import re
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ebooklib import epub
from lxml import etree

from clearread import model
from clearread.errors import OutputError
from clearread.images import ImageCache
from clearread.links import safe_href
from clearread.writers import WriteOptions
from clearread.writers import epub_book as book_info
from clearread.writers.cover import cover_image
from clearread.writers.labels import Labels, labels_for
from clearread.writers.markup import HtmlRenderer, attr, byline_lines, escape, text, xml_safe
from clearread.writers.outline import normalise_headings

SPLIT_CHARS = 40_000          # articles longer than this are split at top-level headings
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
CSS_PATH = "style/book.css"
COVER_PATH = "images/cover.jpg"
CSS = """\
body { margin: 0 0.5em; line-height: 1.5; text-align: left; hyphens: manual; }
h1, h2, h3, h4, h5, h6 { line-height: 1.25; margin: 1.2em 0 0.5em; text-align: left; }
h1 { font-size: 1.6em; }
h2 { font-size: 1.35em; }
h3 { font-size: 1.2em; }
h4, h5, h6 { font-size: 1.05em; }
p { margin: 0 0 0.8em; text-indent: 0; }
blockquote { margin: 1em 0 1em 1em; padding-left: 0.8em; border-left: 0.2em solid; }
ul, ol { margin: 0 0 0.8em; padding-left: 1.5em; }
li { margin-bottom: 0.3em; }
figure { margin: 1em 0; }
img { max-width: 100%; height: auto; }
figcaption { margin-top: 0.3em; }
pre { white-space: pre-wrap; overflow-wrap: break-word; font-size: 0.9em; }
table { border-collapse: collapse; margin: 1em 0; }
th, td { border: 0.06em solid; padding: 0.2em 0.4em; text-align: left; vertical-align: top; }
.titlepage { margin-bottom: 2em; }
.subtitle { font-size: 1.2em; }
.cover { margin: 0; text-align: center; }
.cover img { max-height: 100%; }
"""

@dataclass
class Chapter:
    """One XHTML file: its name, title, body markup and (level, text, anchor) of its headings."""

    name: str
    title: str
    lang: str
    body: list[str] = field(default_factory=list)
    headings: list[tuple[int, str, str]] = field(default_factory=list)


@dataclass
class Images:
    """Image files collected across the book, prepared like every writer's pictures (pixel
    limit, downscaled, no metadata) and named by content hash so duplicates share one."""

    files: dict[str, tuple[str, bytes]] = field(default_factory=dict)
    described: bool = True
    cache: ImageCache = field(default_factory=ImageCache)

    def source(self, doc: model.Document, fig: model.Figure) -> str | None:
        resource = doc.resource(fig.src)
        prepared = self.cache.get(resource.data) if resource is not None else None
        if prepared is None:
            return None
        name = f"images/{prepared.digest[:16]}.{prepared.extension}"
        self.files[name] = (prepared.media_type, prepared.data)
        self.described = self.described and bool(fig.alt.strip() or fig.caption)
        return name


class _Renderer(HtmlRenderer):
    """The shared renderer plus a book-unique id on every heading (for the nav links)."""

    def __init__(self, image_src: Callable[[model.Figure], str | None], prefix: str,
                 labels: Labels) -> None:
        super().__init__(image_src, labels)
        self.prefix = prefix
        self.count = 0
        self.block_index = 0   # the top-level block being rendered, as numbered in the article

    def anchor(self) -> str:
        return f"{self.prefix}h{self.count}"

    def render_heading(self, node: model.Heading) -> str:
        self.count += 1
        return super().render_heading(node).replace(">", f' id="{self.anchor()}">', 1)


def title_page(doc: model.Document, title: str, words: Labels) -> str:
    """The opening block of an article: title, subtitle, authors, date, site and source link."""
    meta = doc.meta
    lines = [f"<h1>{text(title)}</h1>", *byline_lines(meta, words)]
    if meta.site_name.strip():
        lines.append(f'<p class="site">{escape(meta.site_name.strip())}</p>')
    href = safe_href(meta.source_url)
    if href:
        lines.append(f'<p class="source">{escape(words.source)} '
                     f'<a href="{attr(href)}">{escape(href)}</a></p>')
    return '<section class="titlepage">\n' + "\n".join(lines) + "\n</section>"


class Extras:
    """What a variant of the book adds to the plain one (the read-aloud book adds narration)."""

    renderer: type[_Renderer] = _Renderer
    css = ""

    def finish(self, book: epub.EpubBook, placed: list[tuple[int, Chapter, epub.EpubHtml]]
               ) -> None:
        """Called with each (article number, chapter, item) once the book is assembled."""


def chapters(doc: model.Document, number: int, images: Images,
             renderer_class: type[_Renderer] = _Renderer) -> list[Chapter]:
    """The article as one XHTML file, or several split at top-level headings when it is long."""
    lang = book_info.language_of(doc)
    title = book_info.title_of(doc)
    shaped = dataclasses.replace(doc, blocks=normalise_headings(doc.blocks, title))
    long = len(model.plain_text(shaped.blocks)) > SPLIT_CHARS
    renderer = renderer_class(lambda fig: images.source(doc, fig), f"a{number}",
                              labels_for(lang))
    parts = [Chapter(f"a{number:03d}.xhtml", title, lang,
                     [title_page(doc, title, labels_for(lang))])]
    dropped = len(doc.blocks) - len(shaped.blocks)   # a first heading repeating the title
    for renderer.block_index, block in enumerate(shaped.blocks, start=dropped):
        is_heading = isinstance(block, model.Heading)
        if long and is_heading and block.level == 2 and len(parts[-1].body) > 1:
            text = model.plain_text(block).strip()
            parts.append(Chapter(f"a{number:03d}-{len(parts) + 1}.xhtml",
                                 f"{title} — {text}", lang))
        html = renderer.blocks([block])
        if is_heading:
            parts[-1].headings.append(
                (block.level, model.plain_text(block).strip(), renderer.anchor()))
        if html:
            parts[-1].body.append(html)
    return parts


def _has_content(doc: model.Document) -> bool:
    return bool(model.plain_text(doc.blocks).strip()) or any(
        isinstance(n, model.Figure) and (n.alt.strip() or doc.resource(n.src))
        for n in model.walk(doc))


def _nest(entries: list[tuple[int, epub.Link]]) -> list[object]:
    """Flat (level, link) pairs → ebooklib's nested toc: (Link, [children]) or a bare Link."""
    root: list[object] = []
    stack: list[tuple[int, list[object]]] = [(0, root)]
    for level, link in entries:
        while stack[-1][0] >= level:
            stack.pop()
        children: list[object] = []
        stack[-1][1].append((link, children))
        stack.append((level, children))
    return [_leaf(node) for node in root]


def _leaf(node: object) -> object:
    link, children = node  # type: ignore[misc]
    return (link, [_leaf(c) for c in children]) if children else link


def _toc_for(parts: list[Chapter], title: str, number: int) -> object:
    """The article's nav entry: its title linking to the title page, its headings nested below."""
    flat = [(part.name, h) for part in parts for h in part.headings]
    entries = [(level, epub.Link(f"{name}#{anchor}", text or "\u2014", f"n{number}-{i}"))
               for i, (name, (level, text, anchor)) in enumerate(flat)]
    link = epub.Link(parts[0].name, title, f"n{number}")
    nested = _nest(entries)
    return (link, nested) if nested else link


def _xhtml(part: Chapter) -> str:
    return "<html><head></head><body>\n" + "\n".join(part.body) + "\n</body></html>"


def _unique(values: Sequence[str]) -> list[str]:
    return list(dict.fromkeys(v.strip() for v in values if v and v.strip()))


def _metadata(book: epub.EpubBook, docs: Sequence[model.Document], title: str,
              images: Images) -> None:
    """Dublin Core and accessibility metadata; every value comes from the articles."""
    languages = _unique([book_info.language_of(d) for d in docs])
    book.set_identifier(book_info.identifier(docs, title if len(docs) > 1 else ""))
    book.set_title(title)
    for language in languages:
        book.set_language(language)
    book.language = languages[0]
    authors = _unique([a for d in docs for a in d.meta.authors])
    for i, author in enumerate(authors):
        book.add_author(author, uid=f"creator{i}")
    for site in _unique([d.meta.site_name for d in docs]):
        book.add_metadata("DC", "publisher", site)
    for url in _unique([d.meta.source_url for d in docs if safe_href(d.meta.source_url)]):
        book.add_metadata("DC", "source", url)
    dates = [d for d in (book_info.publication_date(doc) for doc in docs) if d]
    if dates:
        book.add_metadata("DC", "date", max(dates))
    single = docs[0].meta
    description = (single.description or single.subtitle if len(docs) == 1
                   else "; ".join(book_info.title_of(d) for d in docs))
    if description.strip():
        book.add_metadata("DC", "description", description.strip())
    # the cover page is an image in the reading order, so every book has visual content
    metas = book_info.accessibility(True, images.described, languages[0])
    for prop, value in metas:
        book.add_metadata(None, "meta", value, {"property": prop})


def _cover(book: epub.EpubBook, docs: Sequence[model.Document], title: str,
           css: epub.EpubItem) -> epub.EpubHtml:
    """Cover image (manifest ``cover-image``) plus a linear cover page that gives it alt text."""
    authors = _unique([a for d in docs for a in d.meta.authors])
    sites = _unique([d.meta.site_name for d in docs])
    # JPEG: encodes ~10x faster than PNG at this size, and every reading system shows it
    book.set_cover(COVER_PATH, cover_image(title, authors, ", ".join(sites), fmt="JPEG"),
                   create_page=False)
    words = labels_for(book.language)
    alt = f"{words.cover}: {title}" + (f" — {', '.join(authors)}" if authors else "")
    page = epub.EpubHtml(uid="cover", file_name="cover.xhtml", title=words.cover,
                         lang=book.language)
    page.content = ('<html><head></head><body><section class="cover">'
                    f'<img src="{COVER_PATH}" alt="{attr(alt)}"/></section></body></html>')
    page.add_item(css)
    book.add_item(page)
    return page


def _build(docs: Sequence[model.Document], title: str, extras: Extras) -> bytes:
    """The whole book as zip bytes, before the reproducibility pass."""
    images = Images()
    articles = [chapters(doc, i + 1, images, extras.renderer) for i, doc in enumerate(docs)]
    book = epub.EpubBook()
    _metadata(book, docs, title, images)
    css = epub.EpubItem(uid="css", file_name=CSS_PATH, media_type="text/css",
                        content=CSS + extras.css)
    book.add_item(css)
    spine: list[object] = [_cover(book, docs, title, css), "nav"]
    placed = []
    for number, parts in enumerate(articles, start=1):
        for part in parts:
            item = epub.EpubHtml(uid=Path(part.name).stem, file_name=part.name,
                                 title=part.title, lang=part.lang)
            item.content = _xhtml(part)
            item.add_item(css)
            book.add_item(item)
            spine.append(item)
            placed.append((number, part, item))
    for i, (name, (media_type, data)) in enumerate(images.files.items()):
        book.add_item(epub.EpubImage(uid=f"img{i}", file_name=name, media_type=media_type,
                                     content=data))
    book.toc = [_toc_for(parts, book_info.title_of(doc), n)
                for n, (doc, parts) in enumerate(zip(docs, articles, strict=True), start=1)]
    book.add_item(epub.EpubNcx())
    nav = epub.EpubNav(title=labels_for(book.language).contents)
    nav.add_item(css)
    book.add_item(nav)
    book.spine = spine
    extras.finish(book, placed)
    out = io.BytesIO()
    epub.write_epub(out, book, {"mtime": book_info.modified(docs), "compresslevel": 0,
                                "epub3_landmark": False, "epub2_guide": False,
                                "raise_exceptions": True})
    return out.getvalue()


_PACKAGE = re.compile(rb"<package\b")


def _check_xml(name: str, data: bytes) -> None:
    """ebooklib turns an unparsable chapter into an empty file; refuse to ship that book."""
    try:
        etree.fromstring(data)
    except etree.XMLSyntaxError as exc:
        raise OutputError(f"EPUB: {name} is not well-formed XHTML ({exc})") from exc


def _finish(raw: bytes, language: str) -> bytes:
    """Re-zip with fixed dates and order, and add ``xml:lang`` to the OPF ``<package>``."""
    source = zipfile.ZipFile(io.BytesIO(raw))
    names = source.namelist()
    order = ["mimetype"] + [n for n in names if n != "mimetype"]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in order:
            data = source.read(name)
            if name.endswith((".xhtml", ".opf", ".ncx")):
                _check_xml(name, data)
            if name.endswith(".opf"):
                data = _PACKAGE.sub(f'<package xml:lang="{attr(language)}"'.encode(), data, 1)
            info = zipfile.ZipInfo(name, ZIP_DATE)
            info.external_attr = 0o644 << 16
            info.create_system = 3
            stored = name == "mimetype"
            info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            target.writestr(info, data, compresslevel=None if stored else 6)
    return out.getvalue()


def _write(docs: Sequence[model.Document], dest: Path, title: str, extras: Extras) -> None:
    if not docs:
        raise OutputError("EPUB: no articles to write")
    empty = [book_info.title_of(d) for d in docs if not _has_content(d)]
    if empty:
        raise OutputError(f"EPUB: no article text in {', '.join(empty)}")
    try:
        data = _finish(_build(docs, title, extras), book_info.language_of(docs[0]))
    except (OSError, ValueError, TypeError, KeyError, zipfile.BadZipFile,
            epub.EpubException) as exc:
        raise OutputError(f"EPUB: could not build the book ({exc})") from exc
    try:
        dest.write_bytes(data)
    except OSError as exc:
        raise OutputError(f"EPUB: cannot write {dest} ({exc.strerror or exc})") from exc


def write(doc: model.Document, dest: Path, options: WriteOptions, fmt: str = "epub",
          extras: Extras | None = None) -> None:
    """One article → one EPUB at ``dest``."""
    doc = xml_safe(doc)
    _write([doc], dest, book_info.title_of(doc), extras or Extras())


def write_bundle(docs: Sequence[model.Document], dest: Path, options: WriteOptions,
                 fmt: str = "epub", extras: Extras | None = None) -> None:
    """Many articles → one EPUB titled ``options.bundle_title``, one chapter per article."""
    docs = [xml_safe(doc) for doc in docs]
    words = labels_for(book_info.language_of(docs[0]) if docs else "en")
    title = xml_safe(model.Document(model.Metadata(title=options.bundle_title or ""))).meta.title
    _write(docs, dest, title.strip() or words.articles, extras or Extras())
