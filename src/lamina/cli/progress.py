"""Progress of long runs on stderr: ``lamina: parsing 1200/5000 files``, redrawn in place.

Shown only when stderr is an interactive terminal and the run is not in CI (the ``CI``
variable that CI services set): a log file or a pipe must not collect carriage returns.
Nothing is drawn during the first half second, so short and warm runs stay silent, and
the line is erased when the run ends so that stdout's output starts on a clean line.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Mapping
from typing import TextIO

DELAY = 0.5  # seconds before the first draw
INTERVAL = 0.1  # seconds between draws


def progress_wanted(stream: TextIO, environ: Mapping[str, str] = os.environ) -> bool:
    try:
        interactive = stream.isatty()
    except (AttributeError, ValueError):  # closed or replaced streams
        interactive = False
    return interactive and not environ.get("CI")


class Progress:
    """A callable ``(done, total)`` that redraws one status line, at most every INTERVAL."""

    def __init__(self, stream: TextIO, now: Callable[[], float] = time.monotonic) -> None:
        self._stream = stream
        self._now = now
        self._started = self._now()
        self._last = 0.0
        self._width = 0

    def __call__(self, done: int, total: int) -> None:
        now = self._now()
        if now - self._started < DELAY or (now - self._last < INTERVAL and done < total):
            return
        self._last = now
        text = f"lamina: parsing {done}/{total} files"
        self._stream.write("\r" + text.ljust(self._width))
        self._stream.flush()
        self._width = len(text)

    def close(self) -> None:
        if self._width:
            self._stream.write("\r" + " " * self._width + "\r")
            self._stream.flush()
            self._width = 0
