"""A plain-text document (an e-mail, a newsletter, a chapter, a licence, a poem, a note) →
Document.

Unlike a page dump, nothing in a document is site chrome: every line is kept, in order. The
work is recovering structure from layout (``text_blocks``), the title from the first line,
and the author, date and title of an e-mail from its header. What is dropped — header lines,
the signature separator, repeated paragraphs — is recorded in ``meta.removed``.
"""

from __future__ import annotations

import email.utils
import re
from dataclasses import dataclass, field

from clearread.errors import NoArticleError
from clearread.model import (
    Block,
    Document,
    Heading,
    LineBreak,
    Metadata,
    Paragraph,
    Removal,
    Text,
    calendar_date,
    iso_date_in,
    plain_text,
)
from clearread.readers.language import detect_language
from clearread.readers.text import kind as text_kind
from clearread.readers.text.blocks import (
    expand,
    heading_shaped,
    measure,
    parse_lines,
    signature_separator,
)

SETTINGS = {
    # a title made from the opening words (when no line looks like one) has this many
    "fallback_title_words": 8,
    # repeated paragraphs shorter than this (in words) are kept: a short clause or a refrain
    # may recur on purpose; a long paragraph twice is a copying slip
    "repeat_min_words": 12,
    # characters of body text the language is guessed from
    "language_sample_chars": 2000,
    # a title has at most this many characters
    "title_max_chars": 150,
}

#: E-mail header fields (English, French, German, Spanish) → what they give the metadata.
MAIL_FIELDS: dict[str, str] = {
    "from": "author", "de": "author", "von": "author",
    "subject": "title", "objet": "title", "betreff": "title", "asunto": "title",
    "date": "published", "sent": "published", "datum": "published", "fecha": "published",
    "envoyé": "published", "gesendet": "published", "enviado": "published",
    "to": "", "cc": "", "bcc": "", "reply-to": "", "à": "", "a": "", "an": "", "para": "",
    "message-id": "", "in-reply-to": "", "references": "", "mime-version": "",
    "content-type": "", "content-transfer-encoding": "", "organization": "",
}
#: A header needs at least this many known fields, one giving the author or the title.
MAIL_MIN_FIELDS = 2
_MAIL_LINE = re.compile(r"^(?P<name>[^\W\d_][\w-]{0,30}):[ \t]*(?P<value>.*)$")
_REPLY_PREFIX = re.compile(r"^(?:(?:re|fwd?|aw|wg|tr|rv)\s*:\s*)+", re.IGNORECASE)
_FULL_STOPS = (".", "!", "?", "…", "。", "！", "？")


@dataclass
class MailHeader:
    """The fields of an e-mail header and how many lines it took."""

    fields: dict[str, str] = field(default_factory=dict)
    lines: int = 0


def mail_header(lines: list[str]) -> MailHeader | None:
    """The header block opening an e-mail, or None when the text does not open with one."""
    header = MailHeader()
    start = next((i for i, line in enumerate(lines) if line.strip()), len(lines))
    name = ""
    for i in range(start, len(lines)):
        line = lines[i]
        if not line.strip():
            header.lines = i
            break
        match = _MAIL_LINE.match(line)
        if match and match.group("name").lower() in MAIL_FIELDS:
            name = match.group("name").lower()
            header.fields[name] = match.group("value").strip()
        elif name and line[:1] in " \t":
            header.fields[name] += " " + line.strip()  # a folded header line
        else:
            return None
    roles = {MAIL_FIELDS[name] for name in header.fields}
    if len(header.fields) < MAIL_MIN_FIELDS or not roles & {"author", "title"}:
        return None
    return header


def mail_metadata(header: MailHeader) -> dict[str, object]:
    """Title from the subject, author from the sender's name, date from the date field."""
    found: dict[str, object] = {}
    for name, value in header.fields.items():
        role = MAIL_FIELDS[name]
        if role == "title" and value:
            found["title"] = _REPLY_PREFIX.sub("", value).strip()
        elif role == "author" and value:
            display, address = email.utils.parseaddr(value)
            found["authors"] = (display or address or value,)
        elif role == "published":
            found["published"] = mail_date(value)
    return found


def mail_date(value: str) -> str | None:
    """An ISO date from an RFC 2822 date ("Tue, 11 Mar 2025 08:42:17 +0000") or an ISO one."""
    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return iso_date_in(value)
    return calendar_date(moment.year, moment.month, moment.day)


