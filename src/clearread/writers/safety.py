"""The one place that decides which link targets may reach an output file.

Pages are untrusted: only web and mail links survive; ``javascript:``, ``data:``, ``vbscript:``,
``file:`` and anything unparsable become plain text.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

SAFE_SCHEMES = ("http", "https", "mailto")
#: Characters a URL may hold as they are; anything else (spaces, quotes, <, >) is
#: percent-encoded so the link is valid in XHTML and EPUB, and ``%`` stays as it is.
URL_SAFE_CHARS = ":/?#[]@!$&'()*+,;=%~-._"
_CONTROL = re.compile(r"[\x00-\x20\x7f]+")


def safe_href(href: str) -> str | None:
    """``href``, percent-encoded, when it is an absolute http(s) or mailto link, else None."""
    cleaned = _CONTROL.sub("", href or "")
    try:
        parts = urlsplit(cleaned)
    except ValueError:
        return None
    if parts.scheme.lower() not in SAFE_SCHEMES:
        return None
    if parts.scheme.lower() != "mailto" and not parts.netloc:
        return None
    return quote(href.strip(), safe=URL_SAFE_CHARS)
