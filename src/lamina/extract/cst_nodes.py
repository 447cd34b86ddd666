"""libcst counterparts of ``names``, ``literals`` and ``definitions``, for the fallback.

Every function takes the ``libcst`` module as its first argument instead of importing
it, so that importing this module never loads libcst (docs/architecture.md#floors: it is
imported only by the function that needs it, and only for files ``ast`` rejects).
Each mirrors its ``ast`` twin exactly; the parity test holds them to that.
"""

from __future__ import annotations

import inspect
import unicodedata
from typing import Any

from lamina.extract.imports import is_import_error_name
from lamina.extract.literals import OTHER, call_arg, name_arg, str_arg, strs_arg
from lamina.model.facts import ArgFact, ParamFact, ParamKind

# libcst spells these as names; ``ast`` makes them constants, which are neither names
# nor callee roots.
CONSTANT_NAMES = frozenset({"None", "True", "False"})


def ident(name: str) -> str:
    """An identifier as ``ast`` reports it: the parser NFKC-normalises identifiers
    (``ｗｉｄｔｈ`` is ``width``), libcst keeps them as written."""
    return name if name.isascii() else unicodedata.normalize("NFKC", name)


def callee_text(cst: Any, node: Any) -> tuple[str | None, str | None]:
    """The dotted rendering of a callee and its leading name (``names.callee_text``)."""
    parts: list[str] = []
    while True:
        if isinstance(node, cst.Name):
            if node.value in CONSTANT_NAMES:
                return None, None
            head = ident(node.value)
            parts.append(head)
            parts.reverse()
            return "".join(parts), head
        if isinstance(node, cst.Attribute):
            parts.append("." + ident(node.attr.value))
            node = node.value
        elif isinstance(node, cst.Call):
            parts.append("()")
            node = node.func
        elif isinstance(node, cst.Subscript):
            parts.append("[]")
            node = node.value
        else:
            return None, None


def dotted_name(cst: Any, node: Any) -> str | None:
    """``a.b.c`` for a pure Name/Attribute chain, else None."""
    parts: list[str] = []
    while isinstance(node, cst.Attribute):
        parts.append(ident(node.attr.value))
        node = node.value
    if not isinstance(node, cst.Name) or node.value in CONSTANT_NAMES:
        return None
    parts.append(ident(node.value))
    return ".".join(reversed(parts))


def string_value(cst: Any, node: Any) -> str | None:
    """The value of a (possibly implicitly concatenated) str literal; None for f-strings,
    bytes and anything else."""
    if not isinstance(node, (cst.SimpleString, cst.ConcatenatedString)):
        return None
    try:
        value = node.evaluated_value  # None when an f-string takes part
    except Exception:  # noqa: BLE001 - libcst evaluates with ast.literal_eval
        return None
    return value if isinstance(value, str) else None


def summarize(cst: Any, node: Any) -> ArgFact:
    """The summary of one argument expression (``literals.Summarizer.summarize``)."""
    value = string_value(cst, node)
    if value is not None:
        return str_arg(value)
    if isinstance(node, (cst.Name, cst.Attribute)):
        return name_arg(dotted_name(cst, node))
    if isinstance(node, cst.Call):
        first = node.args[0] if node.args else None
        literal = None
        if first is not None and first.keyword is None and not first.star:
            literal = string_value(cst, first.value)
        return call_arg(callee_text(cst, node.func)[0], literal)
    if isinstance(node, (cst.List, cst.Tuple)):
        values: list[str] = []
        for element in node.elements:
            item = string_value(cst, element.value) if isinstance(element, cst.Element) else None
            if item is None:
                return OTHER
            values.append(item)
        return strs_arg(tuple(values))
    return OTHER


def source_text(cst: Any, module: Any, node: Any) -> str:
    """The node's source as ``ast`` positions would cut it: without the node's own
    parentheses, except a tuple's, which ``ast`` counts as part of the tuple."""
    if getattr(node, "lpar", None) and not isinstance(node, cst.Tuple):
        node = node.with_changes(lpar=(), rpar=())
    return str(module.code_for_node(node))


