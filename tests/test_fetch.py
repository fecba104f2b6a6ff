"""fetch() against a local http.server: limits, redirects, content types, charsets, deadlines,
malformed responses and private addresses (the local server itself is one: tests opt in)."""

from __future__ import annotations

import gzip
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from cli_run import clearread

from clearread.errors import InputError
from clearread.readers import fetch as fetch_module
from clearread.readers.decode import decode_bytes
from clearread.readers.fetch import USER_AGENT, Page


def fetch(url: str, **limits: float) -> Page:
    """The test server is on loopback, which only an opt-in may fetch."""
    return fetch_module.fetch(url, allow_private=True, **limits)

BOMB = gzip.compress(b"\0" * (30 * 1024 * 1024), 6)  # ~30 KB on the wire, 30 MB unpacked
PAGE = "<html><body><p>Grüße aus dem Testserver.</p></body></html>"
#: Raw answers no HTTP library should turn into anything but a one-line reason.
MALFORMED = {
    "/garbage": b"NONSENSE \x00\x01\r\n\r\n",
    "/bad-chunk": b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked"
                  b"\r\n\r\nzz\r\nhello\r\n0\r\n\r\n",
    "/huge-header": b"HTTP/1.1 200 OK\r\nX-Big: " + b"a" * 70_000 + b"\r\n\r\n",
}
TRICKLE_DELAY = 0.05      # a byte every 50 ms: each read is quick, the whole fetch is not


class Handler(BaseHTTPRequestHandler):
    seen_agents: list[str] = []  # noqa: RUF012 (shared with the tests on purpose)

    def log_message(self, *args: object) -> None:
        pass

    def send(self, body: bytes, ctype: str = "text/html; charset=utf-8",
             headers: dict[str, str] | None = None) -> None:
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def trickle(self, data: bytes) -> None:
        try:
            for i in range(len(data)):
                self.wfile.write(data[i:i + 1])
                time.sleep(TRICKLE_DELAY)
        except OSError:
            self.close_connection = True

    def do_GET(self) -> None:
        Handler.seen_agents.append(self.headers.get("User-Agent", ""))
        path = self.path
        if path in MALFORMED:
            self.wfile.write(MALFORMED[path])
            self.close_connection = True
        elif path == "/trickle-headers":
            self.trickle(b"HTTP/1.1 200 OK\r\nX-Slow: " + b"a" * 200 + b"\r\n\r\n")
        elif path == "/trickle-body":
            self.send_response(200)
            self.send_header("Content-Length", "200")
            self.end_headers()
            self.trickle(b"a" * 200)
        elif path == "/space-redirect":
            self.redirect("/good page")
        elif path == "/to-loopback":
            self.redirect(f"http://127.0.0.2:{self.server.server_address[1]}/good")
        elif path == "/to-metadata":
            self.redirect("http://169.254.169.254/latest/meta-data/")
        elif path == "/brackets":
            self.send(b"x", "[/x]")
        elif path == "/base64":
            self.send(b"<p>Plain words.</p>", "text/html; charset=base64")
        elif path in ("/good", "/good%20page"):
            self.send(PAGE.encode("utf-8"))
        elif path == "/latin1":
            self.send(PAGE.encode("latin-1"), "text/html; charset=ISO-8859-1")
        elif path == "/slow":
            time.sleep(1.5)
            self.send(PAGE.encode())
        elif path == "/huge":
            self.send(b"<p>" + b"x" * (3 * 1024 * 1024) + b"</p>")
        elif path == "/bomb":
            self.send(BOMB, headers={"Content-Encoding": "gzip"})
        elif path == "/gzip-ok":
            self.send(gzip.compress(PAGE.encode()), headers={"Content-Encoding": "gzip"})
        elif path.startswith("/hop/"):
            left = int(path.rsplit("/", 1)[1])
            self.redirect(f"/hop/{left - 1}" if left > 0 else "/good")
        elif path == "/to-file":
            self.redirect("file:///etc/passwd")
        elif path == "/to-ftp":
            self.redirect("ftp://127.0.0.1/x.html")
        elif path == "/png":
            self.send(b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "image/png")
        elif path == "/pdf":
            self.send(b"%PDF-1.4 ...", "application/pdf")
        else:
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_good_page(server: str) -> None:
    page = fetch(f"{server}/good")
    assert page.body.decode("utf-8") == PAGE
    assert page.charset == "utf-8"
    assert page.content_type == "text/html"
    assert page.url == f"{server}/good"
    assert USER_AGENT.startswith("clearread/") and USER_AGENT in Handler.seen_agents


def test_charset_from_header(server: str) -> None:
    page = fetch(f"{server}/latin1")
    assert page.charset == "iso-8859-1"
    assert page.body.decode(page.charset) == PAGE


def test_slow_response_times_out(server: str) -> None:
    start = time.monotonic()
    with pytest.raises(InputError, match="timed out"):
        fetch(f"{server}/slow", timeout=0.3)
    assert time.monotonic() - start < 1.4


def test_huge_body_rejected(server: str) -> None:
    with pytest.raises(InputError, match="larger than"):
        fetch(f"{server}/huge", max_bytes=1024 * 1024)


def test_gzip_bomb_stops_at_cap(server: str) -> None:
    with pytest.raises(InputError, match="larger than"):
        fetch(f"{server}/bomb", max_bytes=1024 * 1024)


def test_gzip_page_is_decompressed(server: str) -> None:
    assert fetch(f"{server}/gzip-ok").body.decode() == PAGE


