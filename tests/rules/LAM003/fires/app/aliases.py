type Vector = list[float]  # expect: LAM003
"""PEP 695 type alias statement (Python 3.12): Python 3.11's ast rejects it, libcst parses it."""

from app.quotes import greet


def norm(v: Vector) -> float:
    return sum(x * x for x in v) ** 0.5 + len(greet("x"))
