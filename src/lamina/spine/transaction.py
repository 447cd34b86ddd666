"""The transaction boundary: the registry begins, commits and rolls back; handlers only use the handle.

``SqliteTransactions`` is the embedded default (stdlib ``sqlite3``). Handlers receive a
``GuardedConnection`` that can run statements but refuses every form of transaction control, so the
"only the registry commits" rule holds at runtime and not just in review.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Awaitable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from os import PathLike
from typing import Protocol

from lamina.spine.audit import AuditRecord, SqliteAuditSink
from lamina.spine.errors import ForeignTableError, TransactionOwnershipError
from lamina.spine.sql_guard import CONTROL_KEYWORDS, UNKNOWN_TARGET, first_keyword, foreign_write
from lamina.spine.sqlite_io import (
    BusyRetry,
    begin_immediate,
    commit,
    connect,
    release,
    rollback,
    rollback_to,
    savepoint,
    sync_level,
)

__all__ = [
    "GuardedConnection",
    "SqliteTransactions",
    "SqliteUnit",
    "StatementResult",
    "TransactionBoundary",
    "UnitOfWork",
    "check_statement",
    "first_keyword",
]

_MaybeAwaitable = Awaitable[None] | None



class UnitOfWork(Protocol):
    """One transaction: ``connection`` is what handlers see as ``ctx.db``."""

    @property
    def connection(self) -> object:
        """The guarded handle (read-only in the protocol so any handle type satisfies it)."""

    def commit(self) -> _MaybeAwaitable:
        """Make the handler's writes durable (called only after a successful result)."""

    def rollback(self) -> _MaybeAwaitable:
        """Discard the handler's writes (failure, exception, or a failed commit)."""

    def close(self) -> _MaybeAwaitable:
        """Release the connection; always called last."""


class TransactionBoundary(Protocol):
    """Starts units of work; ``is_async`` tells the sync entry point to refuse it up front."""

    is_async: bool

    def begin(self) -> UnitOfWork | Awaitable[UnitOfWork]:
        """Open one unit of work for one operation execution."""


def ownership_error(action: str) -> TransactionOwnershipError:
    """The one message for every refused transaction-control attempt."""
    return TransactionOwnershipError(f"the registry owns the transaction; handlers may not call {action}")


def check_statement(sql: str, writer: str | None, owners: Mapping[str, str]) -> None:
    """Refuse transaction control, and a write to a table owned by a domain other than ``writer``."""
    keyword = first_keyword(sql)
    if keyword in CONTROL_KEYWORDS:
        raise ownership_error(keyword)
    foreign = foreign_write(sql, writer, owners)
    if foreign is not None:
        table, owner = foreign
        who = f"domain '{writer}'" if writer else "this handle"
        if table == UNKNOWN_TARGET:
            raise ForeignTableError(f"{who} issued a write whose target table could not be determined")
        raise ForeignTableError(f"{who} may not write table '{table}' (owned by domain '{owner}')")


@dataclass(frozen=True, slots=True)
class StatementResult:
    """What a write statement reports; a cursor is not returned because it exposes its connection."""

    rowcount: int
    lastrowid: int | None


class RefusesTransactionControl:
    """What every handle given to handlers shares: the registry owns the transaction, so
    commit, rollback, begin and close are refused (the SQLAlchemy session adds savepoints)."""

    __slots__ = ()

    def commit(self) -> None:
        """Refused: the registry commits after a successful handler."""
        raise ownership_error("commit()")

    def rollback(self) -> None:
        """Refused: return a failed result and the registry rolls back."""
        raise ownership_error("rollback()")

    def begin(self) -> None:
        """Refused: the registry has already begun the transaction."""
        raise ownership_error("begin()")

    def close(self) -> None:
        """Refused: the registry closes the connection after the transaction."""
        raise ownership_error("close()")


