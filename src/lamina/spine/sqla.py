"""Optional SQLAlchemy boundaries (``pip install lamina[sqlalchemy]``).

Handlers get a ``GuardedSession``: the usual data methods, but no commit/rollback/begin/close, no
transaction-control SQL (``session.execute(text("COMMIT"))`` is refused like ``commit()``) and no write
to a table another domain owns. The registry commits or rolls back the underlying session after the
handler has returned.

For sqlite, call ``configure_sqlite(engine)`` once: it turns off the driver's implicit transactions and
makes every SQLAlchemy transaction start with ``BEGIN IMMEDIATE`` under WAL and a busy timeout. The
boundaries open the connection (and so ``BEGIN IMMEDIATE``) before the handler runs, retrying a busy
start with ``BusyRetry``. With ``audit=True`` the chained audit log (``lamina.spine.audit``) is written
through the same session, so it commits with the work; read and verify it with
``SqliteAuditSink(path)`` on the same file.
"""

from __future__ import annotations

import asyncio
import time
import weakref
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

try:
    import sqlalchemy
except ImportError as exc:  # pragma: no cover - exercised only without the extra installed
    raise ImportError("install lamina[sqlalchemy] to use lamina.spine.sqla") from exc

from sqlalchemy import event, text
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlalchemy.sql.dml import UpdateBase
from sqlalchemy.sql.elements import TextClause
from sqlalchemy.sql.expression import TableClause

from lamina.spine.audit import AUDIT_SCHEMA, HEAD_SQL, AuditRecord, append_statements
from lamina.spine.errors import ForeignTableError
from lamina.spine.sqlite_io import BusyRetry, is_busy, sync_level
from lamina.spine.transaction import RefusesTransactionControl, check_statement, ownership_error

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine
    from sqlalchemy.ext.asyncio import AsyncSession
    from sqlalchemy.orm import Session

__all__ = [
    "AsyncSqlAlchemyTransactions",
    "AsyncSqlAlchemyUnit",
    "GuardedSession",
    "SqlAlchemyTransactions",
    "SqlAlchemyUnit",
    "configure_sqlite",
]


