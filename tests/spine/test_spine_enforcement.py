"""Item 4 of issue 14: transaction-control SQL and writes to another domain's tables are refused at runtime."""

from __future__ import annotations

import asyncio
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from lamina.spine import (
    Bridge,
    ForeignTableError,
    GuardedConnection,
    OperationContext,
    OperationRegistry,
    OperationResult,
    RegistrationError,
    SqliteTransactions,
    TransactionOwnershipError,
    fail,
    ok,
)
from lamina.spine.sql_guard import UNKNOWN_TARGET, write_target

CONTROL = [
    "COMMIT",
    "commit",
    "  Commit ;",
    "END",
    "end transaction",
    "ROLLBACK",
    "rollback to sp1",
    "BEGIN",
    "begin immediate",
    "SAVEPOINT sp1",
    "release sp1",
    "-- a comment\nCOMMIT",
    "/* block */ /* two */COMMIT",
    ";;\n\tCOMMIT",
]


@pytest.mark.parametrize("sql", CONTROL)
def test_guarded_connection_refuses_transaction_control_sql(sql: str) -> None:
    guarded = GuardedConnection(sqlite3.connect(":memory:"))
    for call in (guarded.execute, guarded.fetchone, guarded.fetchall):
        with pytest.raises(TransactionOwnershipError, match="registry owns the transaction"):
            call(sql)
    with pytest.raises(TransactionOwnershipError):
        guarded.executemany(sql, [])


@pytest.mark.parametrize(
    ("sql", "target"),
    [
        ("INSERT INTO users (name) VALUES (?)", "users"),
        ("insert or replace into Users values (1)", "users"),
        ("REPLACE INTO main.users VALUES (1)", "users"),
        ('UPDATE "Users" SET a = 1', "users"),
        ("update or ignore [users] set a = 1", "users"),
        ("DELETE FROM `users` WHERE 1", "users"),
        ("/* c */ -- d\n delete from users", "users"),
        ("WITH x AS (SELECT 1 FROM notes) INSERT INTO users SELECT * FROM x", "users"),
        ("WITH x AS (DELETE FROM y) SELECT 1", None),
        ("WITH x AS (SELECT 1) SELECT * FROM x", None),
        ("DROP TABLE IF EXISTS users", "users"),
        ("ALTER TABLE users ADD COLUMN x", "users"),
        ("SELECT * FROM users", None),
        ("INSERT users VALUES (1)", UNKNOWN_TARGET),
        ("UPDATE (SELECT 1) SET a = 1", UNKNOWN_TARGET),
        ("", None),
    ],
)
def test_write_target(sql: str, target: str | None) -> None:
    assert write_target(sql) == target


@pytest.fixture
def two_domains(tmp_path: Path) -> Path:
    path = tmp_path / "two.sqlite3"
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("CREATE TABLE users (name TEXT PRIMARY KEY)")
        conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
        conn.execute("CREATE TABLE scratch (x INTEGER)")
        conn.commit()
    return path


class UsersBridge(Bridge):
    domain = "users"
    tables = frozenset({"users"})

    def add(self, name: str) -> None:
        assert isinstance(self.db, GuardedConnection)
        self.db.execute("INSERT INTO users (name) VALUES (?)", (name,))


class NotesBridge(Bridge):
    domain = "notes"
    tables = frozenset({"notes"})


class Writes:
    """notes.*: writes the SQL in ``params['sql']`` directly, or through the users bridge."""

    def execute(self, ctx: OperationContext[GuardedConnection]) -> OperationResult[None]:
        if ctx.params.get("via") == "bridge":
            ctx.domains.get("users", UsersBridge).add("ann")
        else:
            ctx.db.execute(ctx.param("sql", str))
        return ok(None)


def registry_for(path: Path) -> OperationRegistry:
    registry = OperationRegistry(
        transactions=SqliteTransactions(path), domains={"users": UsersBridge, "notes": NotesBridge}
    )
    registry.register("notes.write", Writes(), cross_domain_deps=["users"])
    return registry


def count(path: Path, name: str) -> int:
    with closing(sqlite3.connect(path)) as conn:
        return int(conn.execute(f"SELECT count(*) FROM {name}").fetchone()[0])


@pytest.mark.parametrize(
    "sql",
    [
        "INSERT INTO users (name) VALUES ('eve')",
        "update USERS set name = 'x'",
        "delete from main.users",
        "WITH v AS (SELECT 'eve') INSERT INTO users SELECT * FROM v",
        "DROP TABLE users",
    ],
)
def test_a_handler_may_not_write_another_domains_table(two_domains: Path, sql: str) -> None:
    result = registry_for(two_domains).execute_sync("notes.write", tenant_id="t", params={"sql": sql})
    assert result.error_code == "HANDLER_EXCEPTION:ForeignTableError"
    assert "table 'users' (owned by domain 'users')" in (result.error or "")
    assert count(two_domains, "users") == 0


def test_own_tables_unowned_tables_and_the_owners_bridge_may_write(two_domains: Path) -> None:
    registry = registry_for(two_domains)
    for sql in ("INSERT INTO notes (body) VALUES ('x')", "INSERT INTO scratch VALUES (1)"):
        assert registry.execute_sync("notes.write", tenant_id="t", params={"sql": sql}).success
    assert registry.execute_sync("notes.write", tenant_id="t", params={"via": "bridge"}).success
    assert (count(two_domains, "notes"), count(two_domains, "scratch"), count(two_domains, "users")) == (1, 1, 1)


