"""Import facts (docs/rule-semantics.md#imports): statements, bindings and dynamic imports.

The statement helpers take ``ast`` nodes; ``dynamic_import`` and the binding rules are
shared with the libcst walker so both extractors agree.
"""

from __future__ import annotations

import ast

from lamina.model.facts import ArgKind, CallFact, ImportedName, ImportFact, ImportKind, ImportOrigin

_IMPORT_ERRORS = frozenset({"ImportError", "ModuleNotFoundError"})
_IMPORT_MODULE = frozenset({"importlib.import_module"})
# ``__import__`` stays the builtin unless an import rebinds it (then qualname is set).
_DUNDER_IMPORT = frozenset({"__import__", "importlib.__import__", "builtins.__import__"})


def import_binding(name: str, alias: str | None) -> tuple[str, str]:
    """``import a.b.c`` binds ``a`` → ``a``; ``import a.b as c`` binds ``c`` → ``a.b``."""
    if alias is not None:
        return alias, name
    head = name.split(".", 1)[0]
    return head, head


def from_binding(level: int, module: str, name: str, alias: str | None) -> tuple[str, str] | None:
    """``from ..c import get_x as g`` binds ``g`` → ``..c.get_x``; ``*`` binds nothing."""
    if name == "*":
        return None
    prefix = "." * level + module
    if module:
        prefix += "."
    return (alias or name), prefix + name


def is_type_checking_name(dotted: str | None) -> bool:
    """``TYPE_CHECKING`` or an attribute chain ending in ``.TYPE_CHECKING``."""
    return dotted is not None and (dotted == "TYPE_CHECKING" or dotted.endswith(".TYPE_CHECKING"))


def is_import_error_name(dotted: str | None) -> bool:
    """``ImportError``/``ModuleNotFoundError``, bare or as an attribute chain's last segment."""
    return dotted is not None and dotted.rsplit(".", 1)[-1] in _IMPORT_ERRORS


def ast_dotted(node: ast.expr) -> str | None:
    """``a.b.c`` for a Name/Attribute chain, else None."""
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    parts.append(node.id)
    return ".".join(reversed(parts))


def ast_is_type_checking(test: ast.expr) -> bool:
    """Whether an ``if`` test is ``TYPE_CHECKING`` (or ``….TYPE_CHECKING``)."""
    return is_type_checking_name(ast_dotted(test))


def ast_guards_imports(handlers: list[ast.ExceptHandler]) -> bool:
    """Whether an ``except`` clause names ImportError/ModuleNotFoundError (alone or in a tuple)."""
    for handler in handlers:
        caught = handler.type
        names = caught.elts if isinstance(caught, ast.Tuple) else [caught] if caught is not None else []
        if any(is_import_error_name(ast_dotted(n)) for n in names):
            return True
    return False


def _name_argument(call: CallFact, keyword: str, position: int) -> str | None | bool:
    """The literal string passed as ``keyword`` / positional ``position``; False when the
    argument is present but not a string literal, None when it is absent."""
    if position < len(call.args):
        arg = call.args[position]
        return arg.value if arg.kind is ArgKind.STR else False
    for kw in call.keywords:
        if kw.name == keyword:
            return kw.value.value if kw.value.kind is ArgKind.STR else False
    return None


def _valid_dotted(name: str) -> bool:
    return all(part.isidentifier() for part in name.split("."))


def dynamic_import(call: CallFact, kind: ImportKind, guarded: bool) -> ImportFact | None:
    """The import fact of ``importlib.import_module("a.b")`` / ``__import__("a.b")`` (through
    aliases), or None: other calls, non-literal or malformed module names."""
    callee = call.qualname if call.qualname is not None else call.text
    if callee in _IMPORT_MODULE:
        origin = ImportOrigin.IMPORTLIB
    elif callee in _DUNDER_IMPORT:
        origin = ImportOrigin.DUNDER_IMPORT
    else:
        return None
    name = _name_argument(call, "name", 0)
    if not isinstance(name, str):
        return None
    level = len(name) - len(name.lstrip("."))
    module = name[level:]
    if origin is ImportOrigin.DUNDER_IMPORT and level:
        return None  # __import__ takes the level as an argument, never as leading dots
    if not (module and _valid_dotted(module)) and not (level and not module):
        return None
    package: str | None = None
    if origin is ImportOrigin.IMPORTLIB:
        given = _name_argument(call, "package", 1)
        if given is False and level:
            # ``import_module(".management", app.name)``: relative to a package known only at
            # run time - not to this module's package, so nothing can be resolved statically.
            return None
        package = given if isinstance(given, str) else None
    return ImportFact(
        module=module,
        level=level,
        names=(),
        alias=None,
        kind=kind,
        origin=origin,
        guarded=guarded,
        symbol=call.symbol,
        line=call.line,
        column=call.column,
        end_line=call.end_line,
        end_column=call.end_column,
        package=package,
    )


def statement_facts(
    node: ast.Import | ast.ImportFrom,
    kind: ImportKind,
    guarded: bool,
    symbol: str,
    position: tuple[int, int, int, int],
) -> list[ImportFact]:
    """The facts of one ``import``/``from`` statement (one per module of ``import a, b``)."""
    line, column, end_line, end_column = position
    if isinstance(node, ast.Import):
        return [
            ImportFact(
                a.name, 0, (), a.asname, kind, ImportOrigin.IMPORT, guarded, symbol, line, column, end_line, end_column
            )
            for a in node.names
        ]
    names = tuple(ImportedName(a.name, a.asname) for a in node.names)
    return [
        ImportFact(
            node.module or "",
            node.level or 0,
            names,
            None,
            kind,
            ImportOrigin.FROM,
            guarded,
            symbol,
            line,
            column,
            end_line,
            end_column,
        )
    ]


def statement_bindings(fact: ImportFact) -> list[tuple[str, str]]:
    """(local name, target) pairs an import statement fact binds."""
    if fact.origin is ImportOrigin.IMPORT:
        return [import_binding(fact.module, fact.alias)]
    if fact.origin is ImportOrigin.FROM:
        pairs = (from_binding(fact.level, fact.module, n.name, n.alias) for n in fact.names)
        return [p for p in pairs if p is not None]
    return []
