"""The stat manifest: ``path → (size, mtime_ns, ctime_ns, content hash)`` from the previous run.

A file whose size, mtime and ctime are unchanged reuses its stored hash. The ctime is what
makes this sound: an edit that keeps the size and sets the mtime back (``os.utime``, a
restore tool) still moves the ctime, which no call can set. A file whose mtime lies within
2 s of the manifest's write time is re-hashed anyway, because it may have changed again
within the same filesystem timestamp tick. The window is not applied to the ctime: a tree
copied or generated with old mtimes (every ctime new) would otherwise be re-hashed on every
warm run, and a change the ctime alone reveals (a restored mtime) needs a second write and
a utime within the very tick of the first stat to hide.
"""

from __future__ import annotations

import json
import os
import time
from typing import NamedTuple

from lamina.cache.guard import CacheGuard
from lamina.cache.sealed import read_sealed, write_sealed

RACY_WINDOW_NS = 2_000_000_000

ManifestRow = tuple[int, int, int, str]  # size, mtime_ns, ctime_ns, content hash


class Manifest(NamedTuple):
    written_ns: int
    entries: dict[str, ManifestRow]

    def known_hash(self, path: str, size: int, mtime_ns: int, ctime_ns: int) -> str | None:
        entry = self.entries.get(path)
        if entry is None or entry[0] != size or entry[1] != mtime_ns or entry[2] != ctime_ns:
            return None
        if mtime_ns >= self.written_ns - RACY_WINDOW_NS:
            return None
        return entry[3]


EMPTY_MANIFEST = Manifest(0, {})


def manifest_path(cache_dir: str, version: str) -> str:
    return os.path.join(cache_dir, f"manifest-{version}.json")


def load_manifest(cache_dir: str, version: str, guard: CacheGuard | None = None) -> Manifest:
    body = read_sealed(manifest_path(cache_dir, version), guard)
    if body is None:
        return EMPTY_MANIFEST
    try:
        raw = json.loads(body)
        entries = {str(p): (int(v[0]), int(v[1]), int(v[2]), str(v[3])) for p, v in raw["files"].items()}
        return Manifest(int(raw["written_ns"]), entries)
    except (ValueError, KeyError, TypeError, IndexError, AttributeError, RecursionError):
        return EMPTY_MANIFEST


def save_manifest(
    cache_dir: str, version: str, entries: dict[str, ManifestRow], guard: CacheGuard | None = None
) -> None:
    data = {"written_ns": time.time_ns(), "files": {p: list(v) for p, v in sorted(entries.items())}}
    write_sealed(manifest_path(cache_dir, version), json.dumps(data, separators=(",", ":")).encode(), guard)
