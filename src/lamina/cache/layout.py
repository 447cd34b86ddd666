"""The cache directory: marked as a cache (CACHEDIR.TAG) and ignored by git."""

from __future__ import annotations

import os

from lamina.cache.atomic import write_atomic

CACHEDIR_TAG = (
    b"Signature: 8a477f597d28d172789f06886806bc55\n"
    b"# This file is a cache directory tag created by lamina.\n"
    b"# For information about cache directory tags see https://bford.info/cachedir/\n"
)


def prepare_cache_dir(path: str) -> None:
    """Create the cache directory with its tag and ``.gitignore`` if missing."""
    tag = os.path.join(path, "CACHEDIR.TAG")
    if os.path.exists(tag):
        return
    os.makedirs(path, exist_ok=True)
    write_atomic(tag, CACHEDIR_TAG)
    write_atomic(os.path.join(path, ".gitignore"), b"*\n")
