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
    banned_call,
    cross_domain,
    database_import,
    duplicate_operation,
    dynamic_import,
    empty_scope,
    fallback_parse,
    forbidden_import,
    forbidden_parameter,
    foreign_execution,
    header_field,
    header_layer,
    import_cycle,
    layer_direction,
    missing_deps,
    orchestrator_reach,
    oversized_class,
    reflective_dispatch,
    shadowed_module,
    stale_declaration,
    syntax_error,
    transaction_owner,
    undeclared_domains,
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
        "LAM201": orchestrator_reach,
        "LAM202": reflective_dispatch,
        "LAM203": banned_call,
        "LAM204": dynamic_import,
        "LAM301": missing_deps,
        "LAM302": undeclared_domains,
        "LAM303": stale_declaration,
        "LAM304": duplicate_operation,
        "LAM305": foreign_execution,
        "LAM306": forbidden_parameter,
        "LAM307": oversized_class,
        "LAM401": transaction_owner,
        "LAM402": database_import,
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
