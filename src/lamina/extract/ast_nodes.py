"""Read-only tables about ``ast`` node classes that drive the walk in ``visitor``."""

from __future__ import annotations

import ast
from collections.abc import Iterable
from types import MappingProxyType

# Fields that never hold a node worth visiting (contexts, operators, identifiers, flags).
SCALAR_FIELDS = frozenset(
    {"ctx", "op", "ops", "type_ignores", "kind", "conversion", "is_async", "simple", "level", "type_comment",
     "id", "attr", "arg", "asname", "module", "tag", "lineno", "rest", "kwd_attrs"}
)  # fmt: skip
# Classes never pushed: leaves, and the scalar values a node field may hold.
LEAVES = frozenset({ast.Name, ast.Constant, ast.Pass, ast.Break, ast.Continue, ast.Global, ast.Nonlocal,
                    type(None), str, bytes, int, float, complex, bool, type(...)})  # fmt: skip


def _subclasses(cls: type[ast.AST]) -> Iterable[type[ast.AST]]:
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def _children_table() -> MappingProxyType[type, tuple[str, ...]]:
    """Per node class, the fields that may hold child nodes."""
    return MappingProxyType(
        {
            cls: () if cls in LEAVES else tuple(f for f in cls._fields if f not in SCALAR_FIELDS)
            for cls in _subclasses(ast.AST)
        }
    )


CHILDREN = _children_table()
TRY_STAR = getattr(ast, "TryStar", None)  # Python 3.11+
TYPE_ALIAS = getattr(ast, "TypeAlias", None)  # Python 3.12+
