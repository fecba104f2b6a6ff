"""Bounded URL fetch: http(s) only, limited size (after decompression), time and redirects.

Pages are untrusted, so every limit is enforced by us rather than left to the server: the body
is decompressed in steps and reading stops at the cap (a gzip bomb cannot pass), each redirect
target is checked again (no hop to ``file:`` or ``ftp:``), and the whole fetch has a deadline,
not just each socket read. Standard library only.
"""

from __future__ import annotations

import time
import urllib.error
import urllib.request
import zlib
from dataclasses import dataclass
from email.message import Message
from urllib.parse import urljoin, urlsplit

from clearread import __version__
from clearread.errors import InputError

MAX_BYTES = 10 * 1024 * 1024
TIMEOUT = 20.0
MAX_REDIRECTS = 5
CHUNK = 64 * 1024
SCHEMES = ("http", "https")
USER_AGENT = f"clearread/{__version__}"
#: Content types we can read; a missing type is allowed (the content is sniffed later).
ACCEPTED_TYPES = ("text/", "application/xhtml+xml", "application/xml")
REDIRECT_CODES = (301, 302, 303, 307, 308)


@dataclass(frozen=True)
class Page:
    body: bytes
    charset: str | None
    url: str
    content_type: str


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Redirects come back to ``fetch`` as responses so it can count and check each hop."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        return None


_OPENER = urllib.request.build_opener(_NoRedirect)


def _check_scheme(source: str, url: str) -> None:
    scheme = urlsplit(url).scheme.lower()
    if scheme not in SCHEMES:
        raise InputError(source, f"only http and https addresses can be fetched, not {url!r}")


class _Decoder:
    """Streams gzip/deflate (or identity) bodies, never producing more than ``limit`` bytes."""

    def __init__(self, encoding: str, limit: int) -> None:
        self.limit = limit
        self.out = bytearray()
        encoding = encoding.strip().lower()
        if encoding not in ("gzip", "x-gzip", "deflate", "", "identity"):
            raise ValueError(encoding)
        self.deflate = encoding == "deflate"  # its wrapper is known only from the first byte
        gzip = encoding in ("gzip", "x-gzip")
        self.z = zlib.decompressobj(16 + zlib.MAX_WBITS) if gzip else None

    def feed(self, chunk: bytes) -> bool:
        """Add raw bytes; False once the decoded body is over the limit."""
        if self.deflate and self.z is None:
            # zlib-wrapped is what the standard says; raw deflate is what some servers send
            self.z = zlib.decompressobj() if chunk[:1] == b"\x78" else zlib.decompressobj(-15)
        if self.z is None:
            self.out += chunk
            return len(self.out) <= self.limit
        data = chunk
        while data:
            room = self.limit + 1 - len(self.out)
            self.out += self.z.decompress(data, room)
            if len(self.out) > self.limit:
                return False
            data = self.z.unconsumed_tail
        return True


def _read(source: str, response, limit: int, deadline: float) -> bytes:  # type: ignore[no-untyped-def]
    try:
        decoder = _Decoder(response.headers.get("Content-Encoding", ""), limit)
    except ValueError as exc:
        raise InputError(source, f"unsupported content encoding {exc}") from exc
    while True:
        if time.monotonic() > deadline:
            raise InputError(source, "timed out while downloading")
        chunk = response.read(CHUNK)
        if not chunk:
            return bytes(decoder.out)
        try:
            within = decoder.feed(chunk)
        except zlib.error as exc:
            raise InputError(source, "corrupt compressed response") from exc
        if not within:
            raise InputError(source, f"page is larger than {limit // (1024 * 1024)} MB")


def _content_type(source: str, headers: Message) -> tuple[str, str | None]:
    ctype = (headers.get_content_type() if headers.get("Content-Type") else "").lower()
    if ctype and not ctype.startswith(ACCEPTED_TYPES):
        raise InputError(source, f"not a web page or text (content type {ctype})")
    return ctype, headers.get_content_charset()


def fetch(url: str, timeout: float = TIMEOUT, max_bytes: int = MAX_BYTES,
          max_redirects: int = MAX_REDIRECTS) -> Page:
    """Download ``url``; InputError (with the reason) for anything we will not or cannot read."""
    source = url
    _check_scheme(source, url)
    deadline = time.monotonic() + timeout
    for _hop in range(max_redirects + 1):
        request = urllib.request.Request(url, headers={
            "User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate",
            "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.1"})
        remaining = max(deadline - time.monotonic(), 0.001)
        try:
            response = _OPENER.open(request, timeout=remaining)
        except urllib.error.HTTPError as exc:
            if exc.code in REDIRECT_CODES and exc.headers.get("Location"):
                url = urljoin(url, exc.headers["Location"])
                exc.close()
                _check_scheme(source, url)
                continue
            raise InputError(source, f"server answered HTTP {exc.code}") from exc
        except TimeoutError as exc:
            raise InputError(source, "timed out") from exc
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, TimeoutError):
                raise InputError(source, "timed out") from exc
            raise InputError(source, f"cannot connect ({exc.reason})") from exc
        except (OSError, ValueError) as exc:
            raise InputError(source, f"cannot fetch ({exc})") from exc
        with response:
            ctype, charset = _content_type(source, response.headers)
            try:
                body = _read(source, response, max_bytes, deadline)
            except TimeoutError as exc:
                raise InputError(source, "timed out while downloading") from exc
            except OSError as exc:
                raise InputError(source, f"connection failed ({exc})") from exc
            return Page(body, charset, response.geturl() or url, ctype)
    raise InputError(source, f"more than {max_redirects} redirects")
