"""Small handlers shared by the registry tests (explicit classes, no magic)."""

from __future__ import annotations

from lamina.spine import OperationContext, OperationResult, fail, ok


class Echo:
    """Sync handler: returns its params."""

    def execute(self, ctx: OperationContext) -> OperationResult:
        return ok(dict(ctx.params))


class AsyncEcho:
    """Async handler: returns its params."""

    async def execute(self, ctx: OperationContext) -> OperationResult:
        return ok(dict(ctx.params))


class Insert:
    """Writes a row, then succeeds, fails, raises or commits depending on ``params['then']``."""

    def execute(self, ctx: OperationContext) -> OperationResult:
        db = ctx.db
        db.execute("INSERT INTO items (name, qty) VALUES (?, ?)", (ctx.params["name"], 1))  # type: ignore[union-attr]
        then = ctx.params.get("then", "ok")
        if then == "fail":
            return fail("nope", "REFUSED")
        if then == "raise":
            raise ValueError("boom")
        if then == "commit":
            ctx.db.commit()  # type: ignore[union-attr]
        if then == "not-a-result":
            return {"oops": True}  # type: ignore[return-value]
        return ok(ctx.params["name"])


class AsyncInsert(Insert):
    """The async twin of ``Insert``."""

    async def execute(self, ctx: OperationContext) -> OperationResult:  # type: ignore[override]
        return Insert.execute(self, ctx)


class Interrupt:
    """Writes, then raises a BaseException that is not an Exception."""

    def execute(self, ctx: OperationContext) -> OperationResult:
        ctx.db.execute("INSERT INTO items (name, qty) VALUES ('interrupted', 1)")  # type: ignore[union-attr]
        raise KeyboardInterrupt


class NoExecute:
    """Not a handler."""

    run = staticmethod(lambda ctx: None)