def test_an_unplaceable_write_is_refused_when_tables_are_mapped(two_domains: Path) -> None:
    result = registry_for(two_domains).execute_sync(
        "notes.write", tenant_id="t", params={"sql": "INSERT users VALUES (1)"}
    )
    assert result.error_code == "HANDLER_EXCEPTION:ForeignTableError"
    assert "could not be determined" in (result.error or "")


def test_tables_given_to_the_registry_and_conflicts(two_domains: Path) -> None:
    registry = OperationRegistry(tables={"users": ["Users"], "notes": ["notes"]})
    assert dict(registry.table_owners) == {"users": "users", "notes": "notes"}
    with pytest.raises(RegistrationError, match="claimed by domains"):
        OperationRegistry(tables={"users": ["t"], "notes": ["t"]})
    with pytest.raises(RegistrationError, match="not a string"):
        OperationRegistry(tables={"users": "users"})


def test_foreign_write_error_is_a_spine_error() -> None:
    guarded = GuardedConnection(sqlite3.connect(":memory:")).scoped("notes", {"users": "users"})
    with pytest.raises(ForeignTableError):
        guarded.execute("INSERT INTO users VALUES (1)")


# -- SQLAlchemy ---------------------------------------------------------------------------------

sqlalchemy = pytest.importorskip("sqlalchemy")

from sqlalchemy import Column, MetaData, String, Table, insert, text  # noqa: E402
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine  # noqa: E402
from sqlalchemy.orm import sessionmaker  # noqa: E402

from lamina.spine.sqla import (  # noqa: E402
    AsyncSqlAlchemyTransactions,
    GuardedSession,
    SqlAlchemyTransactions,
    configure_sqlite,
)

USERS = Table("users", MetaData(), Column("name", String, primary_key=True))


class SessionWrites:
    """Runs ``params['sql']`` through the guarded session, then fails when asked (after the write)."""

    def execute(self, ctx: OperationContext[GuardedSession]) -> OperationResult[None]:
        statement = insert(USERS).values(name="orm") if ctx.params.get("orm") else text(ctx.param("sql", str))
        ctx.db.execute(statement)
        return fail("later failure", "LATER") if ctx.params.get("then") == "fail" else ok(None)


class AsyncSessionWrites:
    async def execute(self, ctx: OperationContext[GuardedSession]) -> OperationResult[None]:
        await ctx.db.execute(text(ctx.param("sql", str)))
        return fail("later failure", "LATER") if ctx.params.get("then") == "fail" else ok(None)


@pytest.mark.parametrize("sql", ["COMMIT", "  commit", "ROLLBACK", "BEGIN", "SAVEPOINT x", "/* x */ END"])
def test_session_execute_text_commit_is_refused_and_nothing_survives(two_domains: Path, sql: str) -> None:
    engine = sqlalchemy.create_engine(f"sqlite:///{two_domains}")
    configure_sqlite(engine)
    registry = OperationRegistry(transactions=SqlAlchemyTransactions(sessionmaker(engine)))
    registry.register("notes.write", SessionWrites(), cross_domain_deps=[])
    assert registry.execute_sync(
        "notes.write", tenant_id="t", params={"sql": "INSERT INTO notes (body) VALUES ('a')"}
    ).success

    class Sneaky:
        def execute(self, ctx: OperationContext[GuardedSession]) -> OperationResult[None]:
            ctx.db.execute(text("INSERT INTO notes (body) VALUES ('sneaky')"))
            ctx.db.execute(text(sql))
            return fail("later", "LATER")

    registry.register("notes.sneak", Sneaky(), cross_domain_deps=[])
    result = registry.execute_sync("notes.sneak", tenant_id="t")
    engine.dispose()
    assert result.error_code == "HANDLER_EXCEPTION:TransactionOwnershipError"
    assert count(two_domains, "notes") == 1, "the sneaky write did not survive the later failure"


def test_async_session_execute_text_commit_is_refused(two_domains: Path) -> None:
    async def scenario() -> OperationResult[object]:
        engine = create_async_engine(f"sqlite+aiosqlite:///{two_domains}")
        configure_sqlite(engine)
        registry = OperationRegistry(transactions=AsyncSqlAlchemyTransactions(async_sessionmaker(engine)))
        registry.register("notes.write", AsyncSessionWrites(), cross_domain_deps=[])
        result = await registry.execute("notes.write", tenant_id="t", params={"sql": "COMMIT"})
        await engine.dispose()
        return result

    assert asyncio.run(scenario()).error_code == "HANDLER_EXCEPTION:TransactionOwnershipError"


def test_session_writes_to_another_domains_table_are_refused_text_and_orm(two_domains: Path) -> None:
    engine = sqlalchemy.create_engine(f"sqlite:///{two_domains}")
    configure_sqlite(engine)
    registry = OperationRegistry(
        transactions=SqlAlchemyTransactions(sessionmaker(engine)), tables={"users": ["users"]}
    )
    registry.register("notes.write", SessionWrites(), cross_domain_deps=[])
    raw = registry.execute_sync("notes.write", tenant_id="t", params={"sql": "INSERT INTO users VALUES ('eve')"})
    orm = registry.execute_sync("notes.write", tenant_id="t", params={"orm": True})
    engine.dispose()
    assert raw.error_code == orm.error_code == "HANDLER_EXCEPTION:ForeignTableError"
    assert count(two_domains, "users") == 0


def test_configure_sqlite_begins_immediate_and_uses_wal(two_domains: Path) -> None:
    engine = sqlalchemy.create_engine(f"sqlite:///{two_domains}")
    configure_sqlite(engine)
    unit = SqlAlchemyTransactions(sessionmaker(engine)).begin()
    try:
        with closing(sqlite3.connect(two_domains, timeout=0)) as other:
            assert other.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
    finally:
        unit.rollback()
        unit.close()
        engine.dispose()
