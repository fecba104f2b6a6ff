"""Large-print HTML: one self-contained page per article (inline CSS, embedded font, no script).

The page is meant to be opened offline, emailed or copied to a tablet, so it carries everything it
needs and fetches nothing. Article markup comes from the shared renderer (``markup.py``); this
module adds the page around it: header with title and byline, normalised heading levels, the
theme's stylesheet and the embedded images. Numbers and colours live in ``theme.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

from clearread import model
from clearread.errors import OutputError
from clearread.links import safe_href
from clearread.options import OptionError, validate
from clearread.writers import WriteOptions
from clearread.writers import theme as th
from clearread.writers.html_assets import FigureImages, font_face_css
from clearread.writers.labels import Labels, labels_for
from clearread.writers.markup import HtmlRenderer, attr, byline_lines, escape, text
from clearread.writers.outline import normalise_headings
from clearread.writers.typography import typeset

WORDS_PER_MINUTE = 200
LONG_EMPHASIS_WORDS = 12        # longer italic runs are hard to read: shown upright
RTL_LANGUAGES = {"ar", "he", "fa", "ur", "yi", "ps", "sd", "ug", "dv"}


class PageRenderer(HtmlRenderer):
    """The shared renderer, with long emphasis kept upright and tables that scroll on their own.

    A data table cannot reflow into 320 px without breaking words apart, and WCAG 1.4.10 exempts
    it: the table scrolls inside a focusable, labelled region so the page itself never does.
    """

    def __init__(self, image_src: Callable[[model.Figure], str | None], labels: Labels) -> None:
        super().__init__(image_src=image_src, labels=labels)

    def render_emphasis(self, node: model.Emphasis) -> str:
        long = len(model.plain_text(node).split()) > LONG_EMPHASIS_WORDS
        cls = ' class="long"' if long else ""
        return f"<em{cls}>{self.render(node.children)}</em>"

    def render_table(self, node: model.Table) -> str:
        label = attr(typeset(model.plain_text(node.caption)).strip() or self.labels.table)
        return (f'<div class="table-scroll" role="region" tabindex="0" aria-label="{label}">'
                f"{super().render_table(node)}</div>")


def write(doc: model.Document, dest: Path, options: WriteOptions, fmt: str = "html") -> None:
    """Write ``doc`` as one large-print page to ``dest``."""
    page = render_page(doc, options)
    try:
        dest.write_text(page, encoding="utf-8")
    except OSError as exc:
        raise OutputError(f"{dest}: cannot write the page ({exc.strerror or exc})") from exc


def render_page(doc: model.Document, options: WriteOptions) -> str:
    _check_options(options)
    lang = page_language(doc.meta.language)
    labels = labels_for(lang)
    blocks = normalise_headings(doc.blocks, doc.meta.title)
    body = PageRenderer(FigureImages(doc), labels).blocks(blocks)
    title = doc.meta.title.strip() or labels.untitled
    direction = "rtl" if lang.split("-")[0].lower() in RTL_LANGUAGES else "ltr"
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{attr(lang)}" dir="{direction}">\n<head>\n<meta charset="utf-8"/>\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1"/>\n'
        f"<title>{escape(typeset(title), quote=False)}</title>\n"
        f"<style>\n{stylesheet(doc, options)}\n</style>\n</head>\n<body>\n<main>\n"
        '<article aria-labelledby="title">\n'
        f"{render_header(doc, title, labels)}\n{body}\n"
        "</article>\n</main>\n</body>\n</html>\n"
    )


def _check_options(options: WriteOptions) -> None:
    """The page options' one set of rules (``clearread.options``), for callers that skip the CLI."""
    try:
        validate(options.page)
    except OptionError as exc:
        raise OutputError(str(exc)) from None


def page_language(language: str) -> str:
    """The document's BCP 47 tag when it is one, else English."""
    return model.language_tag(language) or "en"


# --- structure -----------------------------------------------------------------------------------


def minutes_to_read(words: int) -> int:
    return max(1, round(words / WORDS_PER_MINUTE))


def reading_minutes(doc: model.Document) -> int:
    return minutes_to_read(model.word_count(doc))


def _source_link(meta: model.Metadata) -> str:
    href = safe_href(meta.source_url)
    host = (urlsplit(href).hostname or "") if href else ""
    name = text(meta.site_name or host.removeprefix("www.") or meta.source_url)
    if not name:
        return ""
    if href is None:
        return name
    return f'<a href="{attr(href)}" rel="noopener noreferrer">{name}</a>'


def render_header(doc: model.Document, title: str, labels: Labels) -> str:
    """Title, dek, byline, date, reading time and where the article came from."""
    meta = doc.meta
    lines = [f'<h1 id="title">{text(title)}</h1>', *byline_lines(meta, labels)]
    minutes = labels.reading_time.format(minutes=reading_minutes(doc))
    lines.append(f'<p class="meta">{text(minutes)}</p>')
    source = _source_link(meta)
    if source:
        lines.append(f'<p class="meta source">{text(labels.source)} {source}</p>')
    return "<header>\n" + "\n".join(lines) + "\n</header>"


# --- style ---------------------------------------------------------------------------------------


def _has(doc: model.Document, cls: type) -> bool:
    return any(isinstance(n, cls) for n in model.walk(doc))


def _needs_bold_italic(doc: model.Document) -> bool:
    for node in model.walk(doc):
        bold = isinstance(node, model.Strong | model.Heading) or (
            isinstance(node, model.Cell) and node.header)
        inner = model.Emphasis if bold else model.Strong
        if (bold or isinstance(node, model.Emphasis)) and any(
                isinstance(n, inner) for n in model.walk(node) if n is not node):
            return True
    return False


