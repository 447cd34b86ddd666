"""A module that defines its own getattr: the builtin is not what is called."""

from __future__ import annotations


def getattr(obj: object, name: str) -> object:  # noqa: A001 - deliberate shadowing
    return lambda: (obj, name)


def dispatch(target: object, name: str) -> object:
    return getattr(target, name)()
