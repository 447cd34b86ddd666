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
from lamina.spine.sqlite_io import (
    BusyRetry,
    begin_immediate,
    commit,
    connect,
    is_busy,
    release,
    rollback,
    rollback_to,
    savepoint,
)
from lamina.spine.transaction import (
    RefusesTransactionControl,
    SqliteBoundarySettings,
    StatementResult,
    check_statement,
)

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


class _LoopState:
    """Per event loop: the writer lock and the one connection the serialised writers share."""

    __slots__ = ("conn", "lock")

    def __init__(self) -> None:
        self.lock = asyncio.Lock()
        self.conn: sqlite3.Connection | None = None


class AsyncSqliteUnit:
    """One transaction of ``AsyncSqliteTransactions``; hands the connection back and releases the lock."""

    __slots__ = ("__raw", "_audit", "_state", "connection")

    def __init__(self, raw: sqlite3.Connection, state: _LoopState, audit: SqliteAuditSink | None) -> None:
        self.__raw = raw
        self._state = state
        self._audit = audit
        self.connection = AsyncGuardedConnection(raw)

    async def commit(self) -> None:
        """Commit the transaction."""
        await asyncio.to_thread(commit, self.__raw)

    async def rollback(self) -> None:
        """Roll back if still open."""
        await asyncio.to_thread(rollback, self.__raw)

    async def close(self) -> None:
        """Keep the connection for the next writer (closed if its transaction is still open), then
        let that writer in."""
        try:
            if self.__raw.in_transaction:  # a failed rollback: do not hand on a dirty connection
                self._state.conn = None
                await asyncio.to_thread(self.__raw.close)
            else:
                self._state.conn = self.__raw
        finally:
            if self._state.lock.locked():
                self._state.lock.release()

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


def _open(path: str | PathLike[str], timeout: float, wal: bool, synchronous: str) -> sqlite3.Connection:
    # The connection is used from several worker threads, one call at a time (every call is awaited).
    return connect(path, timeout=timeout, wal=wal, synchronous=synchronous, check_same_thread=False)


_ONE_TRY = BusyRetry(attempts=1)  # the retry loop is async here, so its pauses do not hold a thread


def _begin(raw: sqlite3.Connection) -> None:
    begin_immediate(raw, _ONE_TRY)


class AsyncSqliteTransactions(SqliteBoundarySettings):
    """``SqliteTransactions`` for ``await registry.execute(...)``: same WAL, busy timeout, retry and audit.

    Writers are serialised, so one connection per event loop is reused from one transaction to the
    next: opening and closing a connection per call would make every close the last one, and sqlite
    checkpoints (and syncs) the WAL when its last connection closes. ``await boundary.aclose()`` closes
    it when the service shuts down.
    """

    __slots__ = ("_states",)

    is_async = True

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
        super().__init__(path, timeout=timeout, retry=retry, wal=wal, synchronous=synchronous, audit=audit)
        # One writer lock per event loop: an asyncio.Lock must not be shared between loops.
        self._states: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, _LoopState] = (
            weakref.WeakKeyDictionary()
        )

    async def record_audit(self, records: Sequence[AuditRecord]) -> None:
        """Append records in a short transaction of their own, after the writer lock."""
        if self._audit is None:
            return
        async with self._state().lock:
            await asyncio.to_thread(self._audit.record_all, records)

    def _state(self) -> _LoopState:
        loop = asyncio.get_running_loop()
        state = self._states.get(loop)
        if state is None:
            state = self._states[loop] = _LoopState()
        return state

    async def aclose(self) -> None:
        """Close the kept connection of the running loop (call at shutdown)."""
        state = self._state()
        async with state.lock:
            if state.conn is not None:
                conn, state.conn = state.conn, None
                await asyncio.to_thread(conn.close)

    async def begin(self) -> AsyncSqliteUnit:
        """Wait for the writer lock, then ``BEGIN IMMEDIATE`` on the kept connection (retried while busy)."""
        state = self._state()
        await state.lock.acquire()
        try:
            raw, state.conn = state.conn, None
            if raw is None:
                raw = await asyncio.to_thread(_open, self._path, self._timeout, self._wal, self._synchronous)
            try:
                await self._begin_immediate(raw)
            except BaseException:
                await asyncio.to_thread(raw.close)
                raise
        except BaseException:
            state.lock.release()
            raise
        return AsyncSqliteUnit(raw, state, self._audit)

    async def _begin_immediate(self, raw: sqlite3.Connection) -> None:
        for attempt in range(self._retry.attempts):
            try:
                await asyncio.to_thread(_begin, raw)
                return
            except sqlite3.OperationalError as exc:
                if not is_busy(exc) or attempt + 1 >= self._retry.attempts:
                    raise
            await asyncio.sleep(self._retry.pause(attempt))
