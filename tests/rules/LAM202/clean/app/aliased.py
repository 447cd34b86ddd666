"""Look-alikes of a lookup passed on through names: none calls a computed attribute."""

from __future__ import annotations

from typing import Any, Callable


def literal_chain(target: object) -> object:
    z = getattr(target, "run")
    w = z
    return w()


def rebound_before_call(target: object, name: str, fallback: Callable[[], object]) -> object:
    z = getattr(target, name)
    w = z
    w = fallback  # the lookup is gone before the call
    return w()


def source_rebound_before_alias(target: object, name: str) -> object:
    z = getattr(target, name)
    z = None
    w = z
    return w() if callable(w) else None


def rebound_to_a_call(target: object, name: str, make: Callable[[], Callable[[], object]]) -> object:
    z = getattr(target, name)
    w = z
    w = make()
    return w()


def alias_not_called(target: object, name: str) -> object:
    z = getattr(target, name)
    w = z
    return w


def caller(w: Callable[[], object]) -> object:
    return w()  # another function's ``w``: not the alias above


def aliased_after_the_call(target: object, name: str, w: Callable[[], Any]) -> object:
    result = w()
    z = getattr(target, name)
    w = z
    return result, w
