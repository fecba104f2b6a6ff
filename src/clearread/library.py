"""The output folder as a library: ``index.html`` (a large-print list of every article) and
``feed.xml`` (a podcast feed of the MP3s, so the folder can be served and subscribed to).

Both are built from the batch manifest's entries, not from the articles themselves, so they
cover every article converted into the folder, in this run or earlier ones; an MP3's running time
is the one its writer measured and recorded there, so no audio file is opened to build them.
"""

from __future__ import annotations

import hashlib
import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path
from urllib.parse import quote, urljoin

from clearread import model
from clearread.writers import WriteOptions
from clearread.writers.html import minutes_to_read, stylesheet
from clearread.writers.labels import human_date, join_names, labels_for
from clearread.writers.markup import attr, text

LINK_LABELS = (("html", "Large print"), ("epub", "EPUB e-book"),
               ("read-aloud", "Read-aloud EPUB"), ("mp3", "Audio (MP3)"),
               ("m4b", "Audiobook (M4B)"), ("wav", "Audio (WAV)"), ("txt", "Plain text"),
               ("md", "Markdown"))
READING_FORMATS = frozenset({"html", "epub", "read-aloud", "mp3", "m4b", "wav"})
MEDIA_TYPES = {"mp3": "audio/mpeg", "wav": "audio/wav"}
ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd"
ET.register_namespace("itunes", ITUNES)
#: Anything shaped like a tag (or an unclosed one at the end): feed readers would render it.
_TAG = re.compile(r"</?[A-Za-z!?][^>]*(?:>|$)")


@dataclass(frozen=True)
class Entry:
    """One converted article as the library sees it."""

    stem: str
    title: str
    authors: tuple[str, ...]
    published: str | None
    site_name: str
    description: str
    source_url: str
    words: int
    outputs: dict[str, str]
    audio_seconds: float | None = None
    audio_bytes: int = 0

    @classmethod
    def from_manifest(cls, entry: dict, folder: Path) -> Entry:
        meta = entry.get("meta", {})
        outputs = dict(entry.get("outputs", {}))
        seconds = entry.get("durations", {}).get("mp3")
        size = file_size(folder / outputs["mp3"]) if "mp3" in outputs else 0
        return cls(stem=entry.get("stem", ""), title=meta.get("title") or entry.get("stem", ""),
                   authors=tuple(meta.get("authors") or ()), published=meta.get("published"),
                   site_name=meta.get("site_name") or "",
                   description=meta.get("description") or "",
                   source_url=meta.get("source_url") or "", words=int(entry.get("words", 0)),
                   outputs=outputs, audio_seconds=seconds, audio_bytes=size)


def file_size(path: Path) -> int:
    """The enclosure's length in bytes (0 when the file went missing meanwhile)."""
    try:
        return path.stat().st_size
    except OSError:
        return 0


def minutes(seconds: float) -> int:
    return max(1, round(seconds / 60))


def render_entry(entry: Entry) -> str:
    labels = labels_for("en")
    lines = [f"<h2>{text(entry.title)}</h2>"]
    if entry.authors:
        byline = labels.by.format(names=join_names(entry.authors, labels))
        lines.append(f'<p class="byline">{text(byline)}</p>')
    facts = []
    day = model.published_day(entry.published)
    if day is not None:
        when = text(human_date(day, labels))
        facts.append(f'<time datetime="{day.isoformat()}">{when}</time>')
    if entry.words:
        facts.append(f"{minutes_to_read(entry.words)} min read")
    if entry.audio_seconds:
        facts.append(f"{minutes(entry.audio_seconds)} min listen")
    if entry.site_name:
        facts.append(text(entry.site_name))
    if facts:
        lines.append(f'<p class="meta">{" · ".join(facts)}</p>')
    links = [f'<li><a href="{attr(quote(entry.outputs[fmt]))}">{label}'
             f'<span class="visually-hidden">: {text(entry.title)}</span></a></li>'
             for fmt, label in LINK_LABELS if fmt in entry.outputs]
    if links:
        lines.append('<ul class="formats">' + "".join(links) + "</ul>")
    return "<li>\n" + "\n".join(lines) + "\n</li>"


