"""Cache failures degrade: the first error opening, reading or writing the cache turns the
cache off for the rest of the run and is reported once; the check itself goes on uncached.

A missing entry is an ordinary miss and a damaged one is recomputed silently; what is
reported is the cache directory itself failing (not a directory, not writable, a full or
failing disk), which only the user can fix.
"""

from __future__ import annotations

from collections.abc import Callable

Warn = Callable[[str], None]


def reason(error: BaseException) -> str:
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return str(error) or type(error).__name__


class CacheGuard:
    """One run's cache health; ``warn`` (from the command line) prints a line on stderr."""

    def __init__(self, warn: Warn | None = None) -> None:
        self._warn = warn
        self.disabled = False

    def failed(self, path: str, error: BaseException) -> None:
        """Record a failure at ``path`` (the error's own file name when it has one)."""
        if self.disabled:
            return
        self.disabled = True
        if self._warn is not None:
            where = getattr(error, "filename", None) or path
            self._warn(f"lamina: warning: cache disabled: {where}: {reason(error)}")
