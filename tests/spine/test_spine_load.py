"""Item 6 of issue 14: the spine under load, with the audit on.

1,000 operations each through: threads on the stdlib boundary, asyncio on the async stdlib boundary,
and asyncio on SQLAlchemy async + aiosqlite. Every handler reads, yields, then writes (the shape that
failed with "database is locked"). Expected: 0 failures, exactly one audit record per operation, the
audit chain verifies, and (asyncio) the event loop is never blocked for long.

Loop-block bound: a heartbeat task sleeps 5 ms at a time and records the largest gap between its
wake-ups. A blocking sqlite call on the loop shows up as the duration of that call (the issue measured
up to 145 s); the legitimate work on the loop per hop is tens of microseconds. 250 ms leaves two orders
of magnitude for a loaded 2-core CI runner (scheduler preemption, GC pauses, other jobs) while still
catching a single fsync or busy-timeout wait done on the loop thread.
"""

from __future__ import annotations

import asyncio
import sqlite3
import threading
import time
from collections.abc import Awaitable, Callable
from contextlib import closing
from pathlib import Path

import pytest

from lamina.spine import (
    AsyncGuardedConnection,
    AsyncSqliteTransactions,
    GuardedConnection,
    OperationContext,
    OperationRegistry,
    OperationResult,
    SqliteAuditSink,
    SqliteTransactions,
    ok,
)

OPERATIONS = 1000
MAX_LOOP_GAP_S = 0.25
CONCURRENCY = 50
THREADS = 8


@pytest.fixture
def counters(tmp_path: Path) -> Path:
    path = tmp_path / "load.sqlite3"
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("CREATE TABLE counters (tenant TEXT PRIMARY KEY, n INTEGER NOT NULL)")
        conn.execute("CREATE TABLE events (id INTEGER PRIMARY KEY, tenant TEXT NOT NULL, seen INTEGER NOT NULL)")
        conn.executemany("INSERT INTO counters VALUES (?, 0)", [(f"t{i}",) for i in range(4)])
        conn.commit()
    return path


def totals(path: Path) -> tuple[int, int]:
    with closing(sqlite3.connect(path)) as conn:
        n = conn.execute("SELECT sum(n) FROM counters").fetchone()[0]
        events = conn.execute("SELECT count(*) FROM events").fetchone()[0]
    return int(n), int(events)


class SyncBump:
    def execute(self, ctx: OperationContext[GuardedConnection]) -> OperationResult[int]:
        row = ctx.db.fetchone("SELECT n FROM counters WHERE tenant = ?", (ctx.tenant_id,))
        assert row is not None
        ctx.db.execute("UPDATE counters SET n = ? WHERE tenant = ?", (row[0] + 1, ctx.tenant_id))
        ctx.db.execute("INSERT INTO events (tenant, seen) VALUES (?, ?)", (ctx.tenant_id, row[0]))
        return ok(int(row[0]) + 1)


class AsyncBump:
    async def execute(self, ctx: OperationContext[AsyncGuardedConnection]) -> OperationResult[int]:
        row = await ctx.db.fetchone("SELECT n FROM counters WHERE tenant = ?", (ctx.tenant_id,))
        assert row is not None
        await asyncio.sleep(0)  # read, await, write
        await ctx.db.execute("UPDATE counters SET n = ? WHERE tenant = ?", (row[0] + 1, ctx.tenant_id))
        await ctx.db.execute("INSERT INTO events (tenant, seen) VALUES (?, ?)", (ctx.tenant_id, row[0]))
        return ok(int(row[0]) + 1)


def check_audit(audit: SqliteAuditSink) -> None:
    records = audit.records()
    assert len(records) == OPERATIONS, "one audit record per operation, none lost"
    assert all(r.success for r in records)
    assert len({r.request_id for r in records}) == OPERATIONS
    verdict = audit.verify()
    assert verdict.ok and verdict.length == OPERATIONS, verdict