INDEX_CSS = """\
ul.library { list-style: none; padding: 0; }
ul.library > li { margin-block-end: 2.5em; }
ul.formats { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 0.5em 1.5em; }
.visually-hidden { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0;
  border: 0; clip-path: inset(50%); white-space: nowrap; overflow: hidden; }"""


def render_index(entries: Sequence[Entry], options: WriteOptions, title: str = "Library") -> str:
    style_doc = model.Document()
    count = f"{len(entries)} article{'s' if len(entries) != 1 else ''}"
    items = "\n".join(render_entry(e) for e in entries)
    return (
        "<!DOCTYPE html>\n<html lang=\"en\" dir=\"ltr\">\n<head>\n<meta charset=\"utf-8\"/>\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1"/>\n'
        f"<title>{text(title)}</title>\n"
        f"<style>\n{stylesheet(style_doc, options)}\n{INDEX_CSS}\n</style>\n</head>\n<body>\n"
        f'<main>\n<header>\n<h1>{text(title)}</h1>\n<p class="meta">{count}</p>\n</header>\n'
        f'<ul class="library">\n{items}\n</ul>\n</main>\n</body>\n</html>\n'
    )


def _rfc822(published: str | None) -> str | None:
    day = model.published_day(published)
    if day is None:
        return None
    return format_datetime(datetime(day.year, day.month, day.day, 12, tzinfo=UTC))


def _duration(seconds: float) -> str:
    total = round(seconds)
    return f"{total // 3600:d}:{total % 3600 // 60:02d}:{total % 60:02d}"


def plain_text(text: str) -> str:
    """A page's description as plain text: feed readers show ``<description>`` as HTML."""
    return " ".join(_TAG.sub(" ", text).split())


def folder_url(base_url: str) -> str:
    """``--base-url`` names the folder the files are served from, with or without its slash."""
    return base_url if not base_url or base_url.endswith("/") else base_url + "/"


def _child(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs)
    element.text = text
    return element


def feed_item(channel: ET.Element, entry: Entry, base_url: str) -> None:
    """One ``<item>``: the MP3 as its enclosure, and the facts a podcast app shows."""
    mp3 = entry.outputs["mp3"]
    url = urljoin(folder_url(base_url), quote(mp3)) if base_url else quote(mp3)
    guid = hashlib.sha256((entry.source_url or entry.stem).encode()).hexdigest()[:32]
    item = _child(channel, "item")
    _child(item, "title", entry.title)
    _child(item, "enclosure", url=url, length=str(entry.audio_bytes), type=MEDIA_TYPES["mp3"])
    _child(item, "guid", guid, isPermaLink="false")
    optional = {
        "description": plain_text(entry.description),
        f"{{{ITUNES}}}author": ", ".join(entry.authors),
        "link": entry.source_url if entry.source_url.startswith(("http://", "https://")) else "",
        "pubDate": _rfc822(entry.published),
        f"{{{ITUNES}}}duration": _duration(entry.audio_seconds) if entry.audio_seconds else "",
    }
    for tag, value in optional.items():
        if value:
            _child(item, tag, value)


def render_feed(entries: Sequence[Entry], base_url: str = "", title: str = "Library") -> str:
    """The podcast feed, built as XML (the library escapes every value) rather than as text."""
    rss = ET.Element("rss", version="2.0")
    channel = _child(rss, "channel")
    _child(channel, "title", title)
    _child(channel, "link", base_url or "index.html")
    _child(channel, "description", "Articles read aloud by clearread")
    _child(channel, "language", "en")
    _child(channel, f"{{{ITUNES}}}explicit", "false")
    for entry in entries:
        if "mp3" in entry.outputs:
            feed_item(channel, entry, base_url)
    ET.indent(rss)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(rss, encoding="unicode") + "\n"


def entries_from_manifest(manifest_entries: dict[str, dict], folder: Path) -> list[Entry]:
    """Every article whose files are still there, newest first."""
    entries = [Entry.from_manifest(e, folder) for e in manifest_entries.values()
               if all((folder / name).exists() for name in e.get("outputs", {}).values())]
    return sorted(entries, key=lambda e: (e.published or "", e.title), reverse=True)
