"""Bounded URL fetch: http(s) only, public addresses only, limited size, time and redirects.

Pages (and reading lists) are untrusted, so every limit is enforced by us rather than left to the
server: the body is decompressed in steps and reading stops at the cap (a gzip bomb cannot pass);
each redirect target is checked again (no hop to ``file:``, no hop into the local network); the
host name is resolved once, every address it gives is checked, and the connection goes to the
checked address (a second DNS answer cannot switch it); and one deadline covers the whole fetch
(name lookup, connect, headers, body), however slowly a server trickles bytes.
Standard library only.
"""

from __future__ import annotations

import functools
import http.client
import io
import ipaddress
import os
import socket
import ssl
import threading
import time
import zlib
from dataclasses import dataclass
from email.message import Message
from urllib.parse import quote, urljoin, urlsplit

from clearread import __version__
from clearread.errors import InputError

MAX_BYTES = 10 * 1024 * 1024
TIMEOUT = 20.0
MAX_REDIRECTS = 5
CHUNK = 64 * 1024
SCHEMES = ("http", "https")
USER_AGENT = f"clearread/{__version__}"
HEADERS = {"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate",
           "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.1"}
#: Content types we can read; a missing type is allowed (the content is sniffed later).
ACCEPTED_TYPES = ("text/", "application/xhtml+xml", "application/xml")
REDIRECT_CODES = (301, 302, 303, 307, 308)
#: Set (to anything but "" or "0") by ``--allow-private-urls``; worker processes inherit it.
ALLOW_PRIVATE_ENV = "CLEARREAD_ALLOW_PRIVATE_URLS"
#: Characters kept as they are in a redirect target; others (spaces...) are percent-encoded,
#: as browsers do.
LOCATION_SAFE = "!#$%&'()*+,/:;=?@[]~"
MAX_REASON_CHARS = 80


@dataclass(frozen=True)
class Page:
    body: bytes
    charset: str | None
    url: str
    content_type: str


@dataclass(frozen=True)
class Target:
    """Where one request goes: the URL split into what the connection needs."""

    scheme: str
    host: str
    port: int
    path: str


def _brief(exc: BaseException) -> str:
    """An exception as a short single line (a server's garbage can be long or multi-line)."""
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= MAX_REASON_CHARS else text[:MAX_REASON_CHARS - 1] + "…"


def _target(source: str, url: str) -> Target:
    """The checked parts of ``url``: http(s) scheme, a host, a valid port."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise InputError(source, f"not a valid web address ({_brief(exc)})") from exc
    scheme = parts.scheme.lower()
    if scheme not in SCHEMES:
        raise InputError(source, f"only http and https addresses can be fetched, not {url!r}")
    if not parts.hostname:
        raise InputError(source, f"no host name in {url!r}")
    try:
        host = parts.hostname.encode("idna").decode("ascii")
    except UnicodeError as exc:
        raise InputError(source, f"not a valid host name ({_brief(exc)})") from exc
    path = quote(parts.path or "/", safe=LOCATION_SAFE)
    query = f"?{quote(parts.query, safe=LOCATION_SAFE)}" if parts.query else ""
    return Target(scheme, host, port or (443 if scheme == "https" else 80), path + query)


def allow_private_default() -> bool:
    return os.environ.get(ALLOW_PRIVATE_ENV, "") not in ("", "0")


def is_public(address: str) -> bool:
    """Whether an IP address is on the public internet (not loopback, link-local, private,
    reserved or multicast; an IPv4-mapped IPv6 address counts as its IPv4 address)."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def _lookup(host: str, port: int, deadline: float) -> list[str]:
    """The host's addresses; the lookup runs in a thread so the deadline bounds it too."""
    found: dict[str, object] = {}

    def work() -> None:
        try:
            found["infos"] = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (OSError, UnicodeError) as exc:
            found["error"] = exc

    worker = threading.Thread(target=work, daemon=True)
    worker.start()
    worker.join(max(deadline - time.monotonic(), 0))
    if worker.is_alive():
        raise TimeoutError("name lookup")
    if "error" in found:
        raise found["error"]  # type: ignore[misc]
    return [info[4][0] for info in found["infos"]]  # type: ignore[attr-defined]


def _address(source: str, target: Target, deadline: float, allow_private: bool) -> str:
    """The address to connect to, after checking every address the name resolves to."""
    try:
        addresses = _lookup(target.host, target.port, deadline)
    except (OSError, UnicodeError) as exc:
        if isinstance(exc, TimeoutError):
            raise
        reason = getattr(exc, "strerror", None) or _brief(exc)
        raise InputError(source, f"cannot find host {target.host} ({reason})") from exc
    if not allow_private:
        private = [a for a in addresses if not is_public(a)]
        if private:
            raise InputError(source, f"{target.host} is a private, loopback or link-local "
                             f"address ({private[0]}); use --allow-private-urls to fetch it")
    return addresses[0]


class _DeadlineReader(io.RawIOBase):
    """Socket reads that share one deadline: each read may wait only for the time left."""

    def __init__(self, sock: socket.socket, deadline: float) -> None:
        self.sock = sock
        self.raw = sock.makefile("rb", buffering=0)   # keeps the socket open while we read
        self.deadline = deadline

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int | None:  # type: ignore[no-untyped-def,override]
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError("deadline")
        self.sock.settimeout(left)
        return self.raw.readinto(buffer)

    def close(self) -> None:
        self.raw.close()
        super().close()


