"""Facts cache: content-addressed JSON entries, one per distinct file content.

Key = blake2b of the file bytes, under a directory named for the lamina version and the
facts schema version, so identical files share an entry and renames cost nothing. A
missing, truncated, corrupt or mismatched entry is simply a miss.
"""

from __future__ import annotations

import os

from lamina.cache.atomic import write_atomic
from lamina.cache.facts_codec import decode_facts
from lamina.model.facts import FACTS_SCHEMA_VERSION, ModuleFacts


def facts_namespace(version: str) -> str:
    return f"facts-{version}-s{FACTS_SCHEMA_VERSION}"


class FactsStore:
    """Reads and writes facts entries below ``<cache_dir>/<namespace>/``."""

    def __init__(self, cache_dir: str, version: str) -> None:
        self._base = os.path.join(cache_dir, facts_namespace(version))

    def _path(self, content_hash: str) -> str:
        return os.path.join(self._base, content_hash[:2], content_hash + ".facts")

    def load(self, content_hash: str, with_code: bool = True) -> ModuleFacts | None:
        """The stored facts, or None; an entry extracted without code is a miss when
        ``with_code`` asks for calls and definitions (the new entry replaces it)."""
        try:
            with open(self._path(content_hash), "rb") as handle:
                raw = handle.read()
            facts = decode_facts(raw)
        except (OSError, ValueError, RecursionError):
            return None
        return facts if facts.has_code or not with_code else None

    def save_raw(self, content_hash: str, payload: bytes) -> None:
        """Store facts already encoded as JSON bytes (``facts_to_data`` output)."""
        try:
            write_atomic(self._path(content_hash), payload)
        except OSError:
            pass  # a cache that cannot be written only costs speed next time
