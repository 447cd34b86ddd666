"""Audit records and the hash-chained audit log.

One ``AuditRecord`` per operation call (nested calls included). With a boundary built with
``audit=True`` the record is written **in the operation's own transaction** just before the commit, so
the work and its audit are durable together or not at all; a failed or cancelled call is rolled back
first and its record is then written in a short transaction of its own. Records are chained like the
run trace (``hash_i = entry_hash(AUDIT_CHAIN, i, payload_i, hash_{i-1})``) and a head row stores the
length and last hash, so ``verify()`` names the first modified, deleted, inserted or reordered record and
catches a deleted tail.

The SQL below is shared by the stdlib and SQLAlchemy adapters; each runs it inside a transaction that
already holds sqlite's write lock (``BEGIN IMMEDIATE``), so two writers cannot fork the chain.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Awaitable, Mapping, Sequence
from contextlib import closing
from dataclasses import dataclass
from os import PathLike
from typing import Protocol

from lamina.spine.sqlite_io import BusyRetry, connect, sync_level, write_transaction
from lamina.spine.trace import ZERO_HASH, VerifyResult, canonical, entry_hash, verify_chain

__all__ = [
    "AUDIT_CHAIN",
    "AUDIT_SCHEMA",
    "AuditRecord",
    "AuditSink",
    "SqliteAuditSink",
    "append_statements",
    "record_from_payload",
    "record_payload",
]

AUDIT_CHAIN = "spine_audit"
"""The run id every audit hash is bound to (so trace entries cannot be passed off as audit records)."""

AUDIT_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS spine_audit_log (seq INTEGER PRIMARY KEY, payload TEXT NOT NULL,"
    " prev_hash TEXT NOT NULL, hash TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS spine_audit_head (id INTEGER PRIMARY KEY CHECK (id = 0),"
    " length INTEGER NOT NULL, head_hash TEXT NOT NULL)",
)
HEAD_SQL = "SELECT length, head_hash FROM spine_audit_head WHERE id = 0"
_INSERT_SQL = "INSERT INTO spine_audit_log (seq, payload, prev_hash, hash) VALUES (:seq, :payload, :prev, :hash)"
_HEAD_SQL = (
    "INSERT INTO spine_audit_head (id, length, head_hash) VALUES (0, :length, :hash)"
    " ON CONFLICT(id) DO UPDATE SET length = excluded.length, head_hash = excluded.head_hash"
)


@dataclass(frozen=True, slots=True)
class AuditRecord:
    """What happened to one operation call; never carries params (they may hold personal data).

    ``request_id`` and ``actor_id`` come from the context (``registry.execute(..., request_id=,
    actor_id=)``); a nested call shares its caller's ids and names it in ``parent``.
    """

    operation: str
    tenant_id: str
    success: bool
    error_code: str | None
    duration_ms: float
    timestamp: str
    cross_domain_deps: tuple[str, ...]
    authority_reason: str | None
    request_id: str | None = None
    actor_id: str | None = None
    parent: str | None = None


class AuditSink(Protocol):
    """Receives audit records after the call; may be sync or return an awaitable.

    A sink is the place for observers (logs, metrics). For records that must not be lost, build the
    boundary with ``audit=True`` instead: then the record commits with the work.
    """

    def record(self, record: AuditRecord) -> None | Awaitable[None]:
        """Store one record; exceptions are logged by the registry and never fail the call."""


def record_payload(record: AuditRecord) -> dict[str, object]:
    """The JSON payload stored and hashed for ``record``."""
    return {
        "operation": record.operation,
        "tenant_id": record.tenant_id,
        "success": record.success,
        "error_code": record.error_code,
        "duration_ms": record.duration_ms,
        "timestamp": record.timestamp,
        "cross_domain_deps": list(record.cross_domain_deps),
        "authority_reason": record.authority_reason,
        "request_id": record.request_id,
        "actor_id": record.actor_id,
        "parent": record.parent,
    }


def record_from_payload(payload: Mapping[str, object]) -> AuditRecord:
    """Rebuild a record from its stored payload."""
    deps = payload.get("cross_domain_deps")
    duration = payload.get("duration_ms")
    return AuditRecord(
        operation=str(payload.get("operation")),
        tenant_id=str(payload.get("tenant_id")),
        success=payload.get("success") is True,
        error_code=_optional_str(payload.get("error_code")),
        duration_ms=float(duration) if isinstance(duration, (int, float)) else 0.0,
        timestamp=str(payload.get("timestamp")),
        cross_domain_deps=tuple(str(d) for d in deps) if isinstance(deps, list) else (),
        authority_reason=_optional_str(payload.get("authority_reason")),
        request_id=_optional_str(payload.get("request_id")),
        actor_id=_optional_str(payload.get("actor_id")),
        parent=_optional_str(payload.get("parent")),
    )


def _optional_str(value: object) -> str | None:
    return None if value is None else str(value)


def append_statements(
    head: Sequence[object] | None, records: Sequence[AuditRecord]
) -> list[tuple[str, dict[str, object]]]:
    """The statements that append ``records`` after ``head`` (the row of ``HEAD_SQL`` or ``None``)."""
    length, prev = (0, ZERO_HASH) if head is None else (int(str(head[0])), str(head[1]))
    statements: list[tuple[str, dict[str, object]]] = []
    for record in records:
        payload = record_payload(record)
        text = canonical(payload).decode("utf-8")
        digest = entry_hash(AUDIT_CHAIN, length, json.loads(text), prev)
        statements.append((_INSERT_SQL, {"seq": length, "payload": text, "prev": prev, "hash": digest}))
        length, prev = length + 1, digest
    if records:
        statements.append((_HEAD_SQL, {"length": length, "hash": prev}))
    return statements


class SqliteAuditSink:
    """The chained audit log in a sqlite file: write (in a caller's transaction or its own), read, verify.

    The schema is created once, when the sink is built. ``record()`` appends in its own short
    ``BEGIN IMMEDIATE`` transaction; ``append_in(conn, ...)`` appends inside a transaction the caller
    holds (what ``SqliteTransactions(path, audit=True)`` does before it commits).
    """

    __slots__ = ("_path", "_retry", "_synchronous", "_timeout", "_wal")

    def __init__(
        self,
        path: str | PathLike[str],
        *,
        timeout: float = 5.0,
        retry: BusyRetry = BusyRetry(),
        wal: bool = True,
        synchronous: str | None = None,
    ) -> None:
        self._path = path
        self._timeout = timeout
        self._retry = retry
        self._wal = wal
        self._synchronous = sync_level(synchronous, wal)
        with closing(self._connect()) as conn, write_transaction(conn, retry):
            for statement in AUDIT_SCHEMA:
                conn.execute(statement)

    def _connect(self) -> sqlite3.Connection:
        return connect(self._path, timeout=self._timeout, wal=self._wal, synchronous=self._synchronous)

    @staticmethod
    def append_in(conn: sqlite3.Connection, records: Sequence[AuditRecord]) -> None:
        """Append ``records`` inside the caller's open write transaction on ``conn``."""
        head = conn.execute(HEAD_SQL).fetchone()
        for sql, params in append_statements(None if head is None else tuple(head), records):
            conn.execute(sql, params)

    def record(self, record: AuditRecord) -> None:
        """Append one record in its own short transaction."""
        self.record_all((record,))

    def record_all(self, records: Sequence[AuditRecord]) -> None:
        """Append ``records`` in order, in one short transaction of their own."""
        if not records:
            return
        with closing(self._connect()) as conn, write_transaction(conn, self._retry):
            self.append_in(conn, records)

    def _rows(self) -> tuple[list[tuple[int, str, str, str]], tuple[int, str]]:
        with closing(self._connect()) as conn:
            rows = [
                (int(r[0]), str(r[1]), str(r[2]), str(r[3]))
                for r in conn.execute("SELECT seq, payload, prev_hash, hash FROM spine_audit_log ORDER BY seq")
            ]
            head = conn.execute(HEAD_SQL).fetchone()
        return rows, ((0, ZERO_HASH) if head is None else (int(head[0]), str(head[1])))

    def records(
        self, *, tenant_id: str | None = None, operation: str | None = None
    ) -> tuple[AuditRecord, ...]:
        """The stored records in write order, optionally filtered (reading does not verify)."""
        rows, _ = self._rows()
        found = (record_from_payload(json.loads(text)) for _, text, _, _ in rows)
        return tuple(
            r
            for r in found
            if (tenant_id is None or r.tenant_id == tenant_id) and (operation is None or r.operation == operation)
        )

    def head(self) -> tuple[int, str]:
        """``(length, head_hash)``: publish it elsewhere and pass it to ``verify`` to catch a rewrite."""
        return self._rows()[1]

    def verify(self, *, expected_head: tuple[int, str] | None = None) -> VerifyResult:
        """Walk the chain; ``first_bad_index`` is the ``seq`` of the first broken record."""
        rows, (length, head_hash) = self._rows()
        return verify_chain(AUDIT_CHAIN, rows, length, head_hash, expected_head=expected_head)
