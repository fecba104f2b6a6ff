"""Worker processes that never outlive the process that started them.

A parent killed with SIGKILL cannot stop its workers, and a pool worker whose parent is gone
waits for work forever. So each worker asks the kernel to kill it when the process that forked
it dies (Linux ``PR_SET_PDEATHSIG``, which works even while the worker is busy in C code). A
worker made by a fork server (the speech pool's) was forked by the server, not by the process
that wants it, so it also watches that process: a thread waits on its pidfd (Linux) or polls
for it (elsewhere, where it is the only guard).
"""

from __future__ import annotations

import ctypes
import os
import select
import signal
import sys
import threading
import time

PR_SET_PDEATHSIG = 1
WATCH_SECONDS = 1.0
LINUX = sys.platform.startswith("linux")


def die_with(parent: int) -> None:
    """End this process when ``parent`` goes away, however it goes, and when the process that
    forked this one (``parent`` itself or a fork server) does."""
    forker = os.getppid()
    if LINUX:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if forker != parent or not LINUX:
        threading.Thread(target=_watch, args=(parent,), daemon=True).start()
    if os.getppid() != forker:      # it died before the request above took effect
        os._exit(1)


def _watch(parent: int) -> None:
    """Return never: end the process once ``parent`` has exited."""
    try:
        handle = os.pidfd_open(parent)
    except ProcessLookupError:
        os._exit(1)
    except (AttributeError, OSError):       # no pidfds here: poll
        while _alive(parent):
            time.sleep(WATCH_SECONDS)
    else:
        select.select([handle], [], [])     # readable once the process has exited
    os._exit(1)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:     # alive, owned by someone else
        pass
    return True
