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


def register(callback: Callable[..., object]) -> Callable[..., object]:
    return callback


class HandlerCoordinator:
    handler = lambda event: event  # noqa: E731 - no forbidden parameter
    bound = lambda self, writer: writer  # noqa: E731
    built = classmethod(lambda cls, session: cls)  # passed to a call, not bound: not checked
    pair = (lambda session: session), 1  # a tuple, not a lambda

    def method(self) -> object:
        local = lambda session: session  # noqa: E731 - bound in a function: a local value
        return local


registered = register(lambda session: session)  # passed, not bound
first, second = (lambda session: session), (lambda db_session: db_session)  # unpacking: not followed
no_params = lambda: None  # noqa: E731
