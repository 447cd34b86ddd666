"""Item 1 of issue 14: sqlite boundaries are safe under threads and never block the event loop."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from spine_support import rows

from lamina.spine import (
    AsyncGuardedConnection,
    AsyncSqliteTransactions,
    BusyRetry,
    OperationContext,
    OperationRegistry,
    OperationResult,
    SqliteTransactions,
    ok,
    sqlite_io,
)
from lamina.spine.sqlite_io import begin_immediate


class AsyncReadThenWrite:
    """Reads, yields to the loop, then writes: the shape that used to fail with "database is locked"."""

    async def execute(self, ctx: OperationContext[AsyncGuardedConnection]) -> OperationResult[str]:
        name = ctx.param("name", str)
        await ctx.db.fetchall("SELECT name FROM items")
        await asyncio.sleep(0)
        await ctx.db.execute("INSERT INTO items (name, qty) VALUES (?, 1)", (name,))
        return ok(name)


def test_sqlite_boundary_opens_wal_and_takes_the_write_lock_at_begin(db_path: Path) -> None:
    unit = SqliteTransactions(db_path).begin()
    try:
        with closing(sqlite3.connect(db_path, timeout=0)) as other:
            assert other.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
            # BEGIN IMMEDIATE: the lock is held before the handler has written anything.
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
            assert other.execute("SELECT count(*) FROM items").fetchone() == (0,), "WAL readers are not blocked"
    finally:
        unit.rollback()
        unit.close()


class _FlakyBegin:
    """A connection whose BEGIN IMMEDIATE reports SQLITE_BUSY ``busy`` times, then succeeds."""

    def __init__(self, busy: int) -> None:
        self.busy = busy
        self.calls = 0

    def execute(self, sql: str) -> None:
        assert sql == "BEGIN IMMEDIATE"
        self.calls += 1
        if self.calls <= self.busy:
            raise sqlite3.OperationalError("database is locked")


def test_busy_start_is_retried_a_bounded_number_of_times() -> None:
    flaky = _FlakyBegin(busy=2)
    begin_immediate(flaky, BusyRetry(attempts=3, delay=0))  # type: ignore[arg-type]
    assert flaky.calls == 3
    stubborn = _FlakyBegin(busy=5)
    with pytest.raises(sqlite3.OperationalError, match="locked"):
        begin_immediate(stubborn, BusyRetry(attempts=2, delay=0))  # type: ignore[arg-type]
    assert stubborn.calls == 2


def test_other_errors_at_begin_are_not_retried() -> None:
    class Broken:
        calls = 0

        def execute(self, sql: str) -> None:
            Broken.calls += 1
            raise sqlite3.OperationalError("disk I/O error")

    with pytest.raises(sqlite3.OperationalError, match="disk"):
        begin_immediate(Broken(), BusyRetry(attempts=5, delay=0))  # type: ignore[arg-type]
    assert Broken.calls == 1


def test_busy_retry_rejects_nonsense() -> None:
    with pytest.raises(ValueError, match="attempts"):
        BusyRetry(attempts=0)


def test_a_locked_database_fails_the_begin_after_the_retries(db_path: Path) -> None:
    with closing(sqlite3.connect(db_path, isolation_level=None)) as holder:
        holder.execute("BEGIN IMMEDIATE")
        boundary = SqliteTransactions(db_path, timeout=0.001, retry=BusyRetry(attempts=2, delay=0))
        registry = OperationRegistry(transactions=boundary)
        registry.register("items.add", AsyncReadThenWrite(), cross_domain_deps=[])
        result = registry.execute_sync("items.add", tenant_id="t", params={"name": "a"})
        holder.execute("ROLLBACK")
    assert result.error_code == "TRANSACTION_BEGIN_FAILED"
    assert "locked" in (result.error or "")


def test_async_boundary_runs_every_sqlite_call_off_the_loop_thread(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    statements: list[tuple[int, str]] = []
    real_connect = sqlite_io.connect

    def traced(*args: object, **kwargs: object) -> sqlite3.Connection:
        conn = real_connect(*args, **kwargs)  # type: ignore[arg-type]
        conn.set_trace_callback(lambda sql: statements.append((threading.get_ident(), sql)))
        return conn

    monkeypatch.setattr("lamina.spine.async_sqlite.connect", traced)
    registry = OperationRegistry(transactions=AsyncSqliteTransactions(db_path, audit=True))
    registry.register("items.add", AsyncReadThenWrite(), cross_domain_deps=[])

    async def scenario() -> tuple[int, list[OperationResult[object]]]:
        results = await asyncio.gather(
            *(registry.execute("items.add", tenant_id="t", params={"name": f"n{i}"}) for i in range(20))
        )
        return threading.get_ident(), list(results)

    loop_thread, results = asyncio.run(scenario())
    assert all(r.success for r in results), [r.error for r in results if not r.success]
    assert len(rows(db_path)) == 20
    assert statements, "the trace callback saw the statements"
    assert all(thread != loop_thread for thread, _ in statements)
    assert any(sql == "BEGIN IMMEDIATE" for _, sql in statements)


def test_run_async_appends_the_trace_off_the_loop_thread(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from lamina.spine import JobStateMachine, RunTrace, Step, StepExecutor, StepOutcome

    threads: list[int] = []
    real_append = RunTrace.append

    def append(self: RunTrace, run_id: str, payload: object) -> object:
        threads.append(threading.get_ident())
        return real_append(self, run_id, payload)  # type: ignore[arg-type]

    monkeypatch.setattr(RunTrace, "append", append)
    trace = RunTrace(tmp_path / "runs.sqlite3")
    executor = StepExecutor({"noop": lambda ctx: StepOutcome(success=True, output={"ok": 1})}, trace=trace)

    async def scenario() -> int:
        await executor.run_async(JobStateMachine("j1", "c1"), [Step("noop", "a"), Step("noop", "b")])
        return threading.get_ident()

    loop_thread = asyncio.run(scenario())
    assert len(threads) == 2 and loop_thread not in threads
    assert trace.verify("j1").ok


def test_sqlalchemy_async_serialize_writers_queues_transactions_on_the_loop(db_path: Path) -> None:
    pytest.importorskip("aiosqlite")
    sqlalchemy = pytest.importorskip("sqlalchemy")
    from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine

    from lamina.spine.sqla import AsyncSqlAlchemyTransactions, GuardedSession, configure_sqlite

    events: list[str] = []

    class Slow:
        async def execute(self, ctx: OperationContext[GuardedSession]) -> OperationResult[None]:
            name = ctx.param("name", str)
            events.append(f"start {name}")
            await ctx.db.execute(sqlalchemy.text("INSERT INTO items (name, qty) VALUES (:n, 1)"), {"n": name})
            await asyncio.sleep(0.01)
            events.append(f"end {name}")
            return ok(None)

    async def scenario() -> list[OperationResult[object]]:
        engine = create_async_engine(f"sqlite+aiosqlite:///{db_path}")
        configure_sqlite(engine)
        sessions = async_sessionmaker(engine)

        def factory() -> Any:
            events.append("session")
            return sessions()

        boundary = AsyncSqlAlchemyTransactions(factory, serialize_writers=True)
        registry = OperationRegistry(transactions=boundary)
        registry.register("items.add", Slow(), cross_domain_deps=[])
        try:
            return list(
                await asyncio.gather(
                    *(registry.execute("items.add", tenant_id="t", params={"name": n}) for n in ("a", "b", "c"))
                )
            )
        finally:
            await engine.dispose()

    results = asyncio.run(scenario())
    assert all(r.success for r in results)
    # Without the lock all three sessions would be opened (and wait in sqlite's busy handler) at once.
    assert events == ["session", "start a", "end a", "session", "start b", "end b", "session", "start c", "end c"]
    assert len(rows(db_path)) == 3
