"""Item 3 of issue 14: nested operations join the outer transaction (or a savepoint with requires_new)."""

from __future__ import annotations

import asyncio
import sqlite3
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
    SpineError,
    SqliteAuditSink,
    SqliteTransactions,
    fail,
    ok,
)
from lamina.spine.transaction import SqliteUnit

Ctx = OperationContext[GuardedConnection]


@pytest.fixture
def two_domains(tmp_path: Path) -> Path:
    path = tmp_path / "notes.sqlite3"
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("CREATE TABLE users (name TEXT PRIMARY KEY, notes INTEGER NOT NULL DEFAULT 0)")
        conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, author TEXT NOT NULL, body TEXT NOT NULL)")
        conn.execute("INSERT INTO users (name) VALUES ('ann')")
        conn.commit()
    return path


def table(path: Path, sql: str) -> list[tuple[object, ...]]:
    with closing(sqlite3.connect(path)) as conn:
        return [tuple(r) for r in conn.execute(sql)]


class CountingTransactions(SqliteTransactions):
    """Counts ``begin()``: a nested call that opened its own transaction would show up here."""

    __slots__ = ("begins",)

    def __init__(self, path: Path) -> None:
        super().__init__(path, audit=True)
        self.begins = 0

    def begin(self) -> SqliteUnit:
        self.begins += 1
        return super().begin()


class TouchUser:
    """users.touch: bumps the author's note counter; fails for unknown users."""

    def execute(self, ctx: Ctx) -> OperationResult[int]:
        name = ctx.param("name", str)
        changed = ctx.db.execute("UPDATE users SET notes = notes + 1 WHERE name = ?", (name,)).rowcount
        return ok(changed) if changed else fail(f"no user {name}", "NO_USER")


class CreateNote:
    """notes.create: writes the note, then runs users.touch through the context."""

    def __init__(self, *, then: str = "ok", requires_new: bool = False) -> None:
        self.then = then
        self.requires_new = requires_new

    def execute(self, ctx: Ctx) -> OperationResult[int]:
        author = ctx.param("author", str)
        note = ctx.db.execute("INSERT INTO notes (author, body) VALUES (?, 'hi')", (author,)).lastrowid
        inner = ctx.call_sync("users.touch", {"name": author}, requires_new=self.requires_new)
        if self.then == "raise":
            raise RuntimeError("outer failed after the inner write")
        if not inner.success and self.requires_new:
            return ok(-1)  # the caller decided to go on without the inner work
        return ok(note)


def registry_with(
    path: Path, outer: object, *, deps: list[str] | None = None
) -> tuple[OperationRegistry, CountingTransactions]:
    boundary = CountingTransactions(path)
    registry = OperationRegistry(transactions=boundary, tables={"users": ["users"], "notes": ["notes"]})
    registry.register("users.touch", TouchUser(), cross_domain_deps=[])
    registry.register("notes.create", outer, cross_domain_deps=["users"] if deps is None else deps)
    return registry, boundary


def audit_of(boundary: SqliteTransactions) -> SqliteAuditSink:
    assert boundary.audit is not None
    return boundary.audit


def test_inner_joins_the_outer_transaction_with_one_begin_and_one_commit(two_domains: Path) -> None:
    registry, boundary = registry_with(two_domains, CreateNote())
    result = registry.execute_sync("notes.create", tenant_id="t", params={"author": "ann"}, request_id="r1")
    assert result.success, result.error
    assert boundary.begins == 1, "no second transaction, so no lock wait on the outer's write lock"
    assert table(two_domains, "SELECT author FROM notes") == [("ann",)]
    assert table(two_domains, "SELECT notes FROM users") == [(1,)]
    records = audit_of(boundary).records()
    assert [(r.operation, r.success, r.parent, r.request_id) for r in records] == [
        ("users.touch", True, "notes.create", "r1"),
        ("notes.create", True, None, "r1"),
    ]


