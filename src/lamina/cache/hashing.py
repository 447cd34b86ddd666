"""Content hashes, stat-first: a file is read only when its size, mtime or ctime changed."""

from __future__ import annotations

import hashlib
import os

from lamina.cache.manifest import Manifest
from lamina.model.source import SourceFile


def content_hash(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def hash_files(root: str, files: tuple[SourceFile, ...], manifest: Manifest) -> tuple[SourceFile, ...]:
    """Fill in content hashes, reading only files whose size, mtime or ctime changed."""
    hashed: list[SourceFile] = []
    for source in files:
        known = manifest.known_hash(source.path, source.size, source.mtime_ns, source.ctime_ns)
        if known is None:
            try:
                with open(os.path.join(root, source.path), "rb") as handle:
                    known = content_hash(handle.read())
            except OSError:
                known = "unreadable"
        # Positional construction: _replace costs more than the stat it follows.
        hashed.append(SourceFile(source.path, source.root, source.rel, source.module, source.is_package,
                                 source.size, source.mtime_ns, known, source.ctime_ns))  # fmt: skip
    return tuple(hashed)
