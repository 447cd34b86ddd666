"""Audit records: one per ``execute`` call, written after the transaction has ended."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Awaitable
from contextlib import closing
from dataclasses import dataclass
from os import PathLike
from typing import Protocol, Union

__all__ = ["AuditRecord", "AuditSink", "SqliteAuditSink"]


@dataclass(frozen=True, slots=True)
class AuditRecord:
    """What happened to one operation call; never carries params (they may hold personal data)."""

    operation: str
    tenant_id: str
    success: bool
    error_code: str | None
    duration_ms: float
    timestamp: str
    cross_domain_deps: tuple[str, ...]
    authority_reason: str | None


class AuditSink(Protocol):
    """Receives audit records; may be sync or return an awaitable."""

    def record(self, record: AuditRecord) -> Union[None, Awaitable[None]]:
        """Store one record; exceptions are logged by the registry and never fail the call."""


_SCHEMA = """
CREATE TABLE IF NOT EXISTS spine_audit (
  id INTEGER PRIMARY KEY AUTOINCREMENT, operation TEXT NOT NULL, tenant_id TEXT NOT NULL,
  success INTEGER NOT NULL, error_code TEXT, duration_ms REAL NOT NULL, timestamp TEXT NOT NULL,
  cross_domain_deps TEXT NOT NULL, authority_reason TEXT)
"""


class SqliteAuditSink:
    """Appends audit records to the ``spine_audit`` table of a sqlite file, each on its own connection.

    Its own connection keeps the audit outside the operation's transaction: a rolled-back operation is
    still audited, and an audit failure can never undo a committed one.
    """

    __slots__ = ("_path", "_timeout")

    def __init__(self, path: str | PathLike[str], *, timeout: float = 5.0) -> None:
        self._path = path
        self._timeout = timeout

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self._path, isolation_level=None, timeout=self._timeout)
        conn.execute(_SCHEMA)
        return conn

    def record(self, record: AuditRecord) -> None:
        """Append one record (autocommit: a single INSERT is atomic)."""
        with closing(self._connect()) as conn:
            conn.execute(
                "INSERT INTO spine_audit (operation, tenant_id, success, error_code, duration_ms, timestamp,"
                " cross_domain_deps, authority_reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    record.operation,
                    record.tenant_id,
                    int(record.success),
                    record.error_code,
                    record.duration_ms,
                    record.timestamp,
                    json.dumps(list(record.cross_domain_deps)),
                    record.authority_reason,
                ),
            )

    def records(
        self, *, tenant_id: str | None = None, operation: str | None = None
    ) -> tuple[AuditRecord, ...]:
        """The stored records in write order, optionally filtered by tenant and operation."""
        clauses: list[str] = []
        args: list[str] = []
        if tenant_id is not None:
            clauses.append("tenant_id = ?")
            args.append(tenant_id)
        if operation is not None:
            clauses.append("operation = ?")
            args.append(operation)
        where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
        with closing(self._connect()) as conn:
            rows = conn.execute(
                "SELECT operation, tenant_id, success, error_code, duration_ms, timestamp, cross_domain_deps,"
                f" authority_reason FROM spine_audit{where} ORDER BY id",
                args,
            ).fetchall()
        return tuple(
            AuditRecord(
                operation=row[0],
                tenant_id=row[1],
                success=bool(row[2]),
                error_code=row[3],
                duration_ms=row[4],
                timestamp=row[5],
                cross_domain_deps=tuple(json.loads(row[6])),
                authority_reason=row[7],
            )
            for row in rows
        )