def decorator_text(cst: Any, module: Any, node: Any) -> str:
    """``definitions.decorator_text`` for a libcst decorator expression."""
    text = callee_text(cst, node)[0]
    return text if text is not None else source_text(cst, module, node)


def base_text(cst: Any, module: Any, arg: Any) -> str:
    """A class base as written; ``*bases`` keeps its star like ``ast.Starred``."""
    text = source_text(cst, module, arg.value)
    if arg.star == "*":
        space: str = arg.whitespace_after_star.value
        return "*" + space + text
    return text


def target_names(cst: Any, node: Any, into: set[str]) -> None:
    """Names bound by an assignment target (``definitions.target_names``)."""
    if isinstance(node, cst.Name):
        into.add(ident(node.value))
    elif isinstance(node, (cst.Tuple, cst.List)):
        for element in node.elements:
            target_names(cst, element.value, into)
    elif isinstance(node, cst.StarredElement):
        target_names(cst, node.value, into)


def module_docstring(cst: Any, module: Any) -> str | None:
    """``ast.get_docstring(tree, clean=True)`` for a libcst module."""
    if not module.body or not isinstance(module.body[0], cst.SimpleStatementLine):
        return None
    first = module.body[0].body[0]
    if not isinstance(first, cst.Expr):
        return None
    value = string_value(cst, first.value)
    return inspect.cleandoc(value) if value is not None else None


def is_trivial(cst: Any, module: Any) -> bool:
    """Only a docstring, ``from __future__`` imports and ``pass`` (``definitions.is_trivial``)."""
    index = 0
    for statement in module.body:
        if not isinstance(statement, cst.SimpleStatementLine):
            return False
        for small in statement.body:
            future = (
                isinstance(small, cst.ImportFrom)
                and not small.relative
                and isinstance(small.module, cst.Name)
                and small.module.value == "__future__"
            )
            docstring = index == 0 and isinstance(small, cst.Expr) and string_value(cst, small.value) is not None
            if not (isinstance(small, cst.Pass) or future or docstring):
                return False
            index += 1
    return True


def signature_params(cst: Any, params: Any) -> list[Any]:
    """Every named parameter of a libcst ``Parameters`` in signature order (a bare ``*``
    marker is not one)."""
    star = params.star_arg if isinstance(params.star_arg, cst.Param) else None
    every = [*params.posonly_params, *params.params, star, *params.kwonly_params, params.star_kwarg]
    return [p for p in every if p is not None]


def param_facts(cst: Any, module: Any, positions: Any, params: Any) -> tuple[ParamFact, ...]:
    """``definitions.parameters`` for a libcst ``Parameters``; the location is the name's."""
    star = params.star_arg if isinstance(params.star_arg, cst.Param) else None
    groups = [
        (params.posonly_params, ParamKind.POSITIONAL_ONLY),
        (params.params, ParamKind.POSITIONAL),
        ([star] if star is not None else [], ParamKind.VAR_POSITIONAL),
        (params.kwonly_params, ParamKind.KEYWORD_ONLY),
        ([params.star_kwarg] if params.star_kwarg is not None else [], ParamKind.VAR_KEYWORD),
    ]
    facts: list[ParamFact] = []
    for group, kind in groups:
        for param in group:
            annotation = param.annotation
            text = source_text(cst, module, annotation.annotation) if annotation is not None else None
            start = positions[param.name].start
            facts.append(ParamFact(ident(param.name.value), kind, text, len(facts), start.line, start.column + 1))
    return tuple(facts)


def guards_imports(cst: Any, handlers: Any) -> bool:
    """``imports.ast_guards_imports`` for libcst ``except`` clauses."""
    for handler in handlers:
        caught = handler.type
        if caught is None:
            continue
        names = [e.value for e in caught.elements] if isinstance(caught, cst.Tuple) else [caught]
        if any(is_import_error_name(dotted_name(cst, n)) for n in names):
            return True
    return False