def font_faces(doc: model.Document) -> tuple[tuple[int, str], ...]:
    """Only the faces the article uses, to keep the page small."""
    faces = [(400, "normal"), (700, "normal")]
    if _has(doc, model.Emphasis):
        faces.append((400, "italic"))
        if _needs_bold_italic(doc):
            faces.append((700, "italic"))
    return tuple(faces)


def _font_stack(options: WriteOptions) -> str:
    return ", ".join(th.SYSTEM_STACK if options.font == "system" else th.ATKINSON_STACK)


def _palette_css(options: WriteOptions) -> str:
    base, dark = th.palettes_for(options.theme)
    css = f":root {{ color-scheme: {base.scheme}; {th.css_variables(base)} }}"
    if dark is not None:
        css += (f"\n@media (prefers-color-scheme: dark) {{ :root {{ color-scheme: {dark.scheme}; "
                f"{th.css_variables(dark)} }} }}")
    return css


def stylesheet(doc: model.Document, options: WriteOptions) -> str:
    """The page's whole stylesheet: font, theme colours, typography, print and motion rules."""
    root_pct = options.font_size / th.BROWSER_DEFAULT_PX * 100
    fonts = font_face_css("Atkinson Hyperlegible", font_faces(doc)) \
        if options.font == "atkinson" else ""
    heading_sizes = "\n".join(f"h{n} {{ font-size: {size}rem; }}"
                              for n, size in th.HEADING_REM.items())
    return "\n".join(part for part in (
        fonts,
        _palette_css(options),
        BASE_CSS.format(root_pct=f"{root_pct:g}", font=_font_stack(options),
                        mono=", ".join(th.MONO_STACK), lh=th.LINE_HEIGHT,
                        hlh=th.HEADING_LINE_HEIGHT, para=f"{th.PARAGRAPH_SPACING_EM:g}",
                        measure=th.MEASURE_EM),
        heading_sizes,
        f"@media print {{ :root {{ {th.css_variables(th.PRINT)} }} {PRINT_CSS} }}",
        MOTION_CSS,
    ) if part)


BASE_CSS = """\
html {{ font-size: {root_pct}%; background: var(--background); color: var(--text);
  -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }}
*, *::before, *::after {{ box-sizing: border-box; }}
body {{ margin: 0; padding: 1.5rem 1rem 3rem; background: var(--background); color: var(--text);
  font-family: {font}; font-size: 1rem; line-height: {lh}; text-align: start;
  hyphens: manual; overflow-wrap: break-word; }}
main {{ max-width: {measure}em; margin: 0 auto; }}
p, ul, ol, blockquote, figure, table, pre, hr {{ margin: 0 0 {para}em; }}
h1, h2, h3, h4, h5, h6 {{ color: var(--heading); font-weight: 700; line-height: {hlh};
  margin: 1.5em 0 0.6em; }}
h1 {{ margin-top: 0; }}
a {{ color: var(--link); text-decoration: underline; text-decoration-thickness: 0.08em;
  text-underline-offset: 0.15em; }}
a:visited {{ color: var(--visited); }}
a:hover {{ text-decoration-thickness: 0.16em; }}
a:focus-visible, .table-scroll:focus-visible {{ outline: 0.15em solid var(--focus);
  outline-offset: 0.15em; }}
em {{ font-style: italic; }}
em.long {{ font-style: normal; }}
strong, b, th {{ font-weight: 700; }}
blockquote {{ margin-inline: 0; padding-inline-start: 1em; font-style: normal;
  border-inline-start: 0.3em solid var(--quote-border); }}
blockquote > :last-child, li > :last-child, header > :last-child {{ margin-bottom: 0; }}
ul, ol {{ padding-inline-start: 1.5em; }}
li {{ margin-bottom: 0.8em; }}
figure {{ margin-inline: 0; }}
img {{ display: block; max-width: 100%; height: auto; }}
figcaption, caption {{ color: var(--caption); margin-top: 0.5em; text-align: start; }}
caption {{ caption-side: top; font-weight: 700; margin-bottom: 0.5em; }}
.image-text {{ margin: 0; padding: 0.5em 0.75em; border: 0.1em dashed var(--rule); }}
.table-scroll {{ overflow-x: auto; margin: 0 0 {para}em; }}
.table-scroll > table {{ margin: 0; }}
table {{ border-collapse: collapse; width: 100%; }}
th, td {{ border: 0.06em solid var(--rule); padding: 0.4em 0.6em; text-align: start;
  vertical-align: top; overflow-wrap: normal; }}
pre, code {{ font-family: {mono}; font-size: 1em; }}
pre {{ white-space: pre-wrap; overflow-wrap: anywhere; padding-inline-start: 0.75em;
  border-inline-start: 0.3em solid var(--rule); }}
hr {{ border: 0; border-top: 0.1em solid var(--rule); }}
header {{ margin-bottom: {para}em; padding-bottom: 1em; border-bottom: 0.1em solid var(--rule); }}
header p {{ margin: 0 0 0.5em; }}
.subtitle {{ font-size: 1.25rem; margin-bottom: 1em; }}
.meta {{ color: var(--muted); }}
.source a {{ overflow-wrap: anywhere; }}"""

PRINT_CSS = """\
html, body { background: none !important; }
body { padding: 0; }
main { max-width: none; }
a[href^="http"]::after { content: " (" attr(href) ")"; overflow-wrap: anywhere; }
h1, h2, h3, h4, h5, h6 { break-after: avoid; }
figure, pre, blockquote, tr, img { break-inside: avoid; }"""

MOTION_CSS = """\
@media (prefers-reduced-motion: reduce) {
  *, *::before, *::after { animation: none !important; transition: none !important;
    scroll-behavior: auto !important; }
}"""