def test_outer_failure_after_the_inner_wrote_persists_nothing_but_audits_both(two_domains: Path) -> None:
    registry, boundary = registry_with(two_domains, CreateNote(then="raise"))
    result = registry.execute_sync("notes.create", tenant_id="t", params={"author": "ann"})
    assert result.error_code == "HANDLER_EXCEPTION:RuntimeError"
    assert table(two_domains, "SELECT * FROM notes") == []
    assert table(two_domains, "SELECT notes FROM users") == [(0,)], "the inner write rolled back with the outer"
    records = audit_of(boundary).records()
    assert [(r.operation, r.success, r.error_code) for r in records] == [
        ("users.touch", True, None),
        ("notes.create", False, "HANDLER_EXCEPTION:RuntimeError"),
    ]
    assert audit_of(boundary).verify().ok


def test_a_failed_joined_inner_dooms_the_outer_transaction(two_domains: Path) -> None:
    registry, boundary = registry_with(two_domains, CreateNote())
    result = registry.execute_sync("notes.create", tenant_id="t", params={"author": "bob"})
    assert result.error_code == "NESTED_OPERATION_FAILED"
    assert "users.touch" in (result.error or "")
    assert table(two_domains, "SELECT * FROM notes") == []


def test_requires_new_rolls_back_only_the_inner_savepoint(two_domains: Path) -> None:
    registry, boundary = registry_with(two_domains, CreateNote(requires_new=True))
    result = registry.execute_sync("notes.create", tenant_id="t", params={"author": "bob"})
    assert result.success and result.data == -1
    assert table(two_domains, "SELECT author FROM notes") == [("bob",)], "the outer's own write committed"
    assert boundary.begins == 1
    assert [(r.operation, r.error_code) for r in audit_of(boundary).records()] == [
        ("users.touch", "NO_USER"),
        ("notes.create", None),
    ]


def test_requires_new_keeps_the_inner_work_on_success(two_domains: Path) -> None:
    registry, _ = registry_with(two_domains, CreateNote(requires_new=True))
    assert registry.execute_sync("notes.create", tenant_id="t", params={"author": "ann"}).success
    assert table(two_domains, "SELECT notes FROM users") == [(1,)]


def test_inner_domains_must_be_within_the_outer_declaration(two_domains: Path) -> None:
    registry, boundary = registry_with(two_domains, CreateNote(), deps=[])
    result = registry.execute_sync("notes.create", tenant_id="t", params={"author": "ann"})
    assert result.error_code == "HANDLER_EXCEPTION:UndeclaredDomainError"
    assert "reached undeclared domain 'users' through 'users.touch'" in (result.error or "")
    assert table(two_domains, "SELECT * FROM notes") == []


def test_unknown_nested_operation_is_a_result(two_domains: Path) -> None:
    class CallsNothing:
        def execute(self, ctx: Ctx) -> OperationResult[str | None]:
            return ok(ctx.call_sync("users.nope").error_code)

    registry, boundary = registry_with(two_domains, CallsNothing())
    result = registry.execute_sync("notes.create", tenant_id="t")
    assert result.success and result.data == "UNKNOWN_OPERATION", "nothing ran, so nothing dooms the outer"
    assert [r.operation for r in audit_of(boundary).records()] == ["users.nope", "notes.create"]


def test_async_nested_call_on_the_async_boundary(two_domains: Path) -> None:
    class AsyncTouch:
        async def execute(self, ctx: OperationContext[AsyncGuardedConnection]) -> OperationResult[int]:
            await ctx.db.execute("UPDATE users SET notes = notes + 1 WHERE name = ?", (ctx.param("name", str),))
            return ok(1)

    class AsyncCreate:
        async def execute(self, ctx: OperationContext[AsyncGuardedConnection]) -> OperationResult[bool]:
            await ctx.db.execute("INSERT INTO notes (author, body) VALUES ('ann', 'x')")
            first = await ctx.call("users.touch", {"name": "ann"})
            second = await ctx.call("users.touch", {"name": "ann"}, requires_new=True)
            return ok(first.success and second.success)

    boundary = AsyncSqliteTransactions(two_domains, audit=True)
    registry = OperationRegistry(transactions=boundary)
    registry.register("users.touch", AsyncTouch(), cross_domain_deps=[])
    registry.register("notes.create", AsyncCreate(), cross_domain_deps=["users"])
    result = asyncio.run(registry.execute("notes.create", tenant_id="t"))
    assert result.success and result.data is True
    assert table(two_domains, "SELECT notes FROM users") == [(2,)]
    assert boundary.audit is not None and len(boundary.audit.records()) == 3