class _DeadlineSocket:
    """What ``HTTPResponse`` reads from: the socket, behind the deadline."""

    def __init__(self, sock: socket.socket, deadline: float) -> None:
        self.sock = sock
        self.deadline = deadline

    def makefile(self, mode: str) -> io.BufferedReader:
        return io.BufferedReader(_DeadlineReader(self.sock, self.deadline))


class _Response(http.client.HTTPResponse):
    def __init__(self, sock: socket.socket, *args, deadline: float,  # type: ignore[no-untyped-def]
                 **kwargs) -> None:
        super().__init__(_DeadlineSocket(sock, deadline), *args, **kwargs)  # type: ignore[arg-type]


class _Connection(http.client.HTTPConnection):
    """HTTP to a host name, connected to one address checked beforehand."""

    def __init__(self, target: Target, address: str, deadline: float) -> None:
        super().__init__(target.host, target.port, timeout=max(deadline - time.monotonic(), 0))
        self.address = address
        self.response_class = functools.partial(_Response, deadline=deadline)

    def connect(self) -> None:
        self.sock = socket.create_connection((self.address, self.port), self.timeout)


class _TlsConnection(_Connection):
    """HTTPS: the certificate is checked against the host name, not the address."""

    default_port = 443
    context = ssl.create_default_context()

    def connect(self) -> None:
        super().connect()
        self.sock = self.context.wrap_socket(self.sock, server_hostname=self.host)


def _request(source: str, target: Target, deadline: float,
             allow_private: bool) -> tuple[_Connection, http.client.HTTPResponse]:
    address = _address(source, target, deadline, allow_private)
    kind = _TlsConnection if target.scheme == "https" else _Connection
    conn = kind(target, address, deadline)
    try:
        conn.request("GET", target.path, headers=HEADERS)
        return conn, conn.getresponse()
    except BaseException:
        conn.close()
        raise


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


def _read(source: str, response: http.client.HTTPResponse, limit: int) -> bytes:
    try:
        decoder = _Decoder(response.headers.get("Content-Encoding", ""), limit)
    except ValueError as exc:
        raise InputError(source, f"unsupported content encoding {_brief(exc)}") from exc
    while chunk := response.read(CHUNK):
        try:
            within = decoder.feed(chunk)
        except zlib.error as exc:
            raise InputError(source, "corrupt compressed response") from exc
        if not within:
            raise InputError(source, f"page is larger than {limit // (1024 * 1024)} MB")
    return bytes(decoder.out)


def _content_type(source: str, headers: Message) -> tuple[str, str | None]:
    ctype = (headers.get_content_type() if headers.get("Content-Type") else "").lower()
    if ctype and not ctype.startswith(ACCEPTED_TYPES):
        raise InputError(source, f"not a web page or text (content type {_brief(ctype)})")
    return ctype, headers.get_content_charset()


def _redirect(source: str, url: str, location: str) -> str:
    """The next URL: relative targets resolved, unsafe characters percent-encoded."""
    try:
        return urljoin(url, quote(location.strip(), safe=LOCATION_SAFE))
    except ValueError as exc:
        raise InputError(source, f"bad redirect target ({_brief(exc)})") from exc


def _hop(source: str, url: str, deadline: float, max_bytes: int,
         allow_private: bool) -> Page | str:
    """One request: the page, or the URL it redirects to."""
    conn, response = _request(source, _target(source, url), deadline, allow_private)
    try:
        location = response.headers.get("Location")
        if response.status in REDIRECT_CODES and location:
            return _redirect(source, url, location)
        if not 200 <= response.status < 300:
            raise InputError(source, f"server answered HTTP {response.status}")
        ctype, charset = _content_type(source, response.headers)
        return Page(_read(source, response, max_bytes), charset, url, ctype)
    finally:
        response.close()
        conn.close()


def fetch(url: str, timeout: float = TIMEOUT, max_bytes: int = MAX_BYTES,
          max_redirects: int = MAX_REDIRECTS, allow_private: bool | None = None) -> Page:
    """Download ``url``; InputError (with the reason) for anything we will not or cannot read.
    Private addresses are refused unless ``allow_private`` (default: the environment's say)."""
    source = url
    allow = allow_private_default() if allow_private is None else allow_private
    deadline = time.monotonic() + timeout
    _target(source, url)
    try:
        for _hop_number in range(max_redirects + 1):
            result = _hop(source, url, deadline, max_bytes, allow)
            if isinstance(result, Page):
                return result
            url = result
    except TimeoutError as exc:
        raise InputError(source, f"timed out (the limit is {timeout:g} s)") from exc
    except http.client.HTTPException as exc:
        raise InputError(source, f"malformed HTTP response ({type(exc).__name__}: "
                         f"{_brief(exc)})") from exc
    except ssl.SSLError as exc:
        raise InputError(source, f"secure connection failed ({_brief(exc)})") from exc
    except OSError as exc:
        raise InputError(source, f"connection failed ({exc.strerror or _brief(exc)})") from exc
    raise InputError(source, f"more than {max_redirects} redirects")