def is_document(text: str) -> bool:
    """A document rather than a page dump: an e-mail, or a text without the page's chrome."""
    opening = text[:4096].splitlines()
    return mail_header(opening) is not None or text_kind.is_document(text)


# --- title ---------------------------------------------------------------------------------------


def split_title(blocks: list[Block]) -> tuple[str, list[Block]]:
    """The opening line as the title when it looks like one, and the blocks left after it."""
    first = blocks[0] if blocks else None
    if isinstance(first, Heading):
        return plain_text(first).strip(), blocks[1:]
    if not isinstance(first, Paragraph) or not isinstance(first.children[0], Text):
        return "", blocks
    opening = first.children[0].text.strip()
    if not (heading_shaped(opening) and len(opening) <= SETTINGS["title_max_chars"]):
        return "", blocks
    rest = first.children[2:] if len(first.children) > 1 else ()
    if not rest and len(blocks) == 1:
        return opening, blocks  # a one-line text keeps its line as the body too
    return opening, ([Paragraph(rest)] if rest else []) + blocks[1:]


def fallback_title(blocks: list[Block]) -> str:
    """The opening words of the text, up to its first sentence end, for a document whose first
    line is no title."""
    for block in blocks:
        words = plain_text(block).split()
        limit = SETTINGS["fallback_title_words"]
        for i, word in enumerate(words[:limit]):
            if word.endswith(_FULL_STOPS):
                return " ".join(words[: i + 1])
        if words:
            return " ".join(words[:limit]) + ("…" if len(words) > limit else "")
    return ""


# --- repeats -------------------------------------------------------------------------------------


def drop_repeats(blocks: list[Block]) -> tuple[list[Block], list[Removal]]:
    """Keep the first copy of each repeated paragraph. Verse is left alone: a refrain repeats
    on purpose."""
    seen: set[str] = set()
    kept: list[Block] = []
    removed: list[Removal] = []
    for block in blocks:
        text = plain_text(block)
        key = " ".join(text.casefold().split())
        verse = isinstance(block, Paragraph) and any(
            isinstance(c, LineBreak) for c in block.children)
        repeatable = isinstance(block, Paragraph) and not verse \
            and len(key.split()) >= SETTINGS["repeat_min_words"]
        if repeatable and key in seen:
            removed.append(Removal("repeated-paragraph", text))
            continue
        seen.add(key)
        kept.append(block)
    return kept, removed


# --- entry point ---------------------------------------------------------------------------------


def body_lines(lines: list[str]) -> tuple[list[str], list[Removal]]:
    """The lines without the e-mail signature separator (the signature becomes its own
    paragraph)."""
    removed = [Removal("signature-separator", line.strip()) for line in lines
               if signature_separator(line)]
    if not removed:
        return lines, []
    return ["" if signature_separator(line) else line for line in lines], removed


def language_sample(blocks: list[Block]) -> str:
    sample: list[str] = []
    size = 0
    for block in blocks:
        if size >= SETTINGS["language_sample_chars"]:
            break
        text = plain_text(block)
        sample.append(text)
        size += len(text)
    return "\n".join(sample)


def read_document(text: str, source: str) -> Document:
    """The whole document as blocks; raises NoArticleError only when it holds no text."""
    lines = expand(text.splitlines())
    header = mail_header(lines)
    meta: dict[str, object] = {}
    removed: list[Removal] = []
    if header:
        meta = mail_metadata(header)
        removed += [Removal("email-header", line.strip()) for line in lines[: header.lines]
                    if line.strip()]
        lines = lines[header.lines:]
    lines, dropped = body_lines(lines)
    removed += dropped
    blocks = parse_lines(lines, measure(lines))
    if not blocks:
        raise NoArticleError(source)
    title, blocks = split_title(blocks) if "title" not in meta else ("", blocks)
    blocks, repeats = drop_repeats(blocks)
    metadata = Metadata(
        title=str(meta.get("title") or title or fallback_title(blocks)),
        authors=meta.get("authors", ()),  # type: ignore[arg-type]
        published=meta.get("published"),  # type: ignore[arg-type]
        language=detect_language(language_sample(blocks)),
        removed=tuple(removed + repeats),
    )
    return Document(meta=metadata, blocks=tuple(blocks))
