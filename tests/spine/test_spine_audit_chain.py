"""Item 2 of issue 14: the audit record commits with the work, for every outcome, and is tamper-evident."""

from __future__ import annotations

import asyncio
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from spine_handlers import Insert, Interrupt
from spine_support import ListSink, rows

from lamina.spine import (
    AsyncGuardedConnection,
    AsyncSqliteTransactions,
    OperationContext,
    OperationRegistry,
    OperationResult,
    RegistrationError,
    SqliteAuditSink,
    SqliteTransactions,
    ok,
    sqlite_io,
)


def audited(db_path: Path, handler: object, **boundary: object) -> tuple[OperationRegistry, SqliteAuditSink]:
    transactions = SqliteTransactions(db_path, audit=True, **boundary)  # type: ignore[arg-type]
    registry = OperationRegistry(transactions=transactions)
    registry.register("items.add", handler, cross_domain_deps=[])
    assert transactions.audit is not None
    return registry, transactions.audit


def outcomes(audit: SqliteAuditSink) -> list[tuple[str, bool, str | None]]:
    return [(r.operation, r.success, r.error_code) for r in audit.records()]


def test_success_failure_and_interrupt_are_all_audited_with_ids(db_path: Path) -> None:
    registry, audit = audited(db_path, Insert())
    done = registry.execute_sync("items.add", tenant_id="t", params={"name": "a"}, request_id="r1", actor_id="ann")
    assert done.success
    failed = registry.execute_sync("items.add", tenant_id="t", params={"name": "b", "then": "raise"}, request_id="r2")
    assert failed.error_code == "HANDLER_EXCEPTION:ValueError"
    registry.register("items.stop", Interrupt(), cross_domain_deps=[])
    with pytest.raises(KeyboardInterrupt):
        registry.execute_sync("items.stop", tenant_id="t", request_id="r3")
    assert rows(db_path) == [("a", 1)], "only the successful work persists"
    assert outcomes(audit) == [
        ("items.add", True, None),
        ("items.add", False, "HANDLER_EXCEPTION:ValueError"),
        ("items.stop", False, "CANCELLED"),
    ]
    assert [(r.request_id, r.actor_id) for r in audit.records()] == [("r1", "ann"), ("r2", None), ("r3", None)]
    first, second, _ = audit.records()
    assert (first.duration_ms, second.duration_ms) == (done.duration_ms, failed.duration_ms)
    assert audit.verify().ok and audit.verify().length == 3


def test_the_success_record_is_in_the_work_transaction(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A commit that fails takes the success record with it; the failure is then recorded on its own."""
    registry, audit = audited(db_path, Insert())

    def broken_commit(raw: sqlite3.Connection) -> None:
        raise sqlite3.OperationalError("disk full")

    monkeypatch.setattr("lamina.spine.transaction.commit", broken_commit)
    result = registry.execute_sync("items.add", tenant_id="t", params={"name": "a"})
    assert result.error_code == "COMMIT_FAILED"
    assert rows(db_path) == []
    assert outcomes(audit) == [("items.add", False, "COMMIT_FAILED")]
    assert audit.verify().ok


def test_cancelled_async_operation_rolls_back_and_is_audited(db_path: Path) -> None:
    started = asyncio.Event()

    class Hangs:
        async def execute(self, ctx: OperationContext[AsyncGuardedConnection]) -> OperationResult[None]:
            await ctx.db.execute("INSERT INTO items (name, qty) VALUES ('x', 1)")
            started.set()
            await asyncio.Event().wait()
            return ok(None)

    transactions = AsyncSqliteTransactions(db_path, audit=True)
    registry = OperationRegistry(transactions=transactions)
    registry.register("items.hang", Hangs(), cross_domain_deps=[])

    async def scenario() -> None:
        task = asyncio.create_task(registry.execute("items.hang", tenant_id="t", request_id="req"))
        await started.wait()
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task

    asyncio.run(scenario())
    assert rows(db_path) == []
    assert transactions.audit is not None
    records = transactions.audit.records()
    assert [(r.operation, r.error_code, r.request_id) for r in records] == [("items.hang", "CANCELLED", "req")]
    assert transactions.audit.verify().ok


def test_unknown_and_denied_operations_are_audited_too(db_path: Path) -> None:
    registry, audit = audited(db_path, Insert())
    assert registry.execute_sync("items.nope", tenant_id="t").error_code == "UNKNOWN_OPERATION"
    assert outcomes(audit) == [("items.nope", False, "UNKNOWN_OPERATION")]


def test_the_schema_is_created_once_not_per_call(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    statements: list[str] = []
    real_connect = sqlite_io.connect

    def traced(*args: object, **kwargs: object) -> sqlite3.Connection:
        conn = real_connect(*args, **kwargs)  # type: ignore[arg-type]
        conn.set_trace_callback(statements.append)
        return conn

    registry, audit = audited(db_path, Insert())
    monkeypatch.setattr("lamina.spine.transaction.connect", traced)
    monkeypatch.setattr("lamina.spine.audit.connect", traced)
    for i in range(3):
        registry.execute_sync("items.add", tenant_id="t", params={"name": f"n{i}", "then": "fail" if i else "ok"})
    assert len(audit.records()) == 3
    assert statements and not [s for s in statements if "CREATE" in s.upper()]


def test_registry_refuses_a_second_audit_path(db_path: Path, sink: ListSink) -> None:
    with pytest.raises(RegistrationError, match="already audits"):
        OperationRegistry(transactions=SqliteTransactions(db_path, audit=True), audit=sink)


# -- tamper evidence -------------------------------------------------------------------------------


@pytest.fixture
def chain(db_path: Path) -> SqliteAuditSink:
    registry, audit = audited(db_path, Insert())
    for i in range(4):
        registry.execute_sync("items.add", tenant_id="t", params={"name": f"n{i}", "then": "ok" if i % 2 else "fail"})
    assert audit.verify().ok and audit.verify().length == 4
    return audit


def tamper(db_path: Path, sql: str) -> None:
    with closing(sqlite3.connect(db_path)) as conn:
        conn.execute(sql)
        conn.commit()


def test_flipping_a_failure_to_success_is_named(db_path: Path, chain: SqliteAuditSink) -> None:
    tamper(
        db_path,
        "UPDATE spine_audit_log SET payload = replace(payload, '\"success\":false', '\"success\":true') WHERE seq = 2",
    )
    result = chain.verify()
    assert (result.ok, result.first_bad_index, result.problem) == (False, 2, "modified entry")


def test_deleting_a_record_is_named(db_path: Path, chain: SqliteAuditSink) -> None:
    tamper(db_path, "DELETE FROM spine_audit_log WHERE seq = 1")
    result = chain.verify()
    assert (result.ok, result.first_bad_index, result.problem) == (False, 1, "missing entry")


def test_deleting_the_last_record_is_caught_by_the_head(db_path: Path, chain: SqliteAuditSink) -> None:
    tamper(db_path, "DELETE FROM spine_audit_log WHERE seq = 3")
    result = chain.verify()
    assert (result.ok, result.first_bad_index, result.problem) == (False, 3, "truncated")


def test_rewriting_everything_is_caught_by_a_published_head(db_path: Path, chain: SqliteAuditSink) -> None:
    published = chain.head()
    tamper(db_path, "DELETE FROM spine_audit_log")
    tamper(db_path, "DELETE FROM spine_audit_head")
    assert chain.verify().ok, "an empty log is consistent with itself"
    assert not chain.verify(expected_head=published).ok
