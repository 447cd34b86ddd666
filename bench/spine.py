#!/usr/bin/env python3
"""lamina.spine: per-call overhead and throughput of the registry against calling the handler directly.

    python bench/spine.py                 # 2,000 calls per case, 5 interleaved rounds, markdown table
    python bench/spine.py --calls 500 --rounds 3 --json spine.json

Each case runs the same handler twice, side by side: **direct** (the handler called on a plain
connection or session, the transaction begun and committed by the benchmark itself, no audit) and
**registry** (``registry.execute``/``execute_sync`` with the spine's boundary). Rounds alternate the
order of the two so a noisy minute hits both; the table shows medians and the registry/direct ratio.
The handler reads one row and updates it, in a sqlite file in a temporary directory (WAL, synchronous
NORMAL on both sides, so the comparison is about the spine and not about sqlite settings).

Cases: ``dispatch`` (no boundary: lookup, context, authority, result stamping), ``sqlite-sync``
(``SqliteTransactions``; with and without ``audit=True``), ``sqlite-async`` (``AsyncSqliteTransactions``,
every sqlite call in a worker thread), ``sqla-async`` (SQLAlchemy async + aiosqlite, ``configure_sqlite``).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from lamina.spine import (
    AsyncGuardedConnection,
    AsyncSqliteTransactions,
    GuardedConnection,
    OperationContext,
    OperationRegistry,
    OperationResult,
    SqliteTransactions,
    ok,
)
from lamina.spine.sqlite_io import connect

Timed = Callable[[int], float]  # runs n calls, returns seconds


def make_db(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("CREATE TABLE IF NOT EXISTS counters (k TEXT PRIMARY KEY, n INTEGER NOT NULL)")
        conn.execute("INSERT OR IGNORE INTO counters VALUES ('a', 0)")


class Noop:
    def execute(self, ctx: OperationContext[Any]) -> OperationResult[int]:
        return ok(1)


class Bump:
    def execute(self, ctx: OperationContext[Any]) -> OperationResult[int]:
        row = ctx.db.fetchone("SELECT n FROM counters WHERE k = 'a'")
        ctx.db.execute("UPDATE counters SET n = ? WHERE k = 'a'", (row[0] + 1,))
        return ok(row[0] + 1)


class AsyncBump:
    async def execute(self, ctx: OperationContext[Any]) -> OperationResult[int]:
        row = await ctx.db.fetchone("SELECT n FROM counters WHERE k = 'a'")
        await ctx.db.execute("UPDATE counters SET n = ? WHERE k = 'a'", (row[0] + 1,))
        return ok(row[0] + 1)


def ctx_for(db: object) -> OperationContext[Any]:
    return OperationContext(tenant_id="t", params={}, operation="counters.bump", db=db)


def timed(fn: Callable[[], object], n: int) -> float:
    start = time.perf_counter()
    for _ in range(n):
        fn()
    return time.perf_counter() - start


def timed_async(fn: Callable[[], Awaitable[object]], n: int) -> float:
    async def loop() -> float:
        start = time.perf_counter()
        for _ in range(n):
            await fn()
        return time.perf_counter() - start

    return asyncio.run(loop())


def registry_with(handler: object, transactions: object | None = None) -> OperationRegistry:
    registry = OperationRegistry(transactions=transactions)  # type: ignore[arg-type]
    registry.register("counters.bump", handler, cross_domain_deps=[])
    registry.freeze()
    return registry


# -- cases: each returns (direct, registry) timers -------------------------------------------------


def dispatch_case(path: Path, audit: bool) -> tuple[Timed, Timed]:
    handler = Noop()
    registry = registry_with(handler)
    ctx = ctx_for(None)
    return (
        lambda n: timed(lambda: handler.execute(ctx), n),
        lambda n: timed(lambda: registry.execute_sync("counters.bump", tenant_id="t"), n),
    )


def sqlite_sync_case(path: Path, audit: bool) -> tuple[Timed, Timed]:
    handler = Bump()
    registry = registry_with(handler, SqliteTransactions(path, audit=audit))

    def direct_once() -> None:
        # What a hand-written service does per request: open, BEGIN IMMEDIATE, work, COMMIT, close.
        raw = connect(path)
        try:
            raw.execute("BEGIN IMMEDIATE")
            handler.execute(ctx_for(GuardedConnection(raw)))
            raw.execute("COMMIT")
        finally:
            raw.close()

    keeper = connect(path)  # keeps the WAL open for both sides, as a running service would
    return (
        lambda n, keep=keeper: timed(direct_once, n),
        lambda n, keep=keeper: timed(lambda: registry.execute_sync("counters.bump", tenant_id="t"), n),
    )


def sqlite_async_case(path: Path, audit: bool) -> tuple[Timed, Timed]:
    handler = AsyncBump()

    def direct(n: int) -> float:
        async def run() -> float:
            raw = await asyncio.to_thread(connect, path, check_same_thread=False)
            db = AsyncGuardedConnection(raw)
            start = time.perf_counter()
            for _ in range(n):
                await asyncio.to_thread(raw.execute, "BEGIN IMMEDIATE")
                await handler.execute(ctx_for(db))
                await asyncio.to_thread(raw.execute, "COMMIT")
            elapsed = time.perf_counter() - start
            raw.close()
            return elapsed

        return asyncio.run(run())

    def via_registry(n: int) -> float:
        boundary = AsyncSqliteTransactions(path, audit=audit)
        registry = registry_with(handler, boundary)

        async def run() -> float:
            start = time.perf_counter()
            for _ in range(n):
                await registry.execute("counters.bump", tenant_id="t")
            elapsed = time.perf_counter() - start
            await boundary.aclose()
            return elapsed

        return asyncio.run(run())

    return direct, via_registry


def sqla_async_case(path: Path, audit: bool) -> tuple[Timed, Timed]:
    from sqlalchemy import text
    from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine

    from lamina.spine.sqla import AsyncSqlAlchemyTransactions, configure_sqlite

    class SessionBump:
        async def execute(self, ctx: OperationContext[Any]) -> OperationResult[int]:
            n = (await ctx.db.execute(text("SELECT n FROM counters WHERE k = 'a'"))).scalar_one()
            await ctx.db.execute(text("UPDATE counters SET n = :n WHERE k = 'a'"), {"n": n + 1})
            return ok(n + 1)

    handler = SessionBump()

    def run_with(body: Callable[[Any], Awaitable[float]]) -> float:
        async def run() -> float:
            engine = create_async_engine(f"sqlite+aiosqlite:///{path}")
            configure_sqlite(engine)
            try:
                return await body(async_sessionmaker(engine))
            finally:
                await engine.dispose()

        return asyncio.run(run())

    def direct(n: int) -> float:
        async def body(factory: Any) -> float:
            start = time.perf_counter()
            for _ in range(n):
                async with factory() as session:
                    await handler.execute(ctx_for(session))
                    await session.commit()
            return time.perf_counter() - start

        return run_with(body)

    def via_registry(n: int) -> float:
        async def body(factory: Any) -> float:
            registry = registry_with(handler, AsyncSqlAlchemyTransactions(factory, audit=audit))
            start = time.perf_counter()
            for _ in range(n):
                await registry.execute("counters.bump", tenant_id="t")
            return time.perf_counter() - start

        return run_with(body)

    return direct, via_registry


CASES: dict[str, Callable[[Path, bool], tuple[Timed, Timed]]] = {
    "dispatch": dispatch_case,
    "sqlite-sync": sqlite_sync_case,
    "sqlite-async": sqlite_async_case,
    "sqla-async": sqla_async_case,
}
AUDITED = ("sqlite-sync", "sqlite-async", "sqla-async")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    rows: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory() as tmp:
        plan = [(name, False) for name in CASES] + [(name, True) for name in AUDITED]
        for name, audit in plan:
            path = Path(tmp) / f"{name}-{audit}.sqlite3"
            make_db(path)
            direct, registry = CASES[name](path, audit)
            direct(50), registry(50)  # warm up imports, files and the audit schema
            times: dict[str, list[float]] = {"direct": [], "registry": []}
            for r in range(args.rounds):
                order = [("direct", direct), ("registry", registry)]
                for label, fn in order if r % 2 == 0 else reversed(order):
                    times[label].append(fn(args.calls) / args.calls)
            d, g = statistics.median(times["direct"]), statistics.median(times["registry"])
            rows.append(
                {
                    "case": name + (" + audit" if audit else ""),
                    "direct_us": d * 1e6,
                    "registry_us": g * 1e6,
                    "overhead_us": (g - d) * 1e6,
                    "ratio": g / d,
                    "registry_ops_s": 1 / g,
                }
            )
    print(f"{args.calls} calls per case, median of {args.rounds} interleaved rounds, Python {sys.version.split()[0]}\n")
    print("| case | direct µs/call | registry µs/call | overhead µs/call | ratio | registry ops/s |")
    print("|---|---:|---:|---:|---:|---:|")
    for row in rows:
        print(
            f"| {row['case']} | {row['direct_us']:.1f} | {row['registry_us']:.1f} | {row['overhead_us']:.1f}"
            f" | {row['ratio']:.2f}× | {row['registry_ops_s']:,.0f} |"
        )
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
