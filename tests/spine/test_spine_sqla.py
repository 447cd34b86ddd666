"""The optional SQLAlchemy boundaries (skipped when the extra is not installed)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

sqlalchemy = pytest.importorskip("sqlalchemy")

from spine_support import rows  # noqa: E402
from sqlalchemy import text  # noqa: E402
from sqlalchemy.orm import sessionmaker  # noqa: E402

from lamina.spine import (  # noqa: E402
    OperationContext,
    OperationRegistry,
    OperationResult,
    TransactionOwnershipError,
    fail,
    ok,
)
from lamina.spine.sqla import AsyncSqlAlchemyTransactions, GuardedSession, SqlAlchemyTransactions  # noqa: E402


class Insert:
    def execute(self, ctx: OperationContext) -> OperationResult:
        session = ctx.db
        insert = text("INSERT INTO items (name, qty) VALUES (:n, 1)")
        session.execute(insert, {"n": ctx.params["name"]})  # type: ignore[union-attr]
        if ctx.params.get("then") == "commit":
            ctx.db.commit()  # type: ignore[union-attr]
        return fail("no", "REFUSED") if ctx.params.get("then") == "fail" else ok()


class AsyncInsert:
    async def execute(self, ctx: OperationContext) -> OperationResult:
        session = ctx.db
        insert = text("INSERT INTO items (name, qty) VALUES (:n, 1)")
        await session.execute(insert, {"n": ctx.params["name"]})  # type: ignore[union-attr]
        return fail("no", "REFUSED") if ctx.params.get("then") == "fail" else ok()


def test_sync_session_commits_on_success_and_rolls_back_on_failure(db_path: Path) -> None:
    engine = sqlalchemy.create_engine(f"sqlite:///{db_path}")
    registry = OperationRegistry(transactions=SqlAlchemyTransactions(sessionmaker(engine)))
    registry.register("items.add", Insert(), cross_domain_deps=[])
    assert registry.execute_sync("items.add", tenant_id="t", params={"name": "kept"}).success
    lost = registry.execute_sync("items.add", tenant_id="t", params={"name": "lost", "then": "fail"})
    assert lost.error_code == "REFUSED"
    result = registry.execute_sync("items.add", tenant_id="t", params={"name": "sneaky", "then": "commit"})
    assert result.error_code == "HANDLER_EXCEPTION:TransactionOwnershipError"
    engine.dispose()
    assert rows(db_path) == [("kept", 1)]


@pytest.mark.parametrize("method", ["commit", "rollback", "begin", "begin_nested", "close"])
def test_guarded_session_refuses_transaction_control(method: str) -> None:
    guarded = GuardedSession(object())  # type: ignore[arg-type]
    refused = {
        "commit": guarded.commit, "rollback": guarded.rollback, "begin": guarded.begin,
        "begin_nested": guarded.begin_nested, "close": guarded.close,
    }
    with pytest.raises(TransactionOwnershipError, match=rf"may not call {method}\(\)$"):
        refused[method]()


def test_async_session_boundary(db_path: Path) -> None:
    pytest.importorskip("aiosqlite")
    pytest.importorskip("greenlet")
    from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine

    async def scenario() -> list[str | None]:
        engine = create_async_engine(f"sqlite+aiosqlite:///{db_path}")
        registry = OperationRegistry(transactions=AsyncSqlAlchemyTransactions(async_sessionmaker(engine)))
        registry.register("items.add", AsyncInsert(), cross_domain_deps=[])
        codes = [
            (await registry.execute("items.add", tenant_id="t", params={"name": "kept"})).error_code,
            (await registry.execute("items.add", tenant_id="t", params={"name": "lost", "then": "fail"})).error_code,
            registry.execute_sync("items.add", tenant_id="t", params={"name": "sync"}).error_code,
        ]
        await engine.dispose()
        return codes

    assert asyncio.run(scenario()) == [None, "REFUSED", "ASYNC_TRANSACTION_IN_SYNC_CALL"]
    assert rows(db_path) == [("kept", 1)]
