"""The catalog: every code paired with its implementation and documentation.

An explicit table (house style 14): nothing registers itself on import. Codes without
an implementation yet are listed with ``check=None`` so that packs may already name them.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from types import ModuleType

from lamina.model.codes import CodeInfo, code_table
from lamina.model.findings import Finding
from lamina.rules import (
    ambiguous_layer,
    cross_domain,
    empty_scope,
    fallback_parse,
    forbidden_import,
    header_field,
    header_layer,
    import_cycle,
    layer_direction,
    shadowed_module,
    syntax_error,
    undecodable,
    unassigned_module,
)
from lamina.rules.base import RuleContext

# Import-family findings on one import are reduced to the first code of this order
# (RULES.md section 4): the most specific diagnosis wins.
OVERLAP_ORDER: tuple[str, ...] = ("LAM201", "LAM402", "LAM102", "LAM101", "LAM103")

Check = Callable[[RuleContext], Iterator[Finding]]


@dataclass(frozen=True, slots=True)
class RuleKind:
    info: CodeInfo
    check: Check | None
    doc: str


def _implementations() -> dict[str, ModuleType]:
    return {
        "LAM001": syntax_error,
        "LAM002": undecodable,
        "LAM003": fallback_parse,
        "LAM004": empty_scope,
        "LAM005": shadowed_module,
        "LAM101": layer_direction,
        "LAM102": forbidden_import,
        "LAM103": cross_domain,
        "LAM104": header_layer,
        "LAM105": ambiguous_layer,
        "LAM106": unassigned_module,
        "LAM107": import_cycle,
        "LAM504": header_field,
    }


def catalog() -> dict[str, RuleKind]:
    """Every known code, in code order."""
    modules = _implementations()
    kinds: dict[str, RuleKind] = {}
    for info in code_table():
        module = modules.get(info.code)
        if module is None:
            doc = f"{info.code} {info.name}\n\nNot implemented in this version of lamina; packs may list it.\n"
            kinds[info.code] = RuleKind(info, None, doc)
        else:
            kinds[info.code] = RuleKind(info, module.check, inspect.cleandoc(module.__doc__ or "") + "\n")
    return kinds
