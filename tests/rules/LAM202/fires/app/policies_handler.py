"""Handler dispatching to engine methods by computed names."""

from __future__ import annotations

from typing import Any, Callable


def ok(value: object) -> dict[str, object]:
    return {"ok": value}


def fail(message: str, code: str) -> dict[str, object]:
    return {"error": message, "code": code}


class PoliciesHandler:
    def __init__(self, engine: object) -> None:
        self._engine = engine

    async def execute(self, method_name: str, **kwargs: Any) -> dict[str, object]:
        method = getattr(self._engine, method_name, None)  # expect: LAM202
        if method is None:
            return fail("Unknown method", "UNKNOWN_METHOD")
        return ok(await method(**kwargs))

    def direct(self, name: str) -> object:
        return getattr(self._engine, name)()  # expect: LAM202

    async def awaited(self, name: str) -> object:
        return await getattr(self._engine, f"run_{name}")(  # expect: LAM202
            1,
            2,
        )

    async def through_await(self, loader: Any, name: str) -> object:
        return (await getattr(loader, name))()  # expect: LAM202

    def annotated(self, request: Any) -> object:
        handler: Callable[[], object] = getattr(  # expect: LAM202
            self._engine,
            request.operation,
        )
        return handler()

    def walrus(self, name: str) -> object:
        if (step := getattr(self._engine, name.lower(), None)) is not None:  # expect: LAM202
            return step()
        return None


ACTION = "noop"
action = getattr(str, ACTION)  # expect: LAM202
action()
