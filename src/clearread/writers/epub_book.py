"""Book-level facts for the EPUB writer: identifier, dates, languages, labels and a11y metadata.

Kept apart from the assembly code so every rule that ends up in the OPF is plain data that tests
can read. Nothing here looks at the clock or at random numbers: the same articles always give
the same identifier and the same ``dcterms:modified``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import uuid
from collections.abc import Sequence

from clearread import model
from clearread.writers.labels import labels_for

FALLBACK_LANGUAGE = "und"
FALLBACK_MODIFIED = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
CONFORMS_TO = "EPUB Accessibility 1.1 - WCAG 2.1 Level AA"

def language_of(doc: model.Document) -> str:
    return model.language_tag(doc.meta.language) or FALLBACK_LANGUAGE


def title_of(doc: model.Document) -> str:
    """The article title; else its first heading; else a localised 'Untitled'."""
    if doc.meta.title.strip():
        return doc.meta.title.strip()
    heading = next((n for n in model.walk(doc) if isinstance(n, model.Heading)), None)
    text = model.plain_text(heading).strip() if heading else ""
    return text or labels_for(language_of(doc)).untitled


def publication_date(doc: model.Document) -> str | None:
    """``YYYY-MM-DD`` for dc:date and the title page; None when the article has no usable date."""
    day = model.published_day(doc.meta.published)
    return day.isoformat() if day else None


def modified(docs: Sequence[model.Document]) -> dt.datetime:
    """The latest article date (in UTC), else SOURCE_DATE_EPOCH, else a fixed date — never
    the clock."""
    dates = [d for d in (model.published_at(doc.meta.published) for doc in docs) if d]
    if dates:
        return max(dates).astimezone(dt.UTC)
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
    return FALLBACK_MODIFIED


def identifier(docs: Sequence[model.Document], title: str = "") -> str:
    """A urn:uuid derived from the source URLs (or the content when a URL is missing)."""
    keys = [doc.meta.source_url or hashlib.sha256(model.to_json(doc).encode()).hexdigest()
            for doc in docs]
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, chr(10).join([title, *keys]))}"


def accessibility(has_images: bool, all_described: bool, language: str) -> list[tuple[str, str]]:
    """(property, value) pairs per EPUB Accessibility 1.1 — only claims true of this book."""
    metas = [("schema:accessMode", "textual")]
    if has_images:
        metas.append(("schema:accessMode", "visual"))
    metas.append(("schema:accessModeSufficient", "textual"))
    if has_images:
        metas.append(("schema:accessModeSufficient", "textual,visual"))
    features = ["structuralNavigation", "tableOfContents", "readingOrder",
                "displayTransformability"]
    if has_images and all_described:
        features.append("alternativeText")
    metas += [("schema:accessibilityFeature", f) for f in features]
    metas += [
        ("schema:accessibilityHazard", "none"),
        ("schema:accessibilitySummary", labels_for(language).summary),
        ("dcterms:conformsTo", CONFORMS_TO),
    ]
    return metas
