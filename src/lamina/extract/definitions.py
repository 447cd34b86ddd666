"""Definitions from ``ast`` nodes: functions, parameters, class bases, bound names, the
module docstring and the trivial-``__init__`` test (docs/rule-semantics.md#definitions-header-and-docstring)."""

from __future__ import annotations

import ast

from lamina.extract.names import callee_text
from lamina.extract.positions import SourceLines
from lamina.model.facts import FunctionFact, ParamFact, ParamKind


def source_text(node: ast.AST, lines: SourceLines) -> str:
    """The node's source as written (``ast.get_source_segment`` without re-splitting the file)."""
    return lines.segment(node.lineno, node.col_offset, node.end_lineno, node.end_col_offset)  # type: ignore[attr-defined]


def decorator_text(node: ast.expr, lines: SourceLines) -> str:
    """``property`` · ``app.route()`` · ``x.setter``; other shapes as written."""
    text = callee_text(node)[0]
    return text if text is not None else source_text(node, lines)


def parameters(args: ast.arguments, lines: SourceLines) -> tuple[ParamFact, ...]:
    """Parameters in signature order; ``position`` is the 0-based index in that order."""
    groups: list[tuple[list[ast.arg], ParamKind]] = [
        (args.posonlyargs, ParamKind.POSITIONAL_ONLY),
        (args.args, ParamKind.POSITIONAL),
        ([args.vararg] if args.vararg is not None else [], ParamKind.VAR_POSITIONAL),
        (args.kwonlyargs, ParamKind.KEYWORD_ONLY),
        ([args.kwarg] if args.kwarg is not None else [], ParamKind.VAR_KEYWORD),
    ]
    facts: list[ParamFact] = []
    column = lines.column
    for group, kind in groups:
        for arg in group:
            annotation = None if arg.annotation is None else source_text(arg.annotation, lines)
            line = arg.lineno
            facts.append(ParamFact(arg.arg, kind, annotation, len(facts), line, column(line, arg.col_offset)))
    return tuple(facts)


def function_fact(
    node: ast.FunctionDef | ast.AsyncFunctionDef,
    qualname: str,
    in_class_body: bool,
    nested: bool,
    lines: SourceLines,
) -> FunctionFact:
    """The fact of one ``def``/``async def``; its location is the ``def`` (or ``async``) keyword."""
    decorators = node.decorator_list
    return FunctionFact(
        qualname,
        node.name,
        node.lineno,
        lines.column(node.lineno, node.col_offset),
        node.end_lineno or node.lineno,
        node.__class__ is ast.AsyncFunctionDef,
        in_class_body,
        parameters(node.args, lines) if _has_parameters(node.args) else (),
        tuple([decorator_text(d, lines) for d in decorators]) if decorators else (),
        nested,
    )


def lambda_fact(
    node: ast.Lambda,
    target: ast.Name,
    qualname: str,
    in_class_body: bool,
    nested: bool,
    end_line: int,
    lines: SourceLines,
) -> FunctionFact:
    """The fact of ``name = lambda …`` as a function called ``name``, located at the name
    (a parenthesised lambda starts at a different column in ``ast`` and libcst) and ending
    with the assignment statement (``end_line``)."""
    return FunctionFact(
        qualname,
        target.id,
        target.lineno,
        lines.column(target.lineno, target.col_offset),
        end_line,
        False,
        in_class_body,
        parameters(node.args, lines) if _has_parameters(node.args) else (),
        (),
        nested,
    )


def _has_parameters(args: ast.arguments) -> bool:
    return bool(args.args or args.posonlyargs or args.vararg or args.kwonlyargs or args.kwarg)


def target_names(node: ast.expr, into: set[str]) -> None:
    """Names bound by an assignment target (``a``, ``a, (b, *c)``); attributes and
    subscripts bind no name."""
    cls = node.__class__
    if cls is ast.Name:
        into.add(node.id)  # type: ignore[attr-defined]
    elif cls is ast.Tuple or cls is ast.List:
        for element in node.elts:  # type: ignore[attr-defined]
            target_names(element, into)
    elif cls is ast.Starred:
        target_names(node.value, into)  # type: ignore[attr-defined]


def module_docstring(tree: ast.Module) -> str | None:
    """``ast.get_docstring(tree, clean=True)`` (docs/rule-semantics.md#definitions-header-and-docstring)."""
    return ast.get_docstring(tree, clean=True)


def is_trivial(body: list[ast.stmt]) -> bool:
    """Only a docstring, ``from __future__`` imports and ``pass``."""
    for index, statement in enumerate(body):
        if isinstance(statement, ast.Pass):
            continue
        if isinstance(statement, ast.ImportFrom) and statement.module == "__future__" and not statement.level:
            continue
        if (
            index == 0
            and isinstance(statement, ast.Expr)
            and isinstance(statement.value, ast.Constant)
            and isinstance(statement.value.value, str)
        ):
            continue
        return False
    return True
