"""Read-aloud EPUB: the EPUB writer's book plus narration, synchronised sentence by sentence
(EPUB 3 Media Overlays), so reading systems highlight each sentence as it is spoken.

The book is built by ``epub`` with two extras: a renderer that gives every sentence (and the
title, headings, list items, figures, tables, rows and cells) an id made from the same ``ref``
the speech script gives the segment that reads it, and a finishing step that adds each
article's narration (the MP3 writer's, made once and shared) and one SMIL overlay per content
document. Clip times are the narration's measured sample positions in the decoded MP3.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections.abc import Sequence
from pathlib import Path

from ebooklib import epub as ebook

from clearread import model
from clearread.model import Document
from clearread.speech.engine import SAMPLE_RATE
from clearread.speech.script import sentences
from clearread.writers import WriteOptions, audio, epub

ACTIVE_CLASS = "-epub-media-overlay-active"
# explicit colours on both sides: the highlight shows in the light book and in a reader's night
# or sepia theme alike
CSS = f"""
.{ACTIVE_CLASS} {{ background-color: #ffe066; color: #000000; border-radius: 0.15em; }}
"""
#: Title-page elements and the refs the speech script gives what it says for them.
TITLE_REFS = (("<h1>", "t"), ('<p class="subtitle">', "st"), ('<p class="byline">', "by"),
              ('<p class="meta date">', "date"), ('<p class="site">', "site"))
FEATURES = (("schema:accessMode", "auditory"), ("schema:accessModeSufficient", "auditory"),
            ("schema:accessibilityFeature", "synchronizedAudioText"))
_ID = re.compile(r'\bid="([^"]+)"')


def _slice(nodes: Sequence[object], start: int, end: int) -> tuple[object, ...]:
    """The inlines covering characters ``start``–``end`` of their plain text, cut to fit."""
    out, pos = [], 0
    for node in nodes:
        size = len(model.plain_text(node))
        if pos < end and pos + size > start:
            out.append(_cut(node, max(start - pos, 0), min(end - pos, size)))
        pos += size
    return tuple(out)


def _cut(node: object, start: int, end: int) -> object:
    if hasattr(node, "children"):
        return dataclasses.replace(node, children=_slice(node.children, start, end))
    if hasattr(node, "text"):
        return dataclasses.replace(node, text=node.text[start:end])
    return node


class _Renderer(epub._Renderer):
    """The EPUB renderer with an id on every piece the narration reads (see module doc)."""

    path = ""

    def ref(self, suffix: str = "") -> str:
        return f"{self.prefix}{self.path}{suffix}"

    def blocks(self, nodes: Sequence[object]) -> str:
        parent, out = self.path, []
        for index, node in enumerate(nodes):
            self.path = f"{parent}-{index}" if parent else f"b{self.block_index}"
            out.append(self.dispatch(node))
        self.path = parent
        return "\n".join(out)

    def sentences(self, children: Sequence[object]) -> str:
        text, out, pos = model.plain_text(children), [], 0
        for i, (start, end) in enumerate(sentences(text)):
            inner = self.render(_slice(children, start, end))
            out += [self.render(_slice(children, pos, start)),
                    f'<span id="{self.ref(f"s{i}")}">{inner}</span>']
            pos = end
        return "".join([*out, self.render(_slice(children, pos, len(text)))])

    def render_paragraph(self, node: model.Paragraph) -> str:
        return f"<p>{self.sentences(node.children)}</p>"

    def render_heading(self, node: model.Heading) -> str:
        head, _, rest = super().render_heading(node).partition(">")
        close = f"</h{node.level}>"
        return f'{head}><span id="{self.ref()}">{rest.removesuffix(close)}</span>{close}'

    def render_list_item(self, node: model.ListItem) -> str:
        if len(node.blocks) == 1 and isinstance(node.blocks[0], model.Paragraph):
            parent, self.path = self.path, f"{self.path}-0"
            inner = self.sentences(node.blocks[0].children)
            self.path = parent
            return f'<li id="{self.ref()}">{inner}</li>'
        return f'<li id="{self.ref()}">{self.blocks(node.blocks)}</li>'

    def _with_id(self, html: str, tag: str) -> str:
        return html.replace(f"<{tag}>", f'<{tag} id="{self.ref()}">', 1)

    def render_quote(self, node: model.Quote) -> str:
        return self._with_id(super().render_quote(node), "blockquote")

    def render_list(self, node: model.List) -> str:
        return self._with_id(super().render_list(node), "ol" if node.ordered else "ul")

    def render_figure(self, node: model.Figure) -> str:
        return self._with_id(super().render_figure(node), "figure")

    def render_preformatted(self, node: model.Preformatted) -> str:
        return self._with_id(super().render_preformatted(node), "pre")

    def render_table(self, node: model.Table) -> str:
        """Ids on the table, each row (``r<n>``) and each cell (``r<n>c<m>``)."""
        row, cell = -1, 0

        def number(match: re.Match[str]) -> str:
            nonlocal row, cell
            tag = match.group(1)
            if tag == "tr":
                row, cell = row + 1, 0
                return f'<tr id="{self.ref(f"r{row}")}">'
            cell += 1
            return f'<{tag} id="{self.ref(f"r{row}c{cell - 1}")}">'

        return re.sub(r"<(tr|th|td)>", number, self._with_id(super().render_table(node), "table"))


def _clock(ms: int) -> str:
    """A SMIL clock value, ``h:mm:ss.fff``."""
    seconds, ms = divmod(ms, 1000)
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}.{ms:03d}"


def _ms(samples: int) -> int:
    return round(samples * 1000 / SAMPLE_RATE)


def _smil(text_file: str, audio_file: str, clips: list[tuple[str, int, int]]) -> str:
    pars = "\n".join(
        f'<par id="par{i}"><text src="{text_file}#{ref}"/><audio src="{audio_file}" '
        f'clipBegin="{_clock(begin)}" clipEnd="{_clock(end)}"/></par>'
        for i, (ref, begin, end) in enumerate(clips))
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<smil xmlns="http://www.w3.org/ns/SMIL" xmlns:epub="http://www.idpf.org/2007/ops"'
            f' version="3.0">\n<body>\n<seq id="seq1" epub:textref="{text_file}">\n{pars}\n'
            "</seq>\n</body>\n</smil>\n")


def _title_ids(content: str, prefix: str) -> str:
    for opening, ref in TITLE_REFS:
        content = content.replace(opening, f'{opening[:-1]} id="{prefix}{ref}">', 1)
    return content


class ReadAloud(epub.Extras):
    """The narration and overlays added to the book (``epub.Extras``)."""

    renderer = _Renderer
    css = CSS

    def __init__(self, docs: Sequence[Document], options: WriteOptions) -> None:
        self.docs = list(docs)   # as given: the narration is shared with the audio writers
        self.options = options

    def finish(self, book: ebook.EpubBook,
               placed: list[tuple[int, epub.Chapter, ebook.EpubHtml]]) -> None:
        total = 0
        for number, group in itertools.groupby(placed, key=lambda p: p[0]):
            total += self._article(book, number, [(part, item) for _, part, item in group])
        book.add_metadata(None, "meta", _clock(total), {"property": "media:duration"})
        book.add_metadata(None, "meta", ACTIVE_CLASS, {"property": "media:active-class"})
        profile = audio._profile(self.docs[0], self.options)
        book.add_metadata(None, "meta", f"espeak-ng {profile.name}",
                          {"property": "media:narrator"})
        for prop, value in FEATURES:
            book.add_metadata(None, "meta", value, {"property": prop})

    def _article(self, book: ebook.EpubBook, number: int,
                 parts: list[tuple[epub.Chapter, ebook.EpubHtml]]) -> int:
        """Add the article's audio and its overlays; returns their length in ms."""
        narration = audio.narrate(self.docs[number - 1], self.options)
        audio_file = f"audio/a{number:03d}.mp3"
        book.add_item(ebook.EpubItem(uid=f"audio{number}", file_name=audio_file,
                                     media_type="audio/mpeg", content=narration.read()))
        parts[0][1].content = _title_ids(parts[0][1].content, f"a{number}")
        clips = [(f"a{number}{seg.ref}", _ms(start), _ms(end))
                 for seg, start, end in zip(narration.segments, narration.starts,
                                            narration.ends, strict=True)]
        total = 0
        for part, item in parts:
            ids = set(_ID.findall(item.content))
            mine = [clip for clip in clips if clip[0] in ids and clip[2] > clip[1]]
            if not mine:
                continue
            smil = ebook.EpubSMIL(uid=f"mo-{Path(part.name).stem}",
                                  file_name=f"{Path(part.name).stem}.smil",
                                  content=_smil(part.name, audio_file, mine))
            book.add_item(smil)
            item.media_overlay = smil.id
            length = sum(end - begin for _, begin, end in mine)
            book.add_metadata(None, "meta", _clock(length),
                              {"property": "media:duration", "refines": f"#{smil.id}"})
            total += length
        return total


def write(doc: Document, dest: Path, options: WriteOptions, fmt: str = "read-aloud") -> None:
    """One article → one read-aloud EPUB at ``dest``."""
    epub.write(doc, dest, options, fmt, ReadAloud([doc], options))


def write_bundle(docs: Sequence[Document], dest: Path, options: WriteOptions,
                 fmt: str = "read-aloud") -> None:
    """Many articles → one read-aloud EPUB, each article narrated in its own voice."""
    epub.write_bundle(docs, dest, options, fmt, ReadAloud(docs, options))
