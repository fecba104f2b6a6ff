"""The output folder's own files (manifest, journal, library pages, lock): never through a link.

The folder may be shared or published, so nothing in it is trusted: a link planted where one of
our files belongs is replaced or refused, never followed, and every name read back from the
manifest must be a plain file name in the folder itself.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import secrets
from collections.abc import Iterator
from pathlib import Path

from clearread.errors import ClearreadError
from clearread.pipeline import TEMP_MARK

MAX_NAME_BYTES = 255
NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0)


def is_plain_name(name: object) -> bool:
    """A visible file name of this folder: no separators, no climbing, no hidden names."""
    return (isinstance(name, str) and bool(name) and not name.startswith(".")
            and not any(c in name for c in "/\\\0")
            and len(name.encode("utf-8", "surrogatepass")) <= MAX_NAME_BYTES)


def read_text(path: Path) -> str | None:
    """The file's text, or None when it is missing, unreadable or a link."""
    try:
        fd = os.open(path, os.O_RDONLY | NO_FOLLOW)
    except OSError:
        return None
    with open(fd, "rb") as fh:
        return fh.read().decode("utf-8", "replace")


def append_line(path: Path, line: str) -> None:
    """Append one line; a link in the file's place is removed first, never written through."""
    if path.is_symlink():
        path.unlink()
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | NO_FOLLOW, 0o644)
    with open(fd, "w", encoding="utf-8") as out:
        out.write(line)


def replace_text(path: Path, text: str) -> None:
    """Write ``text`` to a fresh, unguessable temp file, then rename it over ``path`` (which
    replaces a link rather than following it); a failed write leaves no temp file behind."""
    tmp = path.with_name(f".{path.name}{TEMP_MARK}{secrets.token_hex(6)}")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | NO_FOLLOW, 0o644)
        with open(fd, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


LOCK = ".clearread.lock"


def holder(path: Path) -> str:
    """Who holds the lock, as recorded in the lock file ("another run" when unknown)."""
    pid = (read_text(path) or "").strip()
    return f"clearread run {pid}" if pid.isdigit() else "another clearread run"


@contextlib.contextmanager
def locked(folder: Path) -> Iterator[None]:
    """Hold the folder's exclusive lock for a whole run. A second run into the same folder fails
    at once (it would otherwise delete this run's temp files and lose its manifest entries);
    the kernel drops the lock when the holder exits, however it exits."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOCK
    if path.is_symlink():
        path.unlink()
    fd = os.open(path, os.O_RDWR | os.O_CREAT | NO_FOLLOW, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise ClearreadError(f"output folder {folder} is in use by {holder(path)}; "
                                 "run again when it has finished") from None
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        yield
    finally:
        os.close(fd)
