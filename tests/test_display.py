"""The progress display on a real terminal: untrusted text (file names, server messages) is shown
as text, never read as rich markup or terminal control codes."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from badcorpus import article_html


class BracketType(BaseHTTPRequestHandler):
    """Answers every request with a content type that is rich markup."""

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "[/x]")
        self.send_header("Content-Length", "1")
        self.end_headers()
        self.wfile.write(b"x")


@pytest.fixture
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), BracketType)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/page"
    httpd.shutdown()
    httpd.server_close()


def run_in_terminal(args: list[str], cwd: Path, timeout: float = 120) -> tuple[int, str]:
    """The CLI with stdout and stderr on a pseudo-terminal, as a person would run it."""
    master, slave = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "clearread", *args], cwd=cwd,
                            stdin=subprocess.DEVNULL, stdout=slave, stderr=slave)
    os.close(slave)
    chunks: list[bytes] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not select.select([master], [], [], 1)[0]:
            continue
        try:
            data = os.read(master, 65536)
        except OSError:        # EIO: the child has closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    return proc.wait(timeout=10), b"".join(chunks).decode("utf-8", "replace")


def test_markup_in_names_and_server_errors_is_shown_as_text(tmp_path: Path, server: str) -> None:
    (tmp_path / "[").mkdir()
    (tmp_path / "[/x].html").write_text("")
    (tmp_path / "[bold]good.html").write_text(article_html(), encoding="utf-8")
    (tmp_path / "esc\x1b[2J.html").write_text("")
    code, screen = run_in_terminal(
        ["convert", "[/x].html", "[bold]good.html", "esc\x1b[2J.html", server, "-f", "txt",
         "-o", "out", "-j", "1", "--allow-private-urls"], tmp_path)
    assert "internal error" not in screen and "Traceback" not in screen, screen
    assert code == 1, screen
    assert "1 converted, 3 failed" in screen, screen
    assert "content type [/x]" in screen and "[/x].html: empty input" in screen, screen
    assert "\x1b[2J" not in screen
