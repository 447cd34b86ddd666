"""``NameUse`` facts: which module-level names the code of each definition mentions.

A separate, flat pass over the tree rather than a hook in the walkers: the walkers never visit
``Name`` leaves (two thirds of all nodes) and must not start to. Both parsers' trees give the
same facts (the parity test checks it). What runs where follows the interpreter, as in the
walkers: decorators, defaults, annotations and class bases belong to the enclosing definition,
bodies to the definition; lambdas and comprehensions to the one they are written in.

Every plain name counts, loaded or rebound: a function that assigns a local spelled like a
module-level import is charged with the import, an over-approximation that keeps the pass
free of scope analysis.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable
from typing import Any

from lamina.extract.ast_nodes import CHILDREN, LEAVES
from lamina.model.facts import AssignFact, NameUse

MODULE_SYMBOL = "<module>"
_DEFINITIONS = frozenset({ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef})
_SKIPPED = frozenset({ast.Import, ast.ImportFrom})
_NOT_PUSHED = LEAVES - {ast.Name}


def _child(symbol: str, name: str) -> str:
    return name if symbol == MODULE_SYMBOL else f"{symbol}.{name}"


class _Found:
    """Per symbol: module-level names mentioned, occurrences of tracked names."""

    def __init__(self, bindings: Iterable[str], tracked: Iterable[str]) -> None:
        self.bindings = frozenset(bindings)
        self.tracked = frozenset(tracked)
        self.names: dict[str, set[str]] = {}
        self.counts: dict[str, dict[str, int]] = {}

    def add(self, symbol: str, name: str) -> None:
        if name in self.bindings:
            self.names.setdefault(symbol, set()).add(name)
        if name in self.tracked:
            counts = self.counts.setdefault(symbol, {})
            counts[name] = counts.get(name, 0) + 1

    def facts(self) -> tuple[NameUse, ...]:
        symbols = sorted({*self.names, *self.counts})
        return tuple(
            NameUse(
                symbol,
                tuple(sorted(self.names.get(symbol, ()))),
                tuple(sorted(self.counts.get(symbol, {}).items())),
            )
            for symbol in symbols
        )


def ast_name_uses(tree: ast.Module, bindings: Iterable[str], tracked: Iterable[str]) -> tuple[NameUse, ...]:
    """The ``NameUse`` facts of an ``ast`` tree, for the module-level names ``bindings`` and
    the call-assigned names ``tracked``."""
    found = _Found(bindings, tracked)
    wanted = found.bindings | found.tracked
    stack: list[tuple[Any, str]] = [(node, MODULE_SYMBOL) for node in tree.body]
    pop = stack.pop
    push = stack.append
    children = CHILDREN
    not_pushed = _NOT_PUSHED
    while stack:
        node, symbol = pop()
        cls = node.__class__
        if cls is ast.Name:
            if node.id in wanted:
                found.add(symbol, node.id)
            continue
        if cls in _SKIPPED:
            continue
        inner = _child(symbol, node.name) if cls in _DEFINITIONS else None
        for field in children[cls]:
            value = getattr(node, field, None)
            where = inner if inner is not None and field == "body" else symbol
            if value.__class__ is list:
                for item in value:
                    if item.__class__ not in not_pushed:
                        push((item, where))
            elif value.__class__ not in not_pushed:
                push((value, where))
    return found.facts()


def cst_name_uses(cst: Any, module: Any, bindings: Iterable[str], tracked: Iterable[str]) -> tuple[NameUse, ...]:
    """The same facts from a libcst module: names in the positions where ``ast`` has a
    ``Name`` node (not attribute names, keywords, parameter, definition, import, ``global``,
    ``except … as``, match-capture or type-parameter names, which ``ast`` keeps as strings)."""
    from lamina.extract.cst_nodes import ident

    found = _Found(bindings, tracked)
    wanted = found.bindings | found.tracked
    skipped = (cst.Import, cst.ImportFrom, cst.Global, cst.Nonlocal, cst.MatchStar)
    stack: list[tuple[Any, str]] = [(node, MODULE_SYMBOL) for node in module.body]
    while stack:
        node, symbol = stack.pop()
        if isinstance(node, cst.Name):
            name = ident(node.value)
            if name in wanted:
                found.add(symbol, name)
            continue
        if isinstance(node, skipped):
            continue
        items: Iterable[Any]
        if isinstance(node, (cst.FunctionDef, cst.ClassDef)):
            inner = _child(symbol, ident(node.name.value))
            stack.append((node.body, inner))
            items = [c for c in node.children if c is not node.body and c is not node.name]
        elif isinstance(node, cst.Attribute):
            items = (node.value,)
        elif isinstance(node, cst.Arg):
            items = (node.value,)
        elif isinstance(node, cst.Param):
            items = (node.annotation, node.default)
        elif isinstance(node, (cst.ExceptHandler, cst.ExceptStarHandler)):
            items = (node.type, node.body)
        elif isinstance(node, cst.MatchAs):
            items = (node.pattern,)
        elif isinstance(node, cst.MatchKeywordElement):
            items = (node.pattern,)
        elif isinstance(node, cst.MatchMapping):
            items = [c for c in node.children if c is not node.rest]
        elif isinstance(node, (cst.TypeVar, cst.TypeVarTuple, cst.ParamSpec)):
            items = (getattr(node, "bound", None),)
        else:
            items = node.children
        stack.extend((item, symbol) for item in items if item is not None)
    return found.facts()


def call_assigned(assigns: Iterable[AssignFact]) -> frozenset[str]:
    """Names some assignment binds to a call's result: the ones whose occurrences are counted."""
    return frozenset(assign.name for assign in assigns if assign.call is not None)
