"""The stdlib sqlite boundary for ``async`` services: no sqlite call ever runs on the event loop.

Every statement, ``BEGIN IMMEDIATE``, commit, rollback and audit append runs in a worker thread
(``asyncio.to_thread``); handlers ``await ctx.db.execute(...)``. Writers of one boundary are serialised
by an ``asyncio.Lock`` before they touch sqlite. sqlite admits one writer at a time anyway, and without
the lock, transactions waiting in ``BEGIN IMMEDIATE`` would park every worker thread while the
transaction holding the lock waits for a thread to run its COMMIT: a deadlock until the busy timeout.
Waiting for the lock is an ``await``, so the loop stays free; other processes are handled by the busy
timeout and the bounded retry, whose pauses are ``asyncio.sleep``.
"""

from __future__ import annotations

import asyncio
import sqlite3
import weakref
from collections.abc import Iterable, Mapping, Sequence
from os import PathLike

from lamina.spine.audit import AuditRecord, SqliteAuditSink
from lamina.spine.sqlite_io import BusyRetry, begin_immediate, commit, connect, is_busy, release, rollback, rollback_to, savepoint
from lamina.spine.transaction import RefusesTransactionControl, StatementResult, check_statement

__all__ = ["AsyncGuardedConnection", "AsyncSqliteTransactions", "AsyncSqliteUnit"]


class AsyncGuardedConnection(RefusesTransactionControl):
    """``GuardedConnection`` with awaitable methods that run in a worker thread."""

    __slots__ = ("__conn", "_owners", "_writer")

    def __init__(
        self, conn: sqlite3.Connection, *, writer: str | None = None, owners: Mapping[str, str] | None = None
    ) -> None:
        self.__conn = conn
        self._writer = writer
        self._owners: Mapping[str, str] = owners or {}

    def scoped(self, writer: str, owners: Mapping[str, str]) -> AsyncGuardedConnection:
        """The same transaction, writing for domain ``writer`` under the table map ``owners``."""
        return AsyncGuardedConnection(self.__conn, writer=writer, owners=owners)

    async def execute(self, sql: str, params: Sequence[object] | dict[str, object] = ()) -> StatementResult:
        """Run one statement inside the registry's transaction."""
        check_statement(sql, self._writer, self._owners)
        conn = self.__conn

        def run() -> StatementResult:
            cursor = conn.execute(sql, params)
            return StatementResult(rowcount=cursor.rowcount, lastrowid=cursor.lastrowid)

        return await asyncio.to_thread(run)

    async def executemany(self, sql: str, seq: Iterable[Sequence[object]]) -> StatementResult:
        """Run one statement for each parameter row."""
        check_statement(sql, self._writer, self._owners)
        rows = list(seq)
        conn = self.__conn

        def run() -> StatementResult:
            return StatementResult(rowcount=conn.executemany(sql, rows).rowcount, lastrowid=None)

        return await asyncio.to_thread(run)

    async def fetchone(self, sql: str, params: Sequence[object] | dict[str, object] = ()) -> sqlite3.Row | None:
        """Run a query and return its first row or ``None``."""
        check_statement(sql, self._writer, self._owners)
        conn = self.__conn

        def run() -> sqlite3.Row | None:
            row: sqlite3.Row | None = conn.execute(sql, params).fetchone()
            return row

        return await asyncio.to_thread(run)

    async def fetchall(self, sql: str, params: Sequence[object] | dict[str, object] = ()) -> list[sqlite3.Row]:
        """Run a query and return all rows."""
        check_statement(sql, self._writer, self._owners)
        conn = self.__conn

        def run() -> list[sqlite3.Row]:
            rows: list[sqlite3.Row] = conn.execute(sql, params).fetchall()
            return rows

        return await asyncio.to_thread(run)


