"""The one rule for which link targets may pass from a page into the model and from the model into
an output file.

Pages are untrusted: only web and mail links survive; ``javascript:``, ``data:``, ``vbscript:``,
``file:``, relative links without a base and anything unparsable are refused (a link becomes plain
text). Readers resolve and check each link; writers check again, since a model read back from JSON
may hold anything. Both sides need the rule and readers may not import writers, so it lives at the
top level and imports nothing from the package.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urljoin, urlsplit

SAFE_SCHEMES = ("http", "https", "mailto")
WEB_SCHEMES = ("http", "https")
#: Characters a URL may hold as they are; anything else (spaces, quotes, <, >) is
#: percent-encoded so the link is valid in XHTML and EPUB, and ``%`` stays as it is.
URL_SAFE_CHARS = ":/?#[]@!$&'()*+,;=%~-._"
#: Control characters are dropped wherever they are (``java\tscript:`` must not pass as a
#: relative link); spaces only at the ends, as browsers do — inside a path they are encoded.
_CONTROL = re.compile(r"[\x00-\x1f\x7f]+")


def safe_url(href: str | None, base: str | None = None,
             schemes: tuple[str, ...] = SAFE_SCHEMES) -> str | None:
    """``href`` as an absolute URL with one of ``schemes``, resolved against ``base`` when it is
    relative; None for anything else (and for a link to a place on the same page)."""
    cleaned = _CONTROL.sub("", href or "").strip(" ")
    if not cleaned or cleaned.startswith("#"):
        return None
    try:
        parts = urlsplit(cleaned)
        if not parts.scheme and base:
            cleaned = urljoin(base, cleaned)
            parts = urlsplit(cleaned)
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in schemes or (scheme != "mailto" and not parts.netloc):
        return None
    return cleaned


def safe_href(href: str | None) -> str | None:
    """``href`` percent-encoded for an output file when it is an absolute http(s) or mailto
    link, else None: what is written is exactly what was checked."""
    url = safe_url(href)
    return quote(url, safe=URL_SAFE_CHARS) if url else None
