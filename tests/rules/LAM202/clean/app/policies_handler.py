"""Handler with explicit dispatch. A docstring saying getattr(engine, name)() is not code."""

from __future__ import annotations

from typing import Any


class PoliciesHandler:
    def __init__(self, engine: Any) -> None:
        self._engine = engine
        self._dispatch = {"evaluate": engine.evaluate, "simulate": engine.simulate}

    def execute(self, name: str, **kwargs: Any) -> object:
        return self._dispatch[name](**kwargs)

    def literal(self, exc: Exception) -> object:
        original = getattr(exc, "orig", exc)
        run = getattr(self._engine, "run" "_all")  # implicit concatenation is still a literal
        return run(original)

    def not_called(self, name: str) -> object:
        value = getattr(self._engine, name, None)  # read, never called
        return value

    def probe(self, name: str) -> bool:
        # getattr(self._engine, name)() would be a finding; this is a comment.
        return hasattr(self._engine, name) and callable(getattr(self._engine, name))

    def called_before(self, name: str) -> object:
        callback = self._engine.default
        callback()
        callback = getattr(self._engine, name)  # assigned after its only call
        return callback

    def assigned_here(self, name: str) -> object:
        fn = getattr(self._engine, name)

        def later() -> object:
            return fn()  # another function: not tracked

        return later