def test_three_redirects_followed(server: str) -> None:
    page = fetch(f"{server}/hop/2")  # /hop/2 → /hop/1 → /hop/0 → /good
    assert page.url == f"{server}/good"
    assert page.body.decode() == PAGE


def test_seven_redirects_rejected(server: str) -> None:
    with pytest.raises(InputError, match="redirects"):
        fetch(f"{server}/hop/6")


@pytest.mark.parametrize("path", ["/to-file", "/to-ftp"])
def test_redirect_to_other_scheme_rejected(server: str, path: str) -> None:
    with pytest.raises(InputError, match="only http and https"):
        fetch(f"{server}{path}")


@pytest.mark.parametrize("path", ["/png", "/pdf"])
def test_wrong_content_type_rejected(server: str, path: str) -> None:
    with pytest.raises(InputError, match="content type"):
        fetch(f"{server}{path}")


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/a", "javascript:1"])
def test_non_web_urls_rejected(url: str) -> None:
    with pytest.raises(InputError, match="only http and https"):
        fetch(url)


def test_http_error_reported(server: str) -> None:
    with pytest.raises(InputError, match="HTTP 404"):
        fetch(f"{server}/missing")


@pytest.mark.parametrize("path", ["/trickle-headers", "/trickle-body"])
def test_trickling_server_stops_at_the_deadline(server: str, path: str) -> None:
    """One deadline for the whole fetch, headers included, not one per socket read."""
    start = time.monotonic()
    with pytest.raises(InputError, match="timed out"):
        fetch(f"{server}{path}", timeout=0.5)
    assert time.monotonic() - start < 1.5


@pytest.mark.parametrize(("path", "reason"), [
    ("/garbage", "malformed HTTP response"), ("/bad-chunk", "malformed HTTP response"),
    ("/huge-header", "malformed HTTP response"), ("/brackets", r"content type \[/x\]")])
def test_malformed_response_is_one_line(server: str, path: str, reason: str) -> None:
    with pytest.raises(InputError, match=reason) as caught:
        fetch(f"{server}{path}")
    message = str(caught.value)
    assert message.startswith(server) and "\n" not in message and len(message) < 250


def test_bad_ipv6_address_is_one_line() -> None:
    with pytest.raises(InputError, match="not a valid web address"):
        fetch("http://[::1/x")


def test_redirect_with_a_space_is_followed(server: str) -> None:
    page = fetch(f"{server}/space-redirect")
    assert page.url == f"{server}/good%20page" and page.body.decode() == PAGE


def test_base64_charset_is_ignored(server: str) -> None:
    """A bytes-to-bytes codec named as a charset is no text encoding: the body is sniffed."""
    page = fetch(f"{server}/base64")
    assert decode_bytes(page.body, page.charset) == ("<p>Plain words.</p>", "utf-8")


LOOPBACK = ["127.0.0.1", "2130706433", "0x7f000001", "0177.0.0.1", "127.1", "[::1]",
            "[::ffff:127.0.0.1]", "localhost"]


@pytest.mark.parametrize("host", LOOPBACK)
def test_loopback_is_refused_in_every_spelling(server: str, host: str) -> None:
    port = server.rsplit(":", 1)[1]
    with pytest.raises(InputError, match="private, loopback or link-local"):
        fetch_module.fetch(f"http://{host}:{port}/good")


@pytest.mark.parametrize("url", ["http://169.254.169.254/latest/meta-data/", "http://10.1.2.3/",
                                 "http://192.168.0.1/", "http://[fe80::1]/", "http://0.0.0.0/",
                                 "http://[::ffff:a9fe:a9fe]/"])
def test_private_and_link_local_addresses_are_refused(url: str) -> None:
    with pytest.raises(InputError, match="--allow-private-urls"):
        fetch_module.fetch(url, timeout=2)


@pytest.mark.parametrize("path", ["/to-loopback", "/to-metadata"])
def test_redirect_into_private_address_is_refused(server: str, path: str,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """Every hop is checked: only the test server itself counts as public here."""
    monkeypatch.setattr(fetch_module, "is_public", lambda address: address == "127.0.0.1")
    with pytest.raises(InputError, match="private, loopback or link-local"):
        fetch_module.fetch(f"{server}{path}")


def test_connection_goes_to_the_checked_address(server: str,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """The name is resolved once per hop: a second DNS answer (rebinding) is never used."""
    answers = iter(["127.0.0.1", "10.9.9.9"])
    real = fetch_module.socket.getaddrinfo

    def lookup(host: str, port: int, *args: object, **kwargs: object) -> list:
        return real(next(answers) if host == "rebind.test" else host, port, *args, **kwargs)

    monkeypatch.setattr(fetch_module.socket, "getaddrinfo", lookup)
    monkeypatch.setattr(fetch_module, "is_public", lambda address: address == "127.0.0.1")
    port = server.rsplit(":", 1)[1]
    assert fetch_module.fetch(f"http://rebind.test:{port}/good").body.decode() == PAGE


def test_environment_opts_in(server: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(fetch_module.ALLOW_PRIVATE_ENV, "1")
    assert fetch_module.fetch(f"{server}/good").body.decode() == PAGE


def test_inspect_refuses_loopback_unless_allowed(server: str) -> None:
    refused = clearread("inspect", f"{server}/good", "--to", "txt")
    assert refused.returncode == 1 and "--allow-private-urls" in refused.stderr
    allowed = clearread("inspect", f"{server}/good", "--to", "txt", "--allow-private-urls")
    assert allowed.returncode == 0 and "Testserver" in allowed.stdout, allowed.stderr