class GuardedConnection(RefusesTransactionControl):
    """The handle handlers get: statements yes, transaction control and other domains' tables no.

    ``writer`` is the domain this view writes for (the operation's own domain for ``ctx.db``, the
    bridge's domain for a handle given to a domain factory); ``owners`` maps table → owning domain.
    """

    __slots__ = ("__conn", "_owners", "_writer")

    def __init__(
        self, conn: sqlite3.Connection, *, writer: str | None = None, owners: Mapping[str, str] | None = None
    ) -> None:
        self.__conn = conn
        self._writer = writer
        self._owners: Mapping[str, str] = owners or {}

    def scoped(self, writer: str, owners: Mapping[str, str]) -> GuardedConnection:
        """The same transaction, writing for domain ``writer`` under the table map ``owners``."""
        return GuardedConnection(self.__conn, writer=writer, owners=owners)

    def _check(self, sql: str) -> None:
        check_statement(sql, self._writer, self._owners)

    def execute(self, sql: str, params: Sequence[object] | dict[str, object] = ()) -> StatementResult:
        """Run one statement inside the registry's transaction."""
        self._check(sql)
        cursor = self.__conn.execute(sql, params)
        return StatementResult(rowcount=cursor.rowcount, lastrowid=cursor.lastrowid)

    def executemany(self, sql: str, seq: Iterable[Sequence[object]]) -> StatementResult:
        """Run one statement for each parameter row."""
        self._check(sql)
        cursor = self.__conn.executemany(sql, seq)
        return StatementResult(rowcount=cursor.rowcount, lastrowid=None)

    def fetchone(self, sql: str, params: Sequence[object] | dict[str, object] = ()) -> sqlite3.Row | None:
        """Run a query and return its first row (``sqlite3.Row``) or ``None``."""
        self._check(sql)
        row: sqlite3.Row | None = self.__conn.execute(sql, params).fetchone()
        return row

    def fetchall(self, sql: str, params: Sequence[object] | dict[str, object] = ()) -> list[sqlite3.Row]:
        """Run a query and return all rows."""
        self._check(sql)
        rows: list[sqlite3.Row] = self.__conn.execute(sql, params).fetchall()
        return rows


class SqliteUnit:
    """One sqlite transaction opened by ``SqliteTransactions.begin``."""

    __slots__ = ("__raw", "_audit", "connection")

    def __init__(self, raw: sqlite3.Connection, *, audit: SqliteAuditSink | None = None) -> None:
        self.__raw = raw
        self._audit = audit
        self.connection = GuardedConnection(raw)

    def commit(self) -> None:
        """Commit the transaction."""
        commit(self.__raw)

    def rollback(self) -> None:
        """Roll back if a transaction is still open (a failed COMMIT may already have ended it)."""
        rollback(self.__raw)

    def close(self) -> None:
        """Close the connection."""
        self.__raw.close()

    def record_audit(self, records: Sequence[AuditRecord]) -> None:
        """Append audit records inside this transaction (they commit with the work)."""
        if self._audit is not None:
            self._audit.append_in(self.__raw, records)

    def savepoint(self, name: str) -> None:
        """Open a savepoint for a ``requires_new`` nested operation."""
        savepoint(self.__raw, name)

    def release(self, name: str) -> None:
        """Keep the nested operation's work."""
        release(self.__raw, name)

    def rollback_to(self, name: str) -> None:
        """Undo the nested operation's work only."""
        rollback_to(self.__raw, name)


class SqliteBoundarySettings:
    """What the sync and async sqlite boundaries share: the database file, its connection
    settings and the audit log kept in the same file (``audit=True``)."""

    __slots__ = ("_audit", "_path", "_retry", "_synchronous", "_timeout", "_wal")

    def __init__(
        self,
        path: str | PathLike[str],
        *,
        timeout: float = 5.0,
        retry: BusyRetry = BusyRetry(),
        wal: bool = True,
        synchronous: str | None = None,
        audit: bool = False,
    ) -> None:
        self._path = path
        self._timeout = timeout
        self._retry = retry
        self._wal = wal
        self._synchronous = sync_level(synchronous, wal)
        self._audit = (
            SqliteAuditSink(path, timeout=timeout, retry=retry, wal=wal, synchronous=synchronous) if audit else None
        )

    @property
    def audit(self) -> SqliteAuditSink | None:
        """The audit log written in this boundary's transactions (``None`` without ``audit=True``)."""
        return self._audit

    @property
    def audits(self) -> bool:
        """Whether units record audit records in their transaction."""
        return self._audit is not None


class SqliteTransactions(SqliteBoundarySettings):
    """The embedded default boundary: one fresh sqlite connection and ``BEGIN IMMEDIATE`` per execution.

    WAL, a busy timeout of ``timeout`` seconds and a bounded retry of ``SQLITE_BUSY`` at the start
    (``retry``) make it safe under threads. With ``audit=True`` the boundary owns a chained audit log
    in the same file (``.audit``) and every record commits with the work. For ``async`` services use
    ``AsyncSqliteTransactions``: this boundary blocks the calling thread.
    """

    __slots__ = ()

    is_async = False

    def record_audit(self, records: Sequence[AuditRecord]) -> None:
        """Append records in a short transaction of their own (failed, cancelled or refused calls)."""
        if self._audit is not None:
            self._audit.record_all(records)

    def begin(self) -> SqliteUnit:
        """Open a connection and take the write lock with ``BEGIN IMMEDIATE`` (retried while busy)."""
        raw = connect(self._path, timeout=self._timeout, wal=self._wal, synchronous=self._synchronous)
        try:
            begin_immediate(raw, self._retry)
        except BaseException:
            raw.close()
            raise
        return SqliteUnit(raw, audit=self._audit)