def configure_sqlite(
    engine: Engine | AsyncEngine, *, timeout: float = 5.0, wal: bool = True, synchronous: str | None = None
) -> None:
    """Make a sqlite engine's transactions start with ``BEGIN IMMEDIATE`` (WAL, busy timeout).

    The driver's own implicit ``BEGIN`` is turned off so that SQLAlchemy's ``begin`` event can issue
    ``BEGIN IMMEDIATE``: the write lock is taken before the handler reads, so a read-then-write
    transaction never fails with "database is locked" when it writes.
    """
    level = sync_level(synchronous, wal)
    sync_engine = engine.sync_engine if isinstance(engine, AsyncEngine) else engine

    @event.listens_for(sync_engine, "connect")
    def _connect(dbapi_connection: Any, connection_record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
        if wal:
            cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute(f"PRAGMA synchronous = {level}")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(sync_engine, "begin")
    def _begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")


def _refuse_control_and_foreign_writes(statement: object, writer: str | None, owners: Mapping[str, str]) -> None:
    if isinstance(statement, str):
        check_statement(statement, writer, owners)
    elif isinstance(statement, TextClause):
        check_statement(statement.text, writer, owners)
    elif isinstance(statement, UpdateBase) and owners:
        table = statement.table
        name = table.name if isinstance(table, TableClause) else None
        owner = owners.get(name.lower()) if name is not None else None
        if owner is not None and owner != writer:
            raise ForeignTableError(f"domain '{writer}' may not write table '{name}' (owned by domain '{owner}')")


class GuardedSession(RefusesTransactionControl):
    """Forwards data access to a ``Session``/``AsyncSession`` and refuses transaction control."""

    __slots__ = ("__session", "_owners", "_writer")

    def __init__(
        self, session: Session | AsyncSession, *, writer: str | None = None, owners: Mapping[str, str] | None = None
    ) -> None:
        self.__session = session
        self._writer = writer
        self._owners: Mapping[str, str] = owners or {}

    def scoped(self, writer: str, owners: Mapping[str, str]) -> GuardedSession:
        """The same session, writing for domain ``writer`` under the table map ``owners``."""
        return GuardedSession(self.__session, writer=writer, owners=owners)

    # Explicit forwarding (not __getattr__): the allowed surface is exactly this list.
    def execute(self, statement: Any, *args: Any, **kwargs: Any) -> Any:
        """``Session.execute``; transaction-control SQL and writes to another domain's table are refused."""
        _refuse_control_and_foreign_writes(statement, self._writer, self._owners)
        return self.__session.execute(statement, *args, **kwargs)

    def scalar(self, statement: Any, *args: Any, **kwargs: Any) -> Any:
        """``Session.scalar``."""
        _refuse_control_and_foreign_writes(statement, self._writer, self._owners)
        return self.__session.scalar(statement, *args, **kwargs)

    def scalars(self, statement: Any, *args: Any, **kwargs: Any) -> Any:
        """``Session.scalars``."""
        _refuse_control_and_foreign_writes(statement, self._writer, self._owners)
        return self.__session.scalars(statement, *args, **kwargs)

    def get(self, *args: Any, **kwargs: Any) -> Any:
        """``Session.get``."""
        return self.__session.get(*args, **kwargs)

    def add(self, instance: object, *args: Any, **kwargs: Any) -> None:
        """``Session.add``."""
        self.__session.add(instance, *args, **kwargs)

    def add_all(self, instances: Any) -> None:
        """``Session.add_all``."""
        self.__session.add_all(instances)

    def delete(self, instance: object) -> Any:
        """``Session.delete`` (a coroutine on ``AsyncSession``)."""
        return self.__session.delete(instance)

    def flush(self, *args: Any, **kwargs: Any) -> Any:
        """``Session.flush``: writes pending changes inside the registry's transaction."""
        return self.__session.flush(*args, **kwargs)

    def refresh(self, *args: Any, **kwargs: Any) -> Any:
        """``Session.refresh``."""
        return self.__session.refresh(*args, **kwargs)

    def merge(self, *args: Any, **kwargs: Any) -> Any:
        """``Session.merge``."""
        return self.__session.merge(*args, **kwargs)

    def begin_nested(self) -> None:
        """Refused: savepoints are transaction control too."""
        raise ownership_error("begin_nested()")


class SqlAlchemyUnit:
    """One ``Session`` whose transaction was begun by the boundary."""

    __slots__ = ("__session", "_boundary", "_nested", "_schema_created", "connection")

    def __init__(self, session: Session, boundary: SqlAlchemyTransactions) -> None:
        self.__session = session
        self._boundary = boundary
        self._nested: dict[str, Any] = {}
        self._schema_created = False
        self.connection = GuardedSession(session)

    def commit(self) -> None:
        """Commit the session."""
        self.__session.commit()
        if self._schema_created:
            self._boundary.schema_ready = True

    def rollback(self) -> None:
        """Roll the session back."""
        self.__session.rollback()

    def close(self) -> None:
        """Close the session."""
        self.__session.close()

    def record_audit(self, records: Sequence[AuditRecord]) -> None:
        """Append audit records through this session (they commit with the work)."""
        if not self._boundary.schema_ready:
            for statement in AUDIT_SCHEMA:
                self.__session.execute(text(statement))
            self._schema_created = True
        head = self.__session.execute(text(HEAD_SQL)).first()
        for sql, params in append_statements(None if head is None else tuple(head), records):
            self.__session.execute(text(sql), params)

    def savepoint(self, name: str) -> None:
        """Open a savepoint for a ``requires_new`` nested operation."""
        self._nested[name] = self.__session.begin_nested()

    def release(self, name: str) -> None:
        """Keep the nested operation's work."""
        self._nested.pop(name).commit()

    def rollback_to(self, name: str) -> None:
        """Undo the nested operation's work only."""
        self._nested.pop(name).rollback()


class SqlAlchemyTransactions:
    """Boundary over a ``sessionmaker``; ``audit=True`` writes the chained audit through the session."""

    __slots__ = ("_factory", "_retry", "audit_enabled", "schema_ready")

    is_async = False

    def __init__(
        self, sessionmaker: Callable[[], Session], *, retry: BusyRetry = BusyRetry(), audit: bool = False
    ) -> None:
        self._factory = sessionmaker
        self._retry = retry
        self.audit_enabled = audit
        self.schema_ready = False  # the audit schema is created by the first auditing transaction

    @property
    def audits(self) -> bool:
        """Whether units record audit records."""
        return self.audit_enabled

    def begin(self) -> SqlAlchemyUnit:
        """A fresh session whose transaction is started now (retrying a busy start)."""
        for attempt in range(self._retry.attempts):
            session = self._factory()
            try:
                session.connection()  # starts the transaction: BEGIN IMMEDIATE with configure_sqlite
                return SqlAlchemyUnit(session, self)
            except sqlalchemy.exc.OperationalError as exc:
                session.close()
                if exc.orig is None or not is_busy(exc.orig) or attempt + 1 >= self._retry.attempts:
                    raise
            except BaseException:
                session.close()
                raise
            time.sleep(self._retry.pause(attempt))
        raise AssertionError("unreachable: the last attempt returns or raises")  # pragma: no cover

    def record_audit(self, records: Sequence[AuditRecord]) -> None:
        """Append records in a short transaction of their own."""
        if not self.audit_enabled:
            return
        unit = self.begin()
        try:
            unit.record_audit(records)
            unit.commit()
        except BaseException:
            unit.rollback()
            raise
        finally:
            unit.close()


class AsyncSqlAlchemyUnit:
    """One ``AsyncSession``; commit/rollback/close return coroutines the registry awaits."""

    __slots__ = ("__session", "_boundary", "_lock", "_nested", "_schema_created", "connection")

    def __init__(
        self, session: AsyncSession, boundary: AsyncSqlAlchemyTransactions, lock: asyncio.Lock | None = None
    ) -> None:
        self.__session = session
        self._boundary = boundary
        self._lock = lock
        self._nested: dict[str, Any] = {}
        self._schema_created = False
        self.connection = GuardedSession(session)

    async def commit(self) -> None:
        """Commit the session."""
        await self.__session.commit()
        if self._schema_created:
            self._boundary.schema_ready = True

    async def rollback(self) -> None:
        """Roll the session back."""
        await self.__session.rollback()

    async def close(self) -> None:
        """Close the session and let the next writer in."""
        try:
            await self.__session.close()
        finally:
            if self._lock is not None and self._lock.locked():
                self._lock.release()

    async def record_audit(self, records: Sequence[AuditRecord]) -> None:
        """Append audit records through this session (they commit with the work)."""
        if not self._boundary.schema_ready:
            for statement in AUDIT_SCHEMA:
                await self.__session.execute(text(statement))
            self._schema_created = True
        head = (await self.__session.execute(text(HEAD_SQL))).first()
        for sql, params in append_statements(None if head is None else tuple(head), records):
            await self.__session.execute(text(sql), params)

    async def savepoint(self, name: str) -> None:
        """Open a savepoint for a ``requires_new`` nested operation."""
        self._nested[name] = await self.__session.begin_nested()

    async def release(self, name: str) -> None:
        """Keep the nested operation's work."""
        await self._nested.pop(name).commit()

    async def rollback_to(self, name: str) -> None:
        """Undo the nested operation's work only."""
        await self._nested.pop(name).rollback()


class AsyncSqlAlchemyTransactions:
    """Boundary over an ``async_sessionmaker``; only ``registry.execute`` (async) accepts it.

    ``serialize_writers=True`` (recommended for sqlite, which admits one writer at a time) queues the
    transactions of one event loop on an ``asyncio.Lock`` before they open a session: otherwise every
    waiting transaction holds a pooled connection inside sqlite's busy handler, which sleeps in coarse
    steps (up to 100 ms), and throughput drops under contention.
    """

    __slots__ = ("_factory", "_locks", "_retry", "_serialize", "audit_enabled", "schema_ready")

    is_async = True

    def __init__(
        self,
        async_sessionmaker: Callable[[], AsyncSession],
        *,
        retry: BusyRetry = BusyRetry(),
        audit: bool = False,
        serialize_writers: bool = False,
    ) -> None:
        self._factory = async_sessionmaker
        self._retry = retry
        self._serialize = serialize_writers
        self._locks: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Lock] = weakref.WeakKeyDictionary()
        self.audit_enabled = audit
        self.schema_ready = False

    def _lock(self) -> asyncio.Lock | None:
        if not self._serialize:
            return None
        loop = asyncio.get_running_loop()
        lock = self._locks.get(loop)
        if lock is None:
            lock = self._locks[loop] = asyncio.Lock()
        return lock

    @property
    def audits(self) -> bool:
        """Whether units record audit records."""
        return self.audit_enabled

    async def begin(self) -> AsyncSqlAlchemyUnit:
        """A fresh async session whose transaction is started now (retrying a busy start)."""
        lock = self._lock()
        if lock is None:
            return await self._begin(None)
        await lock.acquire()
        try:
            return await self._begin(lock)
        except BaseException:
            lock.release()
            raise

    async def _begin(self, lock: asyncio.Lock | None) -> AsyncSqlAlchemyUnit:
        for attempt in range(self._retry.attempts):
            session = self._factory()
            try:
                await session.connection()  # starts the transaction: BEGIN IMMEDIATE with configure_sqlite
                return AsyncSqlAlchemyUnit(session, self, lock)
            except sqlalchemy.exc.OperationalError as exc:
                await session.close()
                if exc.orig is None or not is_busy(exc.orig) or attempt + 1 >= self._retry.attempts:
                    raise
            except BaseException:
                await session.close()
                raise
            await asyncio.sleep(self._retry.pause(attempt))
        raise AssertionError("unreachable: the last attempt returns or raises")  # pragma: no cover

    async def record_audit(self, records: Sequence[AuditRecord]) -> None:
        """Append records in a short transaction of their own."""
        if not self.audit_enabled:
            return
        unit = await self.begin()
        try:
            await unit.record_audit(records)
            await unit.commit()
        except BaseException:
            await unit.rollback()
            raise
        finally:
            await unit.close()
