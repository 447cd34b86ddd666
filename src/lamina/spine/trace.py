"""Run proof: an append-only, hash-chained run trace in sqlite.

``hash_i = sha256(canonical({"index": i, "payload": payload_i, "prev": hash_{i-1}, "run": run_id}))``.
Canonical JSON makes every field boundary unambiguous, the whole payload is covered, the run id binds
entries to their run, and the stored head (length, last hash) catches truncation. Publishing ``head()``
elsewhere (``expected_head``) also catches a rewrite of the whole file.
"""

from __future__ import annotations

import hashlib
import json
import math
import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from os import PathLike

from lamina.spine.errors import TraceError
from lamina.spine.sqlite_io import BusyRetry, connect, write_transaction

__all__ = ["ZERO_HASH", "RunTrace", "TraceEntry", "VerifyResult", "canonical", "entry_hash", "verify_chain"]

ZERO_HASH = "0" * 64

_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS trace_entries (run_id TEXT NOT NULL, idx INTEGER NOT NULL, payload TEXT NOT NULL,"
    " prev_hash TEXT NOT NULL, hash TEXT NOT NULL, PRIMARY KEY (run_id, idx))",
    "CREATE TABLE IF NOT EXISTS trace_heads (run_id TEXT PRIMARY KEY, length INTEGER NOT NULL,"
    " head_hash TEXT NOT NULL)",
)


