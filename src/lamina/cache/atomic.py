"""Atomic file writes: a temp file in the same directory, then ``os.replace``.

Readers therefore only ever see whole files, and concurrent runs are safe (last writer wins).
"""

from __future__ import annotations

import os


def write_atomic(path: str, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically, creating parent directories."""
    directory = os.path.dirname(path) or "."
    os.makedirs(directory, exist_ok=True)
    # A random name created exclusively, as tempfile.mkstemp does (whose import alone costs
    # more than an incremental run's writes); mode 0o666 lets the umask apply as usual.
    temp = os.path.join(directory, f".tmp-{os.urandom(8).hex()}")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temp, path)
    except BaseException:
        try:
            os.unlink(temp)
        except OSError:
            pass
        raise


def write_text_atomic(path: str, text: str) -> None:
    write_atomic(path, text.encode("utf-8"))
