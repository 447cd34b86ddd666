"""Reusing the previous walk: when no walked directory (nor a ``.gitignore``) changed, the
file set cannot have changed either, and a stat of each file replaces the walk."""

from __future__ import annotations

import hashlib
import json
import os
from typing import TYPE_CHECKING

from lamina.cache.manifest import RACY_WINDOW_NS
from lamina.engine.state import Head
from lamina.model.source import SourceFile

if TYPE_CHECKING:
    from lamina.discovery import Discovery


def discovery_digest(found: Discovery) -> str:
    """What discovery decides besides the file list - namespace packages, shadowing,
    unreadable paths - as part of the result key: deleting a ``.gitignore``d
    ``__init__.py`` turns a package into a namespace without changing any listed file."""
    data = [list(found.namespace_modules), [list(s) for s in found.shadowed], [list(u) for u in found.unreadable]]
    encoded = json.dumps(data, ensure_ascii=False).encode("utf-8", "surrogatepass")
    return hashlib.blake2b(encoded, digest_size=16).hexdigest()


def result_inputs(config: list[tuple[str, str]], discovery: str) -> list[tuple[str, str]]:
    """The configuration digests and the discovery digest: what the result key covers
    besides the baseline and the files."""
    return [*config, ("<discovery>", discovery)]


def unchanged_walk(head: Head) -> bool:
    limit = head.written_ns - RACY_WINDOW_NS
    for rel, mtime, ctime in head.walked:
        try:
            info = os.stat(os.path.join(head.root, rel))
        except OSError:
            return False
        # The racy window applies to the mtime only, as for files (cache/manifest.py).
        if info.st_mtime_ns != mtime or info.st_ctime_ns != ctime or mtime >= limit:
            return False
    return True


def restat(head: Head) -> tuple[SourceFile, ...] | None:
    """The head's files with their current stats and no content hash, or None when one
    of them vanished (then the tree is walked again)."""
    files: list[SourceFile] = []
    base = head.root
    for s in head.files:
        try:
            info = os.stat(os.path.join(base, s.path))
        except OSError:
            return None
        files.append(SourceFile(s.path, s.root, s.rel, s.module, s.is_package, info.st_size, info.st_mtime_ns, "",
                                info.st_ctime_ns))  # fmt: skip
    return tuple(files)