class AsyncSqliteUnit:
    """One transaction of ``AsyncSqliteTransactions``; releases the writer lock when closed."""

    __slots__ = ("__raw", "_audit", "_lock", "connection")

    def __init__(self, raw: sqlite3.Connection, lock: asyncio.Lock, audit: SqliteAuditSink | None) -> None:
        self.__raw = raw
        self._lock = lock
        self._audit = audit
        self.connection = AsyncGuardedConnection(raw)

    async def commit(self) -> None:
        """Commit the transaction."""
        await asyncio.to_thread(commit, self.__raw)

    async def rollback(self) -> None:
        """Roll back if still open."""
        await asyncio.to_thread(rollback, self.__raw)

    async def close(self) -> None:
        """Close the connection and let the next writer in."""
        try:
            await asyncio.to_thread(self.__raw.close)
        finally:
            if self._lock.locked():
                self._lock.release()

    async def record_audit(self, records: Sequence[AuditRecord]) -> None:
        """Append audit records inside this transaction."""
        if self._audit is not None:
            await asyncio.to_thread(self._audit.append_in, self.__raw, records)

    async def savepoint(self, name: str) -> None:
        """Open a savepoint for a ``requires_new`` nested operation."""
        await asyncio.to_thread(savepoint, self.__raw, name)

    async def release(self, name: str) -> None:
        """Keep the nested operation's work."""
        await asyncio.to_thread(release, self.__raw, name)

    async def rollback_to(self, name: str) -> None:
        """Undo the nested operation's work only."""
        await asyncio.to_thread(rollback_to, self.__raw, name)


def _open(path: str | PathLike[str], timeout: float, wal: bool) -> sqlite3.Connection:
    # The connection is used from several worker threads, one call at a time (every call is awaited).
    return connect(path, timeout=timeout, wal=wal, check_same_thread=False)


_ONE_TRY = BusyRetry(attempts=1)  # the retry loop is async here, so its pauses do not hold a thread


def _begin(raw: sqlite3.Connection) -> None:
    begin_immediate(raw, _ONE_TRY)


class AsyncSqliteTransactions:
    """``SqliteTransactions`` for ``await registry.execute(...)``: same WAL, busy timeout, retry and audit."""

    __slots__ = ("_audit", "_locks", "_path", "_retry", "_timeout", "_wal")

    is_async = True

    def __init__(
        self,
        path: str | PathLike[str],
        *,
        timeout: float = 5.0,
        retry: BusyRetry = BusyRetry(),
        wal: bool = True,
        audit: bool = False,
    ) -> None:
        self._path = path
        self._timeout = timeout
        self._retry = retry
        self._wal = wal
        self._audit = SqliteAuditSink(path, timeout=timeout, retry=retry, wal=wal) if audit else None
        # One writer lock per event loop: an asyncio.Lock must not be shared between loops.
        self._locks: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Lock] = (
            weakref.WeakKeyDictionary()
        )

    @property
    def audit(self) -> SqliteAuditSink | None:
        """The audit log written in this boundary's transactions (``None`` without ``audit=True``)."""
        return self._audit

    @property
    def audits(self) -> bool:
        """Whether units record audit records in their transaction."""
        return self._audit is not None

    async def record_audit(self, records: Sequence[AuditRecord]) -> None:
        """Append records in a short transaction of their own, after the writer lock."""
        if self._audit is None:
            return
        async with self._lock():
            await asyncio.to_thread(self._audit.record_all, records)

    def _lock(self) -> asyncio.Lock:
        loop = asyncio.get_running_loop()
        lock = self._locks.get(loop)
        if lock is None:
            lock = self._locks[loop] = asyncio.Lock()
        return lock

    async def begin(self) -> AsyncSqliteUnit:
        """Wait for the writer lock, open a connection and ``BEGIN IMMEDIATE`` (retried while busy)."""
        lock = self._lock()
        await lock.acquire()
        try:
            raw = await asyncio.to_thread(_open, self._path, self._timeout, self._wal)
            try:
                await self._begin_immediate(raw)
            except BaseException:
                await asyncio.to_thread(raw.close)
                raise
        except BaseException:
            lock.release()
            raise
        return AsyncSqliteUnit(raw, lock, self._audit)

    async def _begin_immediate(self, raw: sqlite3.Connection) -> None:
        for attempt in range(self._retry.attempts):
            try:
                await asyncio.to_thread(_begin, raw)
                return
            except sqlite3.OperationalError as exc:
                if not is_busy(exc) or attempt + 1 >= self._retry.attempts:
                    raise
            await asyncio.sleep(self._retry.pause(attempt))
