"""Handlers dispatching by a computed method name."""

from typing import Any


class Engine:
    def evaluate(self, x: int) -> int:
        return x

    async def refresh(self) -> None:
        return None

    def _secret(self) -> None:
        return None

    @property
    def size(self) -> int:
        return 1


def make_engine() -> "Engine":
    return Engine()


class Handler:
    def by_constructor(self, name: str, **kwargs: Any) -> Any:
        engine = Engine()
        return {"evaluate": engine.evaluate, "refresh": engine.refresh}[name](**kwargs)

    def by_annotation(self, engine: Engine, params: dict[str, Any]) -> Any:
        method = {"evaluate": engine.evaluate, "refresh": engine.refresh}.get(params["method"], None)
        if method is None:
            return "unknown method"
        return method()

    def by_factory(self, name: str) -> Any:
        engine = make_engine()
        return {"evaluate": engine.evaluate, "refresh": engine.refresh}[name]()

    def unresolved(self, engine: Any, name: str) -> Any:
        return getattr(engine, name)()
