"""The registry owns the transaction: commit on success, rollback otherwise, against a real sqlite file."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import pytest
from spine_handlers import AsyncInsert, Insert, Interrupt
from spine_support import ListSink, rows

from lamina.spine import (
    GuardedConnection,
    OperationContext,
    OperationRegistry,
    OperationResult,
    SqliteAuditSink,
    SqliteTransactions,
    TransactionOwnershipError,
    ok,
)
from lamina.spine.transaction import first_keyword


def registry_for(db_path: Path, handler: object, **extra: object) -> OperationRegistry:
    registry = OperationRegistry(transactions=SqliteTransactions(db_path), **extra)  # type: ignore[arg-type]
    registry.register("items.add", handler, cross_domain_deps=[])
    registry.freeze()
    return registry


@pytest.mark.parametrize("handler", [Insert(), AsyncInsert()], ids=["sync", "async"])
def test_success_commits_and_the_write_is_visible_afterwards(db_path: Path, handler: object) -> None:
    result = asyncio.run(registry_for(db_path, handler).execute("items.add", tenant_id="t", params={"name": "a"}))
    assert result.success
    assert rows(db_path) == [("a", 1)]


@pytest.mark.parametrize(
    ("then", "code"),
    [("fail", "REFUSED"), ("raise", "HANDLER_EXCEPTION:ValueError"), ("not-a-result", "INVALID_RESULT")],
)
def test_failure_of_any_kind_rolls_back(db_path: Path, then: str, code: str) -> None:
    registry = registry_for(db_path, Insert())
    result = asyncio.run(registry.execute("items.add", tenant_id="t", params={"name": "a", "then": then}))
    assert result.error_code == code
    assert rows(db_path) == []


def test_execute_sync_commits_and_rolls_back_the_same_way(db_path: Path) -> None:
    registry = registry_for(db_path, Insert())
    assert registry.execute_sync("items.add", tenant_id="t", params={"name": "kept"}).success
    assert not registry.execute_sync("items.add", tenant_id="t", params={"name": "lost", "then": "raise"}).success
    assert rows(db_path) == [("kept", 1)]


def test_handler_calling_commit_gets_ownership_error_and_its_writes_roll_back(db_path: Path) -> None:
    result = registry_for(db_path, Insert()).execute_sync(
        "items.add", tenant_id="t", params={"name": "a", "then": "commit"}
    )
    assert result.error_code == "HANDLER_EXCEPTION:TransactionOwnershipError"
    assert result.error == "the registry owns the transaction; handlers may not call commit()"
    assert rows(db_path) == []


@pytest.mark.parametrize(
    "sql",
    [
        "COMMIT",
        "  commit transaction",
        "END",
        "ROLLBACK",
        "-- sneaky\n  COMMIT",
        "/* a */ /* b */ rollback",
        ";COMMIT",
        "SAVEPOINT s1",
        "RELEASE s1",
        "BEGIN IMMEDIATE",
    ],
)
def test_transaction_control_statements_are_refused(db_path: Path, sql: str) -> None:
    class RunsSql:
        def execute(self, ctx: OperationContext) -> OperationResult:
            ctx.db.execute("INSERT INTO items (name, qty) VALUES ('x', 1)")  # type: ignore[union-attr]
            ctx.db.execute(sql)  # type: ignore[union-attr]
            return ok()

    result = registry_for(db_path, RunsSql()).execute_sync("items.add", tenant_id="t")
    assert result.error_code == "HANDLER_EXCEPTION:TransactionOwnershipError"
    assert rows(db_path) == []


@pytest.mark.parametrize("method", ["commit", "rollback", "begin", "close"])
def test_guarded_connection_refuses_transaction_methods(method: str) -> None:
    guarded = GuardedConnection(sqlite3.connect(":memory:"))
    calls = {"commit": guarded.commit, "rollback": guarded.rollback, "begin": guarded.begin, "close": guarded.close}
    with pytest.raises(TransactionOwnershipError, match=rf"may not call {method}\(\)$"):
        calls[method]()


def test_guarded_connection_offers_no_executescript_and_returns_no_cursor() -> None:
    guarded = GuardedConnection(sqlite3.connect(":memory:"))
    assert not hasattr(guarded, "executescript")
    guarded.execute("CREATE TABLE t (x INTEGER)")
    written = guarded.executemany("INSERT INTO t VALUES (?)", [(1,), (2,)])
    assert written.rowcount == 2
    assert guarded.fetchone("SELECT count(*) AS n FROM t")[0] == 2  # type: ignore[index]
    assert [r[0] for r in guarded.fetchall("SELECT x FROM t ORDER BY x")] == [1, 2]
    assert not hasattr(written, "connection")


def test_first_keyword_skips_whitespace_semicolons_and_comments() -> None:
    assert first_keyword("  -- c\n/* d */ select 1") == "SELECT"
    assert first_keyword("/* unterminated") == ""
    assert first_keyword(";; end") == "END"


def test_connection_has_foreign_keys_on_and_rows_by_name(db_path: Path) -> None:
    class Reads:
        def execute(self, ctx: OperationContext) -> OperationResult:
            row = ctx.db.fetchone("PRAGMA foreign_keys")  # type: ignore[union-attr]
            return ok(row[0])  # type: ignore[index]

    assert registry_for(db_path, Reads()).execute_sync("items.add", tenant_id="t").data == 1


def test_begin_failure_is_a_result(tmp_path: Path) -> None:
    registry = registry_for(tmp_path / "missing-dir" / "x.db", Insert())
    result = registry.execute_sync("items.add", tenant_id="t", params={"name": "a"})
    assert result.error_code == "TRANSACTION_BEGIN_FAILED"


def test_commit_failure_rolls_back_and_reports_commit_failed(db_path: Path) -> None:
    class Unit:
        def __init__(self, raw: sqlite3.Connection) -> None:
            self.raw = raw
            self.connection = GuardedConnection(raw)
            self.events: list[str] = []

        def commit(self) -> None:
            raise sqlite3.OperationalError("database is locked")

        def rollback(self) -> None:
            self.events.append("rollback")
            self.raw.execute("ROLLBACK")

        def close(self) -> None:
            self.events.append("close")
            self.raw.close()

    units: list[Unit] = []

    class Boundary:
        is_async = False

        def begin(self) -> Unit:
            raw = sqlite3.connect(db_path, isolation_level=None)
            raw.execute("BEGIN")
            units.append(Unit(raw))
            return units[-1]

    registry = OperationRegistry(transactions=Boundary())
    registry.register("items.add", Insert(), cross_domain_deps=[])
    result = registry.execute_sync("items.add", tenant_id="t", params={"name": "a"})
    assert (result.error_code, result.error) == ("COMMIT_FAILED", "database is locked")
    assert units[0].events == ["rollback", "close"]
    assert rows(db_path) == []


def test_base_exception_rolls_back_and_propagates(db_path: Path) -> None:
    registry = registry_for(db_path, Interrupt())
    with pytest.raises(KeyboardInterrupt):
        registry.execute_sync("items.add", tenant_id="t")
    with pytest.raises(KeyboardInterrupt):
        asyncio.run(registry.execute("items.add", tenant_id="t"))
    assert rows(db_path) == []
    # The connection was closed and released its lock: a new write succeeds at once.
    assert registry_for(db_path, Insert()).execute_sync("items.add", tenant_id="t", params={"name": "b"}).success


def test_cancellation_rolls_back_and_propagates(db_path: Path) -> None:
    class Slow:
        async def execute(self, ctx: OperationContext) -> OperationResult:
            ctx.db.execute("INSERT INTO items (name, qty) VALUES ('slow', 1)")  # type: ignore[union-attr]
            await asyncio.sleep(10)
            return ok()

    async def scenario() -> None:
        task = asyncio.create_task(registry_for(db_path, Slow()).execute("items.add", tenant_id="t"))
        await asyncio.sleep(0.05)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task

    asyncio.run(scenario())
    assert rows(db_path) == []


def test_rollback_error_is_logged_and_the_failure_stays(db_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    class Unit:
        connection = None

        def commit(self) -> None:
            raise AssertionError("not reached")

        def rollback(self) -> None:
            raise sqlite3.OperationalError("disk I/O error")

        def close(self) -> None:
            pass

    class Boundary:
        is_async = False

        def begin(self) -> Unit:
            return Unit()

    class Fails:
        def execute(self, ctx: OperationContext) -> OperationResult:
            return OperationResult.fail("no", "REFUSED")

    registry = OperationRegistry(transactions=Boundary())
    registry.register("items.add", Fails(), cross_domain_deps=[])
    assert registry.execute_sync("items.add", tenant_id="t").error_code == "REFUSED"
    assert any("rollback failed" in r.getMessage() for r in caplog.records)


def test_audit_is_written_after_commit_on_its_own_connection(db_path: Path) -> None:
    audit = SqliteAuditSink(db_path)
    registry = registry_for(db_path, Insert(), audit=audit)
    registry.execute_sync("items.add", tenant_id="t1", params={"name": "a"})
    registry.execute_sync("items.add", tenant_id="t2", params={"name": "b", "then": "raise"})
    records = audit.records()
    assert [(r.tenant_id, r.success, r.error_code) for r in records] == [
        ("t1", True, None),
        ("t2", False, "HANDLER_EXCEPTION:ValueError"),
    ]
    assert [r.operation for r in audit.records(tenant_id="t2", operation="items.add")] == ["items.add"]
    assert rows(db_path) == [("a", 1)], "the failed call rolled back but was still audited"


def test_list_sink_sees_one_record_per_call(db_path: Path, sink: ListSink) -> None:
    registry = registry_for(db_path, Insert(), audit=sink)
    registry.execute_sync("items.add", tenant_id="t", params={"name": "a"})
    asyncio.run(registry.execute("items.add", tenant_id="t", params={"name": "b"}))
    assert len(sink.records) == 2
