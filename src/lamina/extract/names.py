"""Dotted renderings of ``ast`` expressions (docs/rule-semantics.md#calls-and-name-resolution).

``self._session.commit`` · ``get_registry().register`` · ``handlers[].run``: a name, then
``.attr`` / ``()`` / ``[]`` per link of the chain; any other root shape has no text.
"""

from __future__ import annotations

from ast import Attribute, Call, Name, Subscript, expr


def callee_text(node: expr) -> tuple[str | None, str | None]:
    """The dotted rendering of a callee expression and its leading name.

    Iterative on purpose: generated code has attribute chains deep enough to exhaust
    the interpreter's recursion limit.
    """
    cls = node.__class__
    if cls is Name:
        name: str = node.id  # type: ignore[attr-defined]
        return name, name
    parts: list[str] = []
    while True:
        if cls is Attribute:
            parts.append("." + node.attr)  # type: ignore[attr-defined]
            node = node.value  # type: ignore[attr-defined]
        elif cls is Call:
            parts.append("()")
            node = node.func  # type: ignore[attr-defined]
        elif cls is Subscript:
            parts.append("[]")
            node = node.value  # type: ignore[attr-defined]
        elif cls is Name:
            head: str = node.id  # type: ignore[attr-defined]
            parts.append(head)
            parts.reverse()
            return "".join(parts), head
        else:
            return None, None
        cls = node.__class__


def dotted_name(node: expr) -> str | None:
    """``a.b.c`` for a pure Name/Attribute chain (an argument of kind ``name``), else None."""
    parts: list[str] = []
    while node.__class__ is Attribute:
        parts.append(node.attr)
        node = node.value
    if node.__class__ is not Name:
        return None
    parts.append(node.id)
    parts.reverse()
    return ".".join(parts)
