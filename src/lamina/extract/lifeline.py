"""Helper processes (parse workers, the fallback parser's process) die with their parent.

A worker that outlives a killed ``lamina`` keeps the parent's stdout open, so whoever reads
that output waits for the orphan to finish its whole share of the run. On Linux the kernel
kills the worker when its parent dies (``prctl(PR_SET_PDEATHSIG, SIGKILL)``); elsewhere a
daemon thread polls the parent's pid and exits the process once it changes.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time

_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
WATCHDOG_INTERVAL = 0.5  # seconds between two looks at the parent pid (portable fallback only)


def _kernel_kills_orphans() -> bool:
    """Ask Linux to SIGKILL this process when its parent dies; False where that is unavailable."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        return int(libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)) == 0
    except (OSError, AttributeError, ValueError):
        return False


def preload() -> None:
    """Import what ``die_with_parent`` needs, so that processes forked afterwards do not
    each pay for the import (a few milliseconds)."""
    if sys.platform.startswith("linux"):
        import ctypes  # noqa: F401


def _watch(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(WATCHDOG_INTERVAL)
    os._exit(1)


def die_with_parent() -> None:
    """Make the calling process end when its parent process ends (call it first thing in a
    child process)."""
    parent = os.getppid()
    if not _kernel_kills_orphans():
        threading.Thread(target=_watch, args=(parent,), name="lamina-lifeline", daemon=True).start()
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)
