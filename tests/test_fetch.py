"""fetch() against a local http.server: limits, redirects, content types, charsets."""

from __future__ import annotations

import gzip
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from clearread.errors import InputError
from clearread.readers.fetch import USER_AGENT, fetch

BOMB = gzip.compress(b"\0" * (30 * 1024 * 1024), 6)  # ~30 KB on the wire, 30 MB unpacked
PAGE = "<html><body><p>Grüße aus dem Testserver.</p></body></html>"


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

    def do_GET(self) -> None:
        Handler.seen_agents.append(self.headers.get("User-Agent", ""))
        path = self.path
        if path == "/good":
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
