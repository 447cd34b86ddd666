"""The cache directory: marked as a cache (CACHEDIR.TAG) and ignored by git."""

from __future__ import annotations

import errno
import os

from lamina.cache.atomic import write_atomic

CACHEDIR_TAG = (
    b"Signature: 8a477f597d28d172789f06886806bc55\n"
    b"# This file is a cache directory tag created by lamina.\n"
    b"# For information about cache directory tags see https://bford.info/cachedir/\n"
)


def prepare_cache_dir(path: str) -> None:
    """Create the cache directory with its tag and ``.gitignore`` if missing; raises
    ``OSError`` when it cannot (the caller turns the cache off)."""
    tag = os.path.join(path, "CACHEDIR.TAG")
    if os.path.isfile(tag):
        return
    if os.path.lexists(path) and not os.path.isdir(path):
        # A regular file or a device (/dev/null): makedirs would say "File exists".
        raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), path)
    os.makedirs(path, exist_ok=True)
    write_atomic(tag, CACHEDIR_TAG)
    write_atomic(os.path.join(path, ".gitignore"), b"*\n")