def canonical(value: object) -> bytes:
    """Sorted keys, no whitespace, UTF-8, no NaN: one byte string per JSON value."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False).encode(
        "utf-8"
    )


def entry_hash(run_id: str, index: int, payload: object, prev_hash: str) -> str:
    """The chain hash of one entry."""
    return hashlib.sha256(canonical({"index": index, "payload": payload, "prev": prev_hash, "run": run_id})).hexdigest()


def _check_json(value: object, where: str) -> None:
    # json.dumps would silently turn int keys into strings and accept any float; the trace must not.
    if value is None or isinstance(value, (bool, int, str)):
        return
    if isinstance(value, float):
        if not math.isfinite(value):
            raise TraceError(f"{where} is not a finite number")
        return
    if isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            _check_json(item, f"{where}[{i}]")
        return
    if isinstance(value, Mapping):
        for key, item in value.items():
            if not isinstance(key, str):
                raise TraceError(f"{where} has a non-string key {key!r}")
            _check_json(item, f"{where}.{key}")
        return
    raise TraceError(f"{where} is not JSON-compatible: {type(value).__name__}")


@dataclass(frozen=True, slots=True)
class TraceEntry:
    """Where an appended payload landed in its chain."""

    run_id: str
    index: int
    prev_hash: str
    hash: str


@dataclass(frozen=True, slots=True)
class VerifyResult:
    """``ok`` or the first broken index and what broke there."""

    ok: bool
    length: int
    head_hash: str
    first_bad_index: int | None = None
    problem: str | None = None


class RunTrace:
    """Append-only hash chains, one per run id, in a sqlite file. There is no update or delete API."""

    __slots__ = ("_path", "_retry", "_schema_ready", "_timeout")

    def __init__(self, path: str | PathLike[str], *, timeout: float = 5.0, retry: BusyRetry = BusyRetry()) -> None:
        self._path = path
        self._timeout = timeout
        self._retry = retry
        # The schema is created by the first connection, not on every call.
        self._schema_ready = False

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        conn = connect(self._path, timeout=self._timeout)
        try:
            if not self._schema_ready:
                for statement in _SCHEMA:
                    conn.execute(statement)
                self._schema_ready = True
            yield conn
        finally:
            conn.close()

    def append(self, run_id: str, payload: Mapping[str, object]) -> TraceEntry:
        """Append ``payload`` as the next entry of ``run_id`` in one ``BEGIN IMMEDIATE`` transaction."""
        if not isinstance(payload, Mapping):
            raise TraceError(f"payload must be a mapping, not {type(payload).__name__}")
        _check_json(payload, "payload")
        text = canonical(payload).decode("utf-8")
        normalised = json.loads(text)  # tuples became lists: hash exactly what verify() will read back
        with self._connect() as conn, write_transaction(conn, self._retry):
            # IMMEDIATE takes the write lock before reading the head, so two writers cannot fork the chain.
            length, prev = self._head(conn, run_id)
            digest = entry_hash(run_id, length, normalised, prev)
            conn.execute(
                "INSERT INTO trace_entries (run_id, idx, payload, prev_hash, hash) VALUES (?, ?, ?, ?, ?)",
                (run_id, length, text, prev, digest),
            )
            conn.execute(
                "INSERT INTO trace_heads (run_id, length, head_hash) VALUES (?, ?, ?) ON CONFLICT(run_id)"
                " DO UPDATE SET length = excluded.length, head_hash = excluded.head_hash",
                (run_id, length + 1, digest),
            )
        return TraceEntry(run_id=run_id, index=length, prev_hash=prev, hash=digest)

    def head(self, run_id: str) -> tuple[int, str]:
        """``(length, head_hash)`` of the run; ``(0, ZERO_HASH)`` for a run without entries."""
        with self._connect() as conn:
            return self._head(conn, run_id)

    @staticmethod
    def _head(conn: sqlite3.Connection, run_id: str) -> tuple[int, str]:
        row = conn.execute("SELECT length, head_hash FROM trace_heads WHERE run_id = ?", (run_id,)).fetchone()
        return (0, ZERO_HASH) if row is None else (int(row[0]), str(row[1]))

    def payloads(self, run_id: str) -> tuple[Mapping[str, object], ...]:
        """The stored payloads in index order (read-only convenience; does not verify)."""
        with self._connect() as conn:
            rows = conn.execute("SELECT payload FROM trace_entries WHERE run_id = ? ORDER BY idx", (run_id,))
            return tuple(json.loads(row[0]) for row in rows.fetchall())

    def verify(self, run_id: str, *, expected_head: tuple[int, str] | None = None) -> VerifyResult:
        """Walk the chain by index and stop at the first failure; then compare with the stored head."""
        with self._connect() as conn:
            rows = conn.execute(
                "SELECT idx, payload, prev_hash, hash FROM trace_entries WHERE run_id = ? ORDER BY idx", (run_id,)
            ).fetchall()
            length, head_hash = self._head(conn, run_id)

        return verify_chain(run_id, rows, length, head_hash, expected_head=expected_head)


def verify_chain(
    run_id: str,
    rows: Sequence[tuple[int, str, str, str]],
    length: int,
    head_hash: str,
    *,
    expected_head: tuple[int, str] | None = None,
) -> VerifyResult:
    """Walk ``(index, payload text, prev_hash, hash)`` rows in index order; stop at the first failure.

    Shared by the run trace and the audit log, so both name a broken entry the same way.
    """

    def broken(index: int, problem: str) -> VerifyResult:
        return VerifyResult(False, length, head_hash, index, problem)

    prev = ZERO_HASH
    for position, (idx, text, prev_hash, stored_hash) in enumerate(rows):
        if idx != position:
            return broken(position, "missing entry")
        try:
            payload = json.loads(text)
            is_canonical = canonical(payload).decode("utf-8") == text
        except ValueError:
            is_canonical = False
        if not is_canonical:
            return broken(position, "modified entry")
        # The link is checked before the entry's own hash so that an entry moved to another index
        # (insertion, reordering) is named for what it is, not as a modification.
        if prev_hash != prev:
            return broken(position, "broken link")
        if entry_hash(run_id, position, payload, prev_hash) != stored_hash:
            return broken(position, "modified entry")
        prev = stored_hash
    count = len(rows)
    if count < length:
        return broken(count, "truncated")
    if count > length:
        return broken(length, "entries beyond head")
    if prev != head_hash:
        return broken(max(count - 1, 0), "head mismatch")
    if expected_head is not None and (length, head_hash) != tuple(expected_head):
        expected_length = int(expected_head[0])
        # Equal lengths: the last entry is the first one the published head disproves.
        index = min(expected_length, length) if expected_length != length else max(length - 1, 0)
        return broken(index, "head differs from expected")
    return VerifyResult(True, length, head_hash)
