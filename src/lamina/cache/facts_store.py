"""Facts cache: content-addressed entries kept in a few pack files plus one index.

Key = blake2b of the file bytes, under a directory named for the lamina version and the
facts schema version, so identical files share an entry and renames cost nothing. The
entries a run extracts are streamed into one new pack file (``<token>.pack``, the
``encode_facts`` payloads back to back) that becomes visible, with the updated
``index.json`` (hash → pack, offset, length), only when the run commits: one file per run
instead of one per source file, which on a cold cache was a measured share of the run
(creating 1,400 small files). Reading an entry is one seek and read in an open pack.

A missing, truncated, corrupt or mismatched entry, pack or index is simply a miss. A
cache that cannot be read or written (permissions, a full disk) is reported to the run's
``CacheGuard`` once and used no further; it never fails the check.
Concurrent runs are safe: each writes its own pack, and merges its entries into the index
as it finds it when it commits, replacing it atomically (two commits at the same moment:
the last writer wins, and the other's entries are computed again some later run). A pack
no index names is deleted only once it is old enough not to be a concurrent run's, and a
pack deleted by compaction while another run reads it is a miss there.

Packs accumulate one per run that extracted something; a commit merges the smaller packs
once there are more than ``MAX_PACKS`` and rewrites everything when entries no current file
uses outweigh the live ones, so the cache stays within a small multiple of the live facts.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Collection
from typing import BinaryIO

from lamina.cache.atomic import write_atomic
from lamina.cache.facts_codec import decode_facts
from lamina.cache.guard import CacheGuard
from lamina.model.facts import FACTS_SCHEMA_VERSION, ModuleFacts

INDEX = "index.json"
MAX_PACKS = 8
STALE_TEMP_SECONDS = 24 * 3600
# A pack no index names may be a concurrent run's, published a moment before its index.
UNREFERENCED_GRACE_SECONDS = 300

Location = tuple[str, int, int]  # pack file name, offset, length


def facts_namespace(version: str) -> str:
    return f"facts-{version}-s{FACTS_SCHEMA_VERSION}"


def _read_index(path: str, guard: CacheGuard | None = None) -> dict[str, Location]:
    try:
        with open(path, "rb") as handle:
            raw = handle.read()
    except FileNotFoundError:
        return {}
    except OSError as error:
        if guard is not None:
            guard.failed(path, error)
        return {}
    try:
        data = json.loads(raw)
        entries = data["entries"]
        index: dict[str, Location] = {}
        for content_hash, (pack, offset, length) in entries.items():
            if not (isinstance(pack, str) and pack.endswith(".pack") and os.sep not in pack and "/" not in pack
                    and type(offset) is int and type(length) is int and offset >= 0 and length > 0):  # fmt: skip
                return {}
            index[content_hash] = (pack, offset, length)
        return index
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError):
        return {}


class _PackWriter:
    """A pack being written: a temporary file renamed into place on ``finish``."""

    def __init__(self, base: str) -> None:
        os.makedirs(base, exist_ok=True)
        self.name = f"{os.urandom(8).hex()}.pack"
        self.temp = os.path.join(base, f".tmp-{self.name}")
        self.final = os.path.join(base, self.name)
        self.handle: BinaryIO = open(self.temp, "wb")
        self.size = 0

    def append(self, payload: bytes) -> Location:
        self.handle.write(payload)
        offset = self.size
        self.size += len(payload)
        return (self.name, offset, len(payload))

    def finish(self) -> None:
        self.handle.close()
        os.replace(self.temp, self.final)

    def abandon(self) -> None:
        self.handle.close()
        try:
            os.unlink(self.temp)
        except OSError:
            pass


class FactsStore:
    """Reads and writes facts entries below ``<cache_dir>/<namespace>/``. Entries added
    with ``add`` are readable by later runs once ``commit`` has returned."""

    def __init__(self, cache_dir: str, version: str, guard: CacheGuard | None = None) -> None:
        self._base = os.path.join(cache_dir, facts_namespace(version))
        self._guard = guard if guard is not None else CacheGuard()
        self._index: dict[str, Location] | None = None
        self._open: dict[str, BinaryIO | None] = {}
        self._writer: _PackWriter | None = None
        self._added: dict[str, Location] = {}
        self._write_failed = False

    def _entries(self) -> dict[str, Location]:
        if self._index is None:
            self._index = _read_index(os.path.join(self._base, INDEX), self._guard)
        return self._index

    def _read(self, location: Location) -> bytes:
        pack, offset, length = location
        if pack not in self._open:
            try:
                self._open[pack] = open(os.path.join(self._base, pack), "rb")
            except FileNotFoundError:  # compacted away by a concurrent run: a miss
                self._open[pack] = None
            except OSError as error:
                self._guard.failed(os.path.join(self._base, pack), error)
                self._open[pack] = None
        handle = self._open[pack]
        if handle is None:
            raise OSError(f"pack {pack} is gone")
        handle.seek(offset)
        raw = handle.read(length)
        if len(raw) != length:
            raise ValueError("truncated pack")
        return raw

    def load(self, content_hash: str, with_code: bool = True) -> ModuleFacts | None:
        """The stored facts, or None; an entry extracted without code is a miss when
        ``with_code`` asks for calls and definitions (the new entry replaces it)."""
        loaded = self.load_payload(content_hash, with_code)
        return loaded[0] if loaded is not None else None

    def load_payload(self, content_hash: str, with_code: bool = True) -> tuple[ModuleFacts, bytes] | None:
        """``load``, with the stored bytes (the caller digests them)."""
        if self._guard.disabled:
            return None
        location = self._entries().get(content_hash)
        if location is None:
            return None
        try:
            payload = self._read(location)
            facts = decode_facts(payload)
        except (OSError, ValueError, RecursionError):
            return None
        return (facts, payload) if facts.has_code or not with_code else None

    def add(self, content_hash: str, payload: bytes) -> None:
        """Store facts already encoded by ``encode_facts``; visible after ``commit``."""
        if self._write_failed or self._guard.disabled:
            return
        try:
            if self._writer is None:
                self._writer = _PackWriter(self._base)
            self._added[content_hash] = self._writer.append(payload)
        except OSError as error:
            # A cache that cannot be written only costs speed next time. A write may have
            # been partial, so later offsets would be wrong: this run adds nothing more.
            self._guard.failed(self._base, error)
            self._write_failed = True
            if self._writer is not None:
                self._writer.abandon()
                self._writer = None
            self._added = {}

    def commit(self, live: Collection[str]) -> None:
        """Publish the added entries, then compact if due; ``live`` holds the content
        hashes of the current files (what compaction keeps). Closes the store's files."""
        writer, self._writer = self._writer, None
        try:
            if writer is None or self._guard.disabled:
                if writer is not None:
                    writer.abandon()
                return
            try:
                writer.finish()
            except OSError as error:
                self._guard.failed(writer.final, error)
                writer.abandon()
                return
            # The index as it is now: a concurrent run may have published since this one read it.
            current = _read_index(os.path.join(self._base, INDEX), self._guard)
            existing = {p: os.path.exists(os.path.join(self._base, p)) for p in {loc[0] for loc in current.values()}}
            entries = {h: loc for h, loc in current.items() if existing[loc[0]]}
            entries.update(self._added)
            entries, merged = self._compacted(entries, set(live))
            write_atomic(os.path.join(self._base, INDEX),
                         json.dumps({"entries": entries}, separators=(",", ":")).encode("utf-8"))  # fmt: skip
            self._index = entries
            self._remove_unreferenced({loc[0] for loc in entries.values()}, merged)
        except OSError as error:
            self._guard.failed(self._base, error)
        finally:
            self._added = {}
            self.close()

    def _compacted(self, entries: dict[str, Location], live: set[str]) -> tuple[dict[str, Location], set[str]]:
        """The entries after compaction, if due, and the packs merged away."""
        sizes: dict[str, int] = {}
        for pack, _, length in entries.values():
            sizes[pack] = sizes.get(pack, 0) + length
        live_bytes = sum(entries[h][2] for h in live if h in entries)
        dead_bytes = sum(sizes.values()) - live_bytes
        if dead_bytes > live_bytes:
            merge = set(sizes)
        elif len(sizes) > MAX_PACKS:
            merge = set(sizes) - {max(sizes, key=lambda p: (sizes[p], p))}
        else:
            return entries, set()
        writer = _PackWriter(self._base)
        try:
            kept = {h: loc for h, loc in entries.items() if loc[0] not in merge}
            for content_hash, location in sorted(entries.items()):
                if location[0] in merge and content_hash in live:
                    try:
                        kept[content_hash] = writer.append(self._read(location))
                    except (OSError, ValueError):
                        continue
            if writer.size:
                writer.finish()
            else:
                writer.abandon()
        except BaseException:
            writer.abandon()
            raise
        return kept, merge

    def _remove_unreferenced(self, referenced: set[str], merged: set[str]) -> None:
        """Delete packs the index no longer names: those merged away, and others once they
        are old enough not to be a concurrent run's pack that its index will name."""
        self.close()
        try:
            names = os.listdir(self._base)
        except OSError:
            return
        now = time.time()
        for name in names:
            path = os.path.join(self._base, name)
            try:
                if name.startswith(".tmp-"):
                    if os.stat(path).st_mtime < now - STALE_TEMP_SECONDS:  # left by a killed run
                        os.unlink(path)
                elif name.endswith(".pack") and name not in referenced:
                    if name in merged or os.stat(path).st_mtime < now - UNREFERENCED_GRACE_SECONDS:
                        os.unlink(path)
            except OSError:
                pass

    def close(self) -> None:
        for handle in self._open.values():
            if handle is not None:
                handle.close()
        self._open = {}
