"""FastAPI on lamina.spine: one operation per route, one session per request (SQLAlchemy async).

The routes are thin: each one calls exactly one operation and maps its result to HTTP. The registry's
``AsyncSqlAlchemyTransactions`` opens a fresh ``AsyncSession`` for every ``execute`` (the session per
request), starts its transaction (``BEGIN IMMEDIATE`` via ``configure_sqlite``), commits it, and writes
the audit record in the same transaction. FastAPI is not a dependency of lamina: ``create_app`` imports
it lazily, and everything else, including the route functions, is type-checked with ``mypy --strict``
without it. ``python docs/examples/spine_fastapi.py`` calls the route functions directly.

    uvicorn --factory spine_fastapi:create_app      # with fastapi, uvicorn and aiosqlite installed
"""

from __future__ import annotations

import asyncio
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine

from lamina.spine import OperationContext, OperationRegistry, OperationResult, SqliteAuditSink, fail, ok
from lamina.spine.sqla import AsyncSqlAlchemyTransactions, GuardedSession, configure_sqlite

Ctx = OperationContext[GuardedSession]


@dataclass(frozen=True)
class NoteOut:
    id: int
    body: str


class CreateNote:
    async def execute(self, ctx: Ctx) -> OperationResult[NoteOut]:
        body = ctx.param("body", str)
        if not body.strip():
            return fail("body is empty", "INVALID")
        result = await ctx.db.execute(text("INSERT INTO notes (body) VALUES (:b) RETURNING id"), {"b": body})
        return ok(NoteOut(id=int(result.scalar_one()), body=body))


class GetNote:
    async def execute(self, ctx: Ctx) -> OperationResult[NoteOut]:
        note_id = ctx.param("id", int)
        row = (await ctx.db.execute(text("SELECT id, body FROM notes WHERE id = :i"), {"i": note_id})).first()
        return fail(f"no note {note_id}", "NOT_FOUND") if row is None else ok(NoteOut(id=row[0], body=row[1]))


async def build(url: str) -> tuple[OperationRegistry, AsyncEngine]:
    engine = create_async_engine(url)
    configure_sqlite(engine)  # WAL, busy timeout, BEGIN IMMEDIATE
    async with engine.begin() as conn:
        await conn.execute(text("CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)"))
    transactions = AsyncSqlAlchemyTransactions(async_sessionmaker(engine, expire_on_commit=False), audit=True)
    registry = OperationRegistry(transactions=transactions, tables={"notes": ["notes"]})
    registry.register("notes.create", CreateNote(), cross_domain_deps=[])
    registry.register("notes.get", GetNote(), cross_domain_deps=[])
    registry.freeze()
    return registry, engine


STATUS = {"INVALID": 422, "NOT_FOUND": 404}


def reply(result: OperationResult[Any]) -> tuple[int, dict[str, object]]:
    """Map a result to (HTTP status, JSON body): the only place that knows about HTTP codes."""
    if result.success:
        return 200, {"data": result.data.__dict__ if result.data is not None else None}
    return STATUS.get(result.error_code or "", 500), {"error": result.error, "code": result.error_code}


class NotesRoutes:
    """One operation per route. The tenant and request ids would come from auth middleware."""

    def __init__(self, registry: OperationRegistry) -> None:
        self._registry = registry

    async def create_note(self, body: str) -> tuple[int, dict[str, object]]:
        return reply(await self._registry.execute("notes.create", tenant_id="t", params={"body": body}))

    async def get_note(self, note_id: int) -> tuple[int, dict[str, object]]:
        return reply(await self._registry.execute("notes.get", tenant_id="t", params={"id": note_id}))


def create_app(url: str = "sqlite+aiosqlite:///notes.db") -> Any:
    """The FastAPI application (``fastapi`` is imported here only, so it stays optional)."""
    from fastapi import FastAPI  # type: ignore[import-not-found, unused-ignore]
    from fastapi.responses import JSONResponse  # type: ignore[import-not-found, unused-ignore]

    app = FastAPI()
    state: dict[str, NotesRoutes] = {}

    async def startup() -> None:
        registry, _ = await build(url)
        state["routes"] = NotesRoutes(registry)

    async def create_note(body: str) -> Any:
        status, payload = await state["routes"].create_note(body)
        return JSONResponse(payload, status_code=status)

    async def get_note(note_id: int) -> Any:
        status, payload = await state["routes"].get_note(note_id)
        return JSONResponse(payload, status_code=status)

    app.add_event_handler("startup", startup)
    app.add_api_route("/notes", create_note, methods=["POST"])
    app.add_api_route("/notes/{note_id}", get_note, methods=["GET"])
    return app


async def demo(path: Path) -> None:
    registry, engine = await build(f"sqlite+aiosqlite:///{path}")
    routes = NotesRoutes(registry)
    try:
        created = await routes.create_note("hello")
        print("POST /notes ->", created)
        print("GET /notes/1 ->", await routes.get_note(1))
        print("GET /notes/9 ->", await routes.get_note(9))
        print("POST /notes (empty) ->", await routes.create_note(" "))
    finally:
        await engine.dispose()
    audit = SqliteAuditSink(path)  # the chained audit the session wrote, read with the stdlib
    print("audit:", [(r.operation, r.error_code) for r in audit.records()], "verifies:", audit.verify().ok)
    assert created[0] == 200 and audit.verify().ok


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp:
        asyncio.run(demo(Path(tmp) / "notes.db"))
