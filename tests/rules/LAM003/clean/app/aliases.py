"""The Python 3.11 spellings of the same code: ast parses them, so no fallback is needed."""

from typing import TypeAlias

from app.quotes import greet

Vector: TypeAlias = list[float]


def norm(v: Vector) -> float:
    return sum(x * x for x in v) ** 0.5 + len(greet("x"))