async def under_heartbeat(
    work: Callable[[], Awaitable[list[OperationResult[object]]]],
) -> tuple[list[OperationResult[object]], float]:
    """Run ``work`` while a heartbeat measures the largest gap between its wake-ups."""
    gaps: list[float] = []
    stop = asyncio.Event()

    async def heartbeat() -> None:
        last = time.perf_counter()
        while not stop.is_set():
            await asyncio.sleep(0.005)
            now = time.perf_counter()
            gaps.append(now - last)
            last = now

    beat = asyncio.create_task(heartbeat())
    await asyncio.sleep(0)
    try:
        results = await work()
    finally:
        stop.set()
        await beat
    return results, max(gaps)


async def run_many(registry: OperationRegistry) -> list[OperationResult[object]]:
    gate = asyncio.Semaphore(CONCURRENCY)

    async def one(i: int) -> OperationResult[object]:
        async with gate:
            return await registry.execute("counters.bump", tenant_id=f"t{i % 4}", actor_id="load")

    return list(await asyncio.gather(*(one(i) for i in range(OPERATIONS))))


def test_threads_on_the_stdlib_boundary(counters: Path) -> None:
    transactions = SqliteTransactions(counters, audit=True)
    registry = OperationRegistry(transactions=transactions)
    registry.register("counters.bump", SyncBump(), cross_domain_deps=[])
    failures: list[str] = []

    def worker(k: int) -> None:
        for i in range(OPERATIONS // THREADS):
            result = registry.execute_sync("counters.bump", tenant_id=f"t{(k + i) % 4}")
            if not result.success:
                failures.append(f"{result.error_code}: {result.error}")

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert totals(counters) == (OPERATIONS, OPERATIONS), "no lost update: every read-then-write serialised"
    assert transactions.audit is not None
    check_audit(transactions.audit)


def test_asyncio_on_the_async_stdlib_boundary(counters: Path) -> None:
    transactions = AsyncSqliteTransactions(counters, audit=True)
    registry = OperationRegistry(transactions=transactions)
    registry.register("counters.bump", AsyncBump(), cross_domain_deps=[])
    results, gap = asyncio.run(under_heartbeat(lambda: run_many(registry)))
    assert [r.error for r in results if not r.success] == []
    assert totals(counters) == (OPERATIONS, OPERATIONS)
    assert transactions.audit is not None
    check_audit(transactions.audit)
    assert gap < MAX_LOOP_GAP_S, f"the event loop was blocked for {gap * 1000:.0f} ms"


def test_asyncio_on_sqlalchemy_async_with_aiosqlite(counters: Path) -> None:
    pytest.importorskip("aiosqlite")
    sqlalchemy = pytest.importorskip("sqlalchemy")
    from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine

    from lamina.spine.sqla import AsyncSqlAlchemyTransactions, GuardedSession, configure_sqlite

    class SessionBump:
        async def execute(self, ctx: OperationContext[GuardedSession]) -> OperationResult[int]:
            query = sqlalchemy.text("SELECT n FROM counters WHERE tenant = :t")
            n = int((await ctx.db.execute(query, {"t": ctx.tenant_id})).scalar_one())
            await asyncio.sleep(0)
            await ctx.db.execute(
                sqlalchemy.text("UPDATE counters SET n = :n WHERE tenant = :t"), {"n": n + 1, "t": ctx.tenant_id}
            )
            await ctx.db.execute(
                sqlalchemy.text("INSERT INTO events (tenant, seen) VALUES (:t, :n)"), {"n": n, "t": ctx.tenant_id}
            )
            return ok(n + 1)

    async def scenario() -> tuple[list[OperationResult[object]], float]:
        engine = create_async_engine(f"sqlite+aiosqlite:///{counters}")
        configure_sqlite(engine)
        registry = OperationRegistry(
            transactions=AsyncSqlAlchemyTransactions(async_sessionmaker(engine), audit=True)
        )
        registry.register("counters.bump", SessionBump(), cross_domain_deps=[])
        try:
            return await under_heartbeat(lambda: run_many(registry))
        finally:
            await engine.dispose()

    results, gap = asyncio.run(scenario())
    assert [r.error for r in results if not r.success] == []
    assert totals(counters) == (OPERATIONS, OPERATIONS)
    check_audit(SqliteAuditSink(counters))  # the same chained log, read and verified with the stdlib
    assert gap < MAX_LOOP_GAP_S, f"the event loop was blocked for {gap * 1000:.0f} ms"
