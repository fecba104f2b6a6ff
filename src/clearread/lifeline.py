"""Worker processes that never outlive the process that started them.

A parent killed with SIGKILL cannot stop its workers, and a pool worker whose parent is gone
waits for work forever. So each worker asks the kernel to kill it when its parent dies (Linux
``PR_SET_PDEATHSIG``, which works even while the worker is busy in C code), or, elsewhere,
runs a watchdog thread that polls for the parent.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
import time

PR_SET_PDEATHSIG = 1
WATCH_SECONDS = 1.0


def die_with(parent: int) -> None:
    """End this process when ``parent`` goes away, however it goes."""
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    else:
        threading.Thread(target=_watch, args=(parent,), daemon=True).start()
    if os.getppid() != parent:      # the parent died before the request above took effect
        os._exit(1)


def _watch(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(WATCH_SECONDS)
    os._exit(1)
