"""Collect facts for every discovered file: stat-first hashing, cache lookups, and
parallel extraction of the misses in worker processes (docs/architecture.md#engine-and-caches).

Workers read the file themselves and send back encoded facts only, so no syntax tree
and no file content crosses a process boundary. Workers die with the main process
(``lamina.extract.lifeline``). A worker that dies mid-run (the interpreter crashed on a
file) breaks the pool; the files it left undone are then retried one at a time, and the
file that kills its worker again becomes a "parser crashed" SYNTAX_ERROR (``LAM001``).
"""

from __future__ import annotations

import gc
import hashlib
import os
from collections import deque
from collections.abc import Callable, Collection
from typing import NamedTuple

from lamina.cache.facts_codec import decode_facts, encode_facts
from lamina.cache.facts_store import FactsStore
from lamina.extract import extract_facts, parser_crashed
from lamina.extract.lifeline import die_with_parent
from lamina.model.facts import ModuleFacts, ParseProblem
from lamina.model.source import ParseStatus, SourceFile
from lamina.runtime import gc_paused

PARALLEL_THRESHOLD = 64

FactsSink = Callable[[SourceFile, bytes], None]


class Collected(NamedTuple):
    facts: dict[str, ModuleFacts]  # by project-relative path
    digests: dict[str, str]  # digest of each file's encoded facts: equal facts, equal digest
    parsed: int  # files extracted in this run (cache misses)


def _read(path: str) -> bytes | ModuleFacts:
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except OSError as exc:
        problem = ParseProblem(f"cannot read file: {exc.strerror or exc}", 1, 1)
        return ModuleFacts.failed(ParseStatus.UNDECODABLE, problem)


def _extract_path(path: str, with_code: bool) -> bytes:
    """Encoded facts of one file (``encode_facts``: what the cache stores)."""
    data = _read(path)
    return encode_facts(data if isinstance(data, ModuleFacts) else extract_facts(data, with_code))


def _crashed_path(path: str) -> bytes:
    data = _read(path)
    return encode_facts(data if isinstance(data, ModuleFacts) else parser_crashed(data, "its worker process died"))


def _worker_started() -> None:
    die_with_parent()


def _extract_chunk(paths: list[str], with_code: bool) -> list[bytes]:
    # Syntax trees are millions of short-lived containers without cycles; the cyclic
    # collector would rescan them over and over (measured: it doubles extraction time).
    gc.freeze()
    gc.disable()
    return [_extract_path(path, with_code) for path in paths]


