"""Finding libcst nodes by position, and the comma-separated items of a bracket (a list
literal or a call's arguments) as offsets, so that fixes edit text and keep the rest."""

from __future__ import annotations

from typing import Any, NamedTuple

from lamina.fix.source import FixSource


class Item(NamedTuple):
    """One element of a bracket: its value's offsets and where its comma ends (None: no comma)."""

    start: int
    end: int
    comma_end: int | None


class Bracket(NamedTuple):
    """The inside of ``[...]``, ``(...)`` or a call's parentheses."""

    open_end: int  # just after the opening bracket
    close_start: int  # the closing bracket
    items: tuple[Item, ...]


def nodes_at(source: FixSource, kind: type, line: int, column: int) -> list[Any]:
    """Nodes of ``kind`` starting at a 1-based line and column, outermost first."""
    if source.tree() is None:
        return []
    wanted = source.offset(line, column)
    found = [node for node in source.nodes() if isinstance(node, kind) and source.span(node)[0] == wanted]
    return sorted(found, key=lambda node: -source.span(node)[1])


def bracket_of(source: FixSource, node: Any, elements: Any) -> Bracket:
    """The bracket of a ``List``/``Tuple`` (``elements`` = ``node.elements``) or a ``Call``
    (``elements`` = ``node.args``)."""
    import libcst

    start, end = source.span(node)
    if isinstance(node, libcst.Call):
        func_end = source.span(node.func)[1]
        open_end = source.text.index("(", func_end) + 1
    else:
        open_end = start + 1
    close_start = end - 1
    items = []
    for element in elements:
        value = element.value
        value_start, value_end = source.span(value)
        if isinstance(element, libcst.Arg) and element.keyword is not None:
            value_start = source.span(element.keyword)[0]
        elif isinstance(element, libcst.Arg) and element.star:
            value_start = source.text.rindex(element.star, open_end, value_start)
        comma_end = None
        if not isinstance(element.comma, libcst.MaybeSentinel):
            comma_end = source.text.index(",", value_end) + 1
        items.append(Item(value_start, value_end, comma_end))
    return Bracket(open_end, close_start, tuple(items))


def indent_of(source: FixSource, offset: int) -> str:
    line = source.line_text(source.position(offset)[0])
    return line[: len(line) - len(line.lstrip(" \t"))]


def has_comment(source: FixSource, start: int, end: int) -> bool:
    """Whether the code between two offsets holds a comment token."""
    import io
    import tokenize

    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(source.text[start:end]).readline))
    except (tokenize.TokenError, SyntaxError):
        return True  # unsure: behave as if there were one
    return any(token.type == tokenize.COMMENT for token in tokens)
