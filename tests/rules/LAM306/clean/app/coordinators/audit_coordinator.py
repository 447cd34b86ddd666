"""Audit coordinator that receives capabilities. Never pass it a session."""

from __future__ import annotations

from typing import Any, Callable


class SessionFactory:
    pass


class AsyncSessionMaker:
    pass


class AuditCoordinator:
    def __init__(self, writer: Callable[[str], None], sessions: int = 0) -> None:
        """``session`` is never a parameter here."""
        self._writer = writer
        self._sessions = sessions

    def record(self, *session: str, **kwargs: Any) -> None:
        self._writer(",".join(session))

    def open(self, factory: SessionFactory, maker: AsyncSessionMaker | None = None) -> None:
        def inner(session: object) -> None:  # nested functions are not checked
            return None

        inner(factory)

    def close(self, **session: object) -> None:
        handler = lambda session: session  # noqa: E731 - lambdas are not checked
        handler(self)


def build() -> object:
    class Local:
        def method(self, session: object) -> None:  # a class inside a function: not checked
            return None

    return Local()
