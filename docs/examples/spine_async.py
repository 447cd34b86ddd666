"""The same kind of service for ``asyncio``: ``AsyncSqliteTransactions``, async handlers, nested calls.

No sqlite call runs on the event loop: every statement, ``BEGIN IMMEDIATE``, commit and audit append
runs in a worker thread, so handlers ``await ctx.db.execute(...)``. Run it with
``python docs/examples/spine_async.py``; ``mypy --strict`` checks it in the test suite.
"""

from __future__ import annotations

import asyncio
import sqlite3
import tempfile
from contextlib import closing
from pathlib import Path

from lamina.spine import (
    AsyncGuardedConnection,
    AsyncSqliteTransactions,
    OperationContext,
    OperationRegistry,
    OperationResult,
    fail,
    ok,
)

Ctx = OperationContext[AsyncGuardedConnection]


class Deposit:
    """accounts.deposit: read, await, write; the write lock is held from the start (BEGIN IMMEDIATE)."""

    async def execute(self, ctx: Ctx) -> OperationResult[int]:
        account, amount = ctx.param("account", str), ctx.param("amount", int)
        row = await ctx.db.fetchone("SELECT balance FROM accounts WHERE id = ?", (account,))
        if row is None:
            return fail(f"no account {account}", "NO_ACCOUNT")
        balance = int(row["balance"]) + amount
        await ctx.db.execute("UPDATE accounts SET balance = ? WHERE id = ?", (balance, account))
        return ok(balance)


class Transfer:
    """accounts.transfer: two nested deposits in one transaction; if the second fails, neither stays."""

    async def execute(self, ctx: Ctx) -> OperationResult[None]:
        amount = ctx.param("amount", int)
        await ctx.call("accounts.deposit", {"account": ctx.param("source", str), "amount": -amount})
        await ctx.call("accounts.deposit", {"account": ctx.param("target", str), "amount": amount})
        return ok(None)  # a failed joined call turns this into NESTED_OPERATION_FAILED and rolls back


async def run(path: Path) -> None:
    transactions = AsyncSqliteTransactions(path, audit=True)
    registry = OperationRegistry(transactions=transactions, tables={"accounts": ["accounts"]})
    registry.register("accounts.deposit", Deposit(), cross_domain_deps=[])
    registry.register("accounts.transfer", Transfer(), cross_domain_deps=[])
    registry.freeze()
    try:
        results = await asyncio.gather(
            *(registry.execute("accounts.deposit", tenant_id="t", params={"account": "a", "amount": 1}) for _ in range(20))
        )
        assert all(r.success for r in results)
        moved = await registry.execute(
            "accounts.transfer", tenant_id="t", params={"source": "a", "target": "b", "amount": 5}
        )
        broken = await registry.execute(
            "accounts.transfer", tenant_id="t", params={"source": "a", "target": "nope", "amount": 5}
        )
        print("transfer:", moved.success, "| to a missing account:", broken.error_code)
    finally:
        await transactions.aclose()
    assert transactions.audit is not None
    print("audit records:", len(transactions.audit.records()), "verifies:", transactions.audit.verify().ok)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bank.db"
        with closing(sqlite3.connect(path)) as conn:
            conn.execute("CREATE TABLE accounts (id TEXT PRIMARY KEY, balance INTEGER NOT NULL)")
            conn.executemany("INSERT INTO accounts VALUES (?, 0)", [("a",), ("b",)])
            conn.commit()
        asyncio.run(run(path))
        with closing(sqlite3.connect(path)) as conn:
            balances = dict(conn.execute("SELECT id, balance FROM accounts").fetchall())
        print("balances:", balances)
        assert balances == {"a": 15, "b": 5}


if __name__ == "__main__":
    main()
