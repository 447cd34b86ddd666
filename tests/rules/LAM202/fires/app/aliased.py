"""Lookups passed on through plain name-to-name assignments before being called."""

from __future__ import annotations

from typing import Any, Callable


def chained(target: object, name: str) -> object:
    z = getattr(target, name)  # expect: LAM202
    w = z
    return w()


async def chained_twice(target: object, name: str, **kwargs: Any) -> object:
    first = getattr(target, name, None)  # expect: LAM202
    second = first
    third: Callable[..., Any] = second
    return await third(**kwargs)


def through_walrus(target: object, name: str) -> object:
    found = getattr(target, name, None)  # expect: LAM202
    if (handler := found) is not None:
        return handler()
    return None


def rebound_to_another_lookup(target: object, name: str, other: str) -> object:
    step = getattr(target, name)  # read, never called
    step = getattr(target, other)  # expect: LAM202
    alias = step
    return alias()


class Dispatcher:
    def __init__(self, engine: object) -> None:
        self._engine = engine

    def run(self, operation: str) -> object:
        method = getattr(self._engine, operation)  # expect: LAM202
        bound = method
        return bound()
