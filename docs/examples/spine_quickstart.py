"""A two-domain service (``notes``, ``users``) on lamina.spine: stdlib sqlite, sync handlers.

Shows a typed handler (``OperationContext[GuardedConnection]`` → ``OperationResult[Note]``), what
``ctx.db`` offers, a bridge with the tables its domain owns, a nested operation that joins the caller's
transaction, and reading and verifying the audit. ``mypy --strict`` checks this file in the test suite,
which also runs it: ``python docs/examples/spine_quickstart.py``.
"""

from __future__ import annotations

import sqlite3
import tempfile
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from lamina.spine import (
    Bridge,
    GuardedConnection,
    OperationContext,
    OperationRegistry,
    OperationResult,
    SqliteAuditSink,
    SqliteTransactions,
    fail,
    ok,
)

Ctx = OperationContext[GuardedConnection]  # ctx.db is the guarded sqlite handle


@dataclass(frozen=True)
class Note:
    id: int
    author: str
    body: str


# -- the users domain: a driver, its bridge and one operation ---------------------------------------


class UserDirectory:
    """An L6-style driver: SQL for the users table, bound to the current transaction."""

    def __init__(self, db: GuardedConnection) -> None:
        self._db = db

    def exists(self, name: str) -> bool:
        # ctx.db offers execute / executemany (-> StatementResult(rowcount, lastrowid)), fetchone and
        # fetchall (-> sqlite3.Row). commit(), rollback(), BEGIN/COMMIT/SAVEPOINT SQL are refused.
        return self._db.fetchone("SELECT 1 FROM users WHERE name = ?", (name,)) is not None

    def count_note(self, name: str) -> int:
        return self._db.execute("UPDATE users SET notes = notes + 1 WHERE name = ?", (name,)).rowcount


class UsersBridge(Bridge[GuardedConnection]):
    """What other domains may use of ``users``: one capability per public method (at most five)."""

    domain = "users"
    tables = frozenset({"users"})  # only handles writing for `users` may write this table

    def directory(self) -> UserDirectory:
        return UserDirectory(self.db)


class CountNote:
    """users.count_note: bump a user's note counter."""

    def execute(self, ctx: Ctx) -> OperationResult[int]:
        changed = ctx.domains.get("users", UsersBridge).directory().count_note(ctx.param("name", str))
        return ok(changed) if changed else fail("no such user", "NO_USER")


# -- the notes domain ---------------------------------------------------------------------------------


class AddNote:
    """notes.add: check the author through the users bridge, write the note, then run users.count_note
    nested: it joins this transaction, so both writes commit together or not at all."""

    def execute(self, ctx: Ctx) -> OperationResult[Note]:
        author = ctx.param("author", str)
        body = ctx.param("body", str)
        if not ctx.domains.get("users", UsersBridge).directory().exists(author):
            return fail(f"unknown author {author!r}", "UNKNOWN_AUTHOR")
        note_id = ctx.db.execute("INSERT INTO notes (author, body) VALUES (?, ?)", (author, body)).lastrowid
        counted = ctx.call_sync("users.count_note", {"name": author})
        if not counted.success or note_id is None:
            return fail(counted.error or "no row id", "COUNT_FAILED")
        return ok(Note(id=note_id, author=author, body=body))


def build_registry(path: Path) -> tuple[OperationRegistry, SqliteAuditSink]:
    transactions = SqliteTransactions(path, audit=True)  # WAL, BEGIN IMMEDIATE, busy retry, chained audit
    registry = OperationRegistry(
        transactions=transactions,
        domains={"users": UsersBridge},
        tables={"notes": ["notes"]},  # owners can also be declared here instead of on a bridge
    )
    registry.register("users.count_note", CountNote(), cross_domain_deps=[])
    registry.register("notes.add", AddNote(), cross_domain_deps=["users.count_note"])
    registry.freeze()
    assert transactions.audit is not None
    return registry, transactions.audit


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "notes.db"
        with closing(sqlite3.connect(path)) as conn:
            conn.execute("CREATE TABLE users (name TEXT PRIMARY KEY, notes INTEGER NOT NULL DEFAULT 0)")
            conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, author TEXT NOT NULL, body TEXT NOT NULL)")
            conn.execute("INSERT INTO users (name) VALUES ('ann')")
            conn.commit()
        registry, audit = build_registry(path)

        added: OperationResult[Note] = registry.execute_sync(
            "notes.add", tenant_id="t1", params={"author": "ann", "body": "hello"}, request_id="req-1", actor_id="ann"
        )
        refused = registry.execute_sync("notes.add", tenant_id="t1", params={"author": "bob", "body": "hi"})
        assert added.success and added.data is not None, added.error
        assert refused.error_code == "UNKNOWN_AUTHOR"
        print(f"added note {added.data.id} by {added.data.author}; refused: {refused.error}")

        for record in audit.records():  # one record per call, nested calls included (parent set)
            print(record.request_id, record.operation, record.parent, record.success, record.error_code)
        verdict = audit.verify()  # names the first modified, deleted or inserted record
        print("audit verifies:", verdict.ok, "records:", verdict.length)
        assert verdict.ok and verdict.length == 3


if __name__ == "__main__":
    main()
