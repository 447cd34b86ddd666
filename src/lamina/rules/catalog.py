"""The catalog: every code paired with its implementation and documentation.

An explicit table (house style 14): nothing registers itself on import. Codes without
an implementation yet are listed with ``check=None`` so that packs may already name them.
"""

from __future__ import annotations

from typing import NamedTuple
import importlib
import inspect
from collections.abc import Callable, Iterator

from lamina.model.codes import CodeInfo, code_table
from lamina.model.findings import Finding
from lamina.rules.base import RuleContext

# Import-family findings on one import are reduced to the first code of this order
# (RULES.md section 4): the most specific diagnosis wins.
OVERLAP_ORDER: tuple[str, ...] = ("LAM108", "LAM201", "LAM402", "LAM102", "LAM101", "LAM103")

Check = Callable[[RuleContext], Iterator[Finding]]


class RuleKind(NamedTuple):
    """A code and the module that implements and documents it, imported on first use: a
    run imports only the rules its pack enables (a one-file update counts milliseconds)."""

    info: CodeInfo
    module: str | None  # dotted name under lamina.rules; None when not implemented

    @property
    def check(self) -> Check | None:
        if self.module is None:
            return None
        return importlib.import_module(f"lamina.rules.{self.module}").check  # type: ignore[no-any-return]

    @property
    def doc(self) -> str:
        if self.module is None:
            name = self.info
            return f"{name.code} {name.name}\n\nNot implemented in this version of lamina; packs may list it.\n"
        written = inspect.cleandoc(importlib.import_module(f"lamina.rules.{self.module}").__doc__ or "") + "\n"
        return _with_fix_section(self.info.code, written)

    @property
    def body(self) -> str:
        """The documentation below its ``CODE name`` title line (``lamina explain``, SARIF help)."""
        if self.doc.startswith(self.info.code):
            return self.doc.split("\n", 1)[1].lstrip("\n") if "\n" in self.doc else ""
        return self.doc


def _with_fix_section(code: str, doc: str) -> str:
    """The page with its "Fix" section (``lamina fix``) right before "Options"."""
    from lamina.model.fix_docs import fix_section

    marker = "\nOptions:"
    if marker not in doc:
        return doc.rstrip("\n") + "\n\n" + fix_section(code).rstrip("\n") + "\n"
    head, tail = doc.split(marker, 1)
    return head + "\n" + fix_section(code) + marker.lstrip("\n") + tail


def _implementations() -> dict[str, str]:
    return {
        "LAM001": "syntax_error",
        "LAM002": "undecodable",
        "LAM003": "fallback_parse",
        "LAM004": "empty_scope",
        "LAM005": "shadowed_module",
        "LAM101": "layer_direction",
        "LAM102": "forbidden_import",
        "LAM103": "cross_domain",
        "LAM104": "header_layer",
        "LAM105": "ambiguous_layer",
        "LAM106": "unassigned_module",
        "LAM107": "import_cycle",
        "LAM108": "unresolved_import",
        "LAM201": "orchestrator_reach",
        "LAM202": "reflective_dispatch",
        "LAM203": "banned_call",
        "LAM204": "dynamic_import",
        "LAM301": "missing_deps",
        "LAM302": "undeclared_domains",
        "LAM303": "stale_declaration",
        "LAM304": "duplicate_operation",
        "LAM305": "foreign_execution",
        "LAM306": "forbidden_parameter",
        "LAM307": "oversized_class",
        "LAM308": "unowned_operation",
        "LAM401": "transaction_owner",
        "LAM402": "database_import",
        # The hygiene codes are reported by the post stage (suppression/); their modules
        # carry the documentation and a check that yields nothing.
        "LAM501": "unused_suppression",
        "LAM502": "invalid_suppression",
        "LAM503": "stale_baseline",
        "LAM504": "header_field",
    }


def catalog() -> dict[str, RuleKind]:
    """Every known code, in code order."""
    modules = _implementations()
    return {info.code: RuleKind(info, modules.get(info.code)) for info in code_table()}
