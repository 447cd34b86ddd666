"""A module that binds its own __import__: calls of it are not the builtin."""

from __future__ import annotations


def __import__(name: str) -> str:  # noqa: A001 - deliberate shadowing
    return name


def load(name: str) -> str:
    return __import__(name)
