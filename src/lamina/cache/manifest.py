"""The stat manifest: ``path → (size, mtime_ns, content hash)`` from the previous run.

A file whose size and mtime are unchanged reuses its stored hash; a file whose mtime lies
within 2 s of the manifest's write time is re-hashed anyway, because it may have changed
again within the same filesystem timestamp tick.
"""

from __future__ import annotations

from typing import NamedTuple
import json
import os
import time

from lamina.cache.atomic import write_atomic

RACY_WINDOW_NS = 2_000_000_000


class Manifest(NamedTuple):
    written_ns: int
    entries: dict[str, tuple[int, int, str]]

    def known_hash(self, path: str, size: int, mtime_ns: int) -> str | None:
        entry = self.entries.get(path)
        if entry is None or entry[0] != size or entry[1] != mtime_ns:
            return None
        if mtime_ns >= self.written_ns - RACY_WINDOW_NS:
            return None
        return entry[2]


EMPTY_MANIFEST = Manifest(0, {})


def manifest_path(cache_dir: str, version: str) -> str:
    return os.path.join(cache_dir, f"manifest-{version}.json")


def load_manifest(cache_dir: str, version: str) -> Manifest:
    try:
        with open(manifest_path(cache_dir, version), "rb") as handle:
            raw = json.loads(handle.read())
        entries = {str(p): (int(v[0]), int(v[1]), str(v[2])) for p, v in raw["files"].items()}
        return Manifest(int(raw["written_ns"]), entries)
    except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError):
        return EMPTY_MANIFEST


def save_manifest(cache_dir: str, version: str, entries: dict[str, tuple[int, int, str]]) -> None:
    data = {"written_ns": time.time_ns(), "files": {p: list(v) for p, v in sorted(entries.items())}}
    try:
        write_atomic(manifest_path(cache_dir, version), json.dumps(data, separators=(",", ":")).encode())
    except OSError:
        pass
