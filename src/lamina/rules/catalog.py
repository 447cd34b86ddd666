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
    invalid_suppression,
    layer_direction,
    missing_deps,
    orchestrator_reach,
    oversized_class,
    reflective_dispatch,
    shadowed_module,
    stale_baseline,
    stale_declaration,
    syntax_error,
    transaction_owner,
    undeclared_domains,
    undecodable,
    unassigned_module,
    unused_suppression,
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

    @property
    def body(self) -> str:
        """The documentation below its ``CODE name`` title line (``lamina explain``, SARIF help)."""
        if self.doc.startswith(self.info.code):
            return self.doc.split("\n", 1)[1].lstrip("\n") if "\n" in self.doc else ""
        return self.doc


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
        # The hygiene codes are reported by the post stage (suppression/); their modules
        # carry the documentation and a check that yields nothing.
        "LAM501": unused_suppression,
        "LAM502": invalid_suppression,
        "LAM503": stale_baseline,
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