def test_a_context_built_by_hand_cannot_call() -> None:
    ctx: OperationContext[None] = OperationContext(tenant_id="t", params={})
    with pytest.raises(SpineError, match="nested calls"):
        ctx.call_sync("users.touch")


# -- SQLAlchemy: the same nesting and audit through a session ------------------------------------


def test_sqlalchemy_sync_nested_savepoint_and_audit(two_domains: Path) -> None:
    sqlalchemy = pytest.importorskip("sqlalchemy")
    from sqlalchemy.orm import sessionmaker

    from lamina.spine.sqla import GuardedSession, SqlAlchemyTransactions, configure_sqlite

    class Touch:
        def execute(self, ctx: OperationContext[GuardedSession]) -> OperationResult[int]:
            name = ctx.param("name", str)
            changed = ctx.db.execute(sqlalchemy.text("UPDATE users SET notes = notes + 1 WHERE name = :n"), {"n": name})
            return ok(1) if changed.rowcount else fail("no user", "NO_USER")

    class Create:
        def execute(self, ctx: OperationContext[GuardedSession]) -> OperationResult[bool]:
            ctx.db.execute(sqlalchemy.text("INSERT INTO notes (author, body) VALUES ('ann', 'x')"))
            kept = ctx.call_sync("users.touch", {"name": "ann"}, requires_new=True)
            undone = ctx.call_sync("users.touch", {"name": "bob"}, requires_new=True)
            return ok(kept.success and not undone.success)

    engine = sqlalchemy.create_engine(f"sqlite:///{two_domains}")
    configure_sqlite(engine)
    registry = OperationRegistry(transactions=SqlAlchemyTransactions(sessionmaker(engine), audit=True))
    registry.register("users.touch", Touch(), cross_domain_deps=[])
    registry.register("notes.create", Create(), cross_domain_deps=["users"])
    result = registry.execute_sync("notes.create", tenant_id="t", request_id="r")
    failed = registry.execute_sync("users.touch", tenant_id="t", params={"name": "bob"})
    engine.dispose()
    assert result.success and result.data is True, result.error
    assert failed.error_code == "NO_USER"
    assert table(two_domains, "SELECT notes FROM users") == [(1,)]
    audit = SqliteAuditSink(two_domains)
    assert [(r.operation, r.error_code, r.parent) for r in audit.records()] == [
        ("users.touch", None, "notes.create"),
        ("users.touch", "NO_USER", "notes.create"),
        ("notes.create", None, None),
        ("users.touch", "NO_USER", None),
    ]
    assert audit.verify().ok


def test_sqlalchemy_async_outer_failure_rolls_back_the_joined_inner(two_domains: Path) -> None:
    sqlalchemy = pytest.importorskip("sqlalchemy")
    pytest.importorskip("aiosqlite")
    from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine

    from lamina.spine.sqla import AsyncSqlAlchemyTransactions, GuardedSession, configure_sqlite

    class Touch:
        async def execute(self, ctx: OperationContext[GuardedSession]) -> OperationResult[int]:
            await ctx.db.execute(sqlalchemy.text("UPDATE users SET notes = notes + 1 WHERE name = 'ann'"))
            return ok(1)

    class Create:
        async def execute(self, ctx: OperationContext[GuardedSession]) -> OperationResult[None]:
            await ctx.call("users.touch")
            raise RuntimeError("after the inner write")

    async def scenario() -> OperationResult[object]:
        engine = create_async_engine(f"sqlite+aiosqlite:///{two_domains}")
        configure_sqlite(engine)
        registry = OperationRegistry(transactions=AsyncSqlAlchemyTransactions(async_sessionmaker(engine), audit=True))
        registry.register("users.touch", Touch(), cross_domain_deps=[])
        registry.register("notes.create", Create(), cross_domain_deps=["users"])
        try:
            return await registry.execute("notes.create", tenant_id="t")
        finally:
            await engine.dispose()

    assert asyncio.run(scenario()).error_code == "HANDLER_EXCEPTION:RuntimeError"
    assert table(two_domains, "SELECT notes FROM users") == [(0,)]
    records = SqliteAuditSink(two_domains).records()
    assert [(r.operation, r.success) for r in records] == [("users.touch", True), ("notes.create", False)]