def _chunks(ordered: list[SourceFile], count: int) -> list[list[int]]:
    """Consecutive runs of the size-sorted files, about equal in bytes: the big files go
    out first and the last chunks are small, so no worker idles long at the end."""
    total = sum(max(s.size, 1) for s in ordered)
    target = max(total // count, 1)
    chunks: list[list[int]] = [[]]
    filled = 0
    for index, source in enumerate(ordered):
        if filled >= target and chunks[-1]:
            chunks.append([])
            filled = 0
        chunks[-1].append(index)
        filled += max(source.size, 1)
    return chunks


def extract_many(root: str, misses: list[SourceFile], jobs: int, sink: FactsSink, with_code: bool = True) -> None:
    """Extract every miss and hand its encoded facts (``encode_facts``) to ``sink`` - in worker
    processes when there are many, decoding each chunk in the parent while the workers
    go on. Bytes, not objects, cross the process boundary: pickling nested lists cost
    more than parsing (measured on a 500k-line corpus)."""
    ordered = sorted(misses, key=lambda s: (-s.size, s.path))
    paths = [os.path.join(root, s.path) for s in ordered]
    workers = jobs if jobs > 0 else (os.cpu_count() or 1)
    if len(ordered) <= PARALLEL_THRESHOLD or workers <= 1:
        for source, path in zip(ordered, paths):
            sink(source, _extract_path(path, with_code))
        return
    from concurrent.futures import ProcessPoolExecutor, as_completed  # its import alone costs ~15 ms
    from concurrent.futures.process import BrokenProcessPool

    chunks = _chunks(ordered, workers * 12)
    undone: list[int] = []
    with ProcessPoolExecutor(max_workers=workers, initializer=_worker_started) as pool:
        futures = {pool.submit(_extract_chunk, [paths[i] for i in chunk], with_code): chunk for chunk in chunks}
        for future in as_completed(futures):
            chunk = futures.pop(future)
            try:
                results = future.result()
            except BrokenProcessPool:
                undone.extend(chunk)
                continue
            # Dropping each finished future frees its bytes at once instead of at the end.
            for index, data in zip(chunk, results):
                sink(ordered[index], data)
            del future, results
    undone.sort()
    _retry_alone([(ordered[i], paths[i]) for i in undone], with_code, sink)


def _retry_alone(items: list[tuple[SourceFile, str]], with_code: bool, sink: FactsSink) -> None:
    """Extract each file after a worker died: one file at a time in a single worker, so
    the first file left unfinished is the one the worker died on. That file gets a worker
    of its own once more before it is declared a crash (the worker may have died of
    something else, such as the out-of-memory killer)."""
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    pending = deque(items)
    while pending:
        with ProcessPoolExecutor(max_workers=1, initializer=_worker_started) as pool:
            futures = deque(pool.submit(_extract_path, path, with_code) for _, path in pending)
            try:
                while futures:
                    data = futures[0].result()
                    futures.popleft()
                    sink(pending.popleft()[0], data)
            except BrokenProcessPool:
                pass
        if pending:
            source, path = pending.popleft()
            sink(source, _alone(path, with_code))


def _alone(path: str, with_code: bool) -> bytes:
    """The file's facts from a worker of its own, or "parser crashed" if it dies again."""
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    with ProcessPoolExecutor(max_workers=1, initializer=_worker_started) as pool:
        try:
            return pool.submit(_extract_path, path, with_code).result()
        except BrokenProcessPool:
            return _crashed_path(path)


def facts_digest(payload: bytes) -> str:
    """The digest of encoded facts. Rules read facts, not text: an edit that leaves a file's
    facts as they were (a comment appended) leaves every rule's output as it was."""
    return hashlib.blake2b(payload, digest_size=16).hexdigest()


def collect(
    root: str,
    files: Collection[SourceFile],
    store: FactsStore | None,
    jobs: int = 0,
    progress: Callable[[int, int], None] | None = None,
    with_code: bool = True,
    live: Collection[str] = (),
) -> Collected:
    """Facts of the given files (content hashes filled in), from the cache where possible;
    ``progress(parsed, to_parse)`` is called after each extracted file (the CLI draws it on
    a terminal). ``with_code=False`` when no rule reads calls or definitions (see
    ``extract_facts``). ``live``: the content hashes of every current file, which the
    store's compaction keeps."""
    facts: dict[str, ModuleFacts] = {}
    digests: dict[str, str] = {}
    by_hash: dict[str, tuple[ModuleFacts, str]] = {}
    misses: list[SourceFile] = []
    for source in files:
        cached = by_hash.get(source.content_hash)
        if cached is None and store is not None:
            loaded = store.load_payload(source.content_hash, with_code)
            cached = (loaded[0], facts_digest(loaded[1])) if loaded is not None else None
        if cached is None:
            misses.append(source)
            continue
        by_hash[source.content_hash] = cached
        facts[source.path], digests[source.path] = cached
    if misses:

        done = [0]

        def sink(source: SourceFile, raw: bytes) -> None:
            facts[source.path] = decode_facts(raw)
            digests[source.path] = facts_digest(raw)
            if store is not None and source.content_hash != "unreadable":
                store.add(source.content_hash, raw)
            if progress is not None:
                done[0] += 1
                progress(done[0], len(misses))

        with gc_paused():
            extract_many(root, misses, jobs, sink, with_code)
    if store is not None:
        store.commit(set(live) | {s.content_hash for s in files})
    return Collected(facts, digests, len(misses))
