"""Collect facts for every discovered file: stat-first hashing, cache lookups, and
parallel extraction of the misses in worker processes (ARCHITECTURE.md section 5).

Workers read the file themselves and send back encoded facts only, so no syntax tree
and no file content crosses a process boundary.
"""

from __future__ import annotations

import gc
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

from lamina.cache.facts_codec import facts_from_data, facts_to_data
from lamina.cache.facts_store import FactsStore
from lamina.cache.hashing import hash_files
from lamina.cache.manifest import EMPTY_MANIFEST, Manifest
from lamina.extract import extract_facts
from lamina.model.facts import ModuleFacts, ParseProblem
from lamina.model.source import ParseStatus, SourceFile

PARALLEL_THRESHOLD = 64


@dataclass(frozen=True, slots=True)
class Collected:
    files: tuple[SourceFile, ...]  # with content_hash filled in
    facts: dict[str, ModuleFacts]  # by project-relative path
    manifest: dict[str, tuple[int, int, str]]
    parsed: int  # files extracted in this run (cache misses)


def _extract_path(path: str) -> list[object]:
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        problem = ParseProblem(f"cannot read file: {exc.strerror or exc}", 1, 1)
        return facts_to_data(ModuleFacts.failed(ParseStatus.UNDECODABLE, problem))
    return facts_to_data(extract_facts(data))


def _extract_chunk(paths: list[str]) -> list[list[object]]:
    # Bulk parsing allocates many short-lived trees; freezing keeps the collector from
    # rescanning the long-lived objects on every generation-2 pass.
    gc.freeze()
    return [_extract_path(path) for path in paths]


def _chunks(items: list[str], count: int) -> list[list[str]]:
    """Deal items (largest first) round-robin into ``count`` chunks of similar cost."""
    buckets: list[list[str]] = [[] for _ in range(count)]
    for index, item in enumerate(items):
        buckets[index % count].append(item)
    return [b for b in buckets if b]


def extract_many(root: str, misses: list[SourceFile], jobs: int) -> dict[str, list[object]]:
    """Encoded facts of each miss, by path; in worker processes when there are many."""
    ordered = sorted(misses, key=lambda s: (-s.size, s.path))
    paths = [os.path.join(root, s.path) for s in ordered]
    workers = jobs if jobs > 0 else (os.cpu_count() or 1)
    if len(ordered) <= PARALLEL_THRESHOLD or workers <= 1:
        gc_was_enabled = gc.isenabled()
        gc.disable()
        try:
            encoded = [_extract_path(p) for p in paths]
        finally:
            if gc_was_enabled:
                gc.enable()
        return {s.path: data for s, data in zip(ordered, encoded)}
    chunk_count = workers * 4
    chunks = _chunks(list(range(len(paths))), chunk_count)  # type: ignore[arg-type]
    result: dict[str, list[object]] = {}
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(_extract_chunk, [paths[i] for i in chunk]) for chunk in chunks]
        for chunk, future in zip(chunks, futures):
            for index, data in zip(chunk, future.result()):
                result[ordered[index].path] = data
    return result


def collect(
    root: str,
    files: tuple[SourceFile, ...],
    store: FactsStore | None,
    manifest: Manifest = EMPTY_MANIFEST,
    jobs: int = 0,
) -> Collected:
    """Facts for every file, from the cache where possible."""
    hashed = hash_files(root, files, manifest)
    facts: dict[str, ModuleFacts] = {}
    by_hash: dict[str, ModuleFacts] = {}
    misses: list[SourceFile] = []
    for source in hashed:
        cached = by_hash.get(source.content_hash)
        if cached is None and store is not None:
            cached = store.load(source.content_hash)
        if cached is None:
            misses.append(source)
            continue
        by_hash[source.content_hash] = cached
        facts[source.path] = cached
    if misses:
        encoded = extract_many(root, misses, jobs)
        for source in misses:
            data = encoded[source.path]
            extracted = facts_from_data(data)
            facts[source.path] = extracted
            if store is not None and source.content_hash != "unreadable":
                store.save(source.content_hash, data)
    manifest_entries = {s.path: (s.size, s.mtime_ns, s.content_hash) for s in hashed}
    return Collected(hashed, facts, manifest_entries, len(misses))
