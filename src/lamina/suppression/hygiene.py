"""The hygiene codes the post stage reports itself: LAM501, LAM502, LAM503 (docs/rule-semantics.md#rule-kinds).

They have no rule pass: only the post stage knows which suppressions were used and which
baseline entries matched. Their severity and ``paths.exclude`` still come from the pack
(an always-on code may be listed once to change them, or switched off); ``analysis.py``
resolves that into a ``Hygiene`` value so that this package needs no rule machinery.
"""

from __future__ import annotations

from typing import NamedTuple

from lamina.model.facts import ClassFact, FunctionFact, ModuleFacts
from lamina.model.findings import Finding, Severity

UNUSED = "LAM501"
INVALID = "LAM502"
STALE = "LAM503"
HYGIENE_CODES = (UNUSED, INVALID, STALE)


def suppressible(code: str) -> bool:
    """LAM5xx findings can be neither suppressed inline nor baselined (docs/rule-semantics.md#rule-kinds)."""
    return not code.startswith("LAM5")


class HygieneRule(NamedTuple):
    """One enabled hygiene code: its rule id, severity and the paths it reports on
    (None = every path, as for LAM503, whose findings are located in the baseline file)."""

    code: str
    rule_id: str
    severity: Severity
    scope: frozenset[str] | None = None

    def covers(self, path: str) -> bool:
        return self.scope is None or path in self.scope

    def finding(self, path: str, line: int, column: int, end_column: int, message: str,
                symbol: str = "<module>") -> Finding:
        return Finding(
            code=self.code,
            rule_id=self.rule_id,
            severity=self.severity,
            path=path,
            line=line,
            column=column,
            end_line=line,
            end_column=end_column,
            message=message,
            symbol=symbol,
        )


class Hygiene(NamedTuple):
    """The enabled hygiene codes of a run; a code switched off in the pack is None."""

    unused: HygieneRule | None = None
    invalid: HygieneRule | None = None
    stale: HygieneRule | None = None

    @staticmethod
    def of(rules: dict[str, HygieneRule]) -> Hygiene:
        return Hygiene(rules.get(UNUSED), rules.get(INVALID), rules.get(STALE))


def enclosing_symbol(facts: ModuleFacts | None, line: int) -> str:
    """The innermost function or class whose lines hold ``line`` (``Class.method``,
    ``func``, ``outer.inner``), else ``<module>`` - the symbol convention of the rules."""
    if facts is None:
        return "<module>"
    best: tuple[int, int, str] | None = None
    definitions: tuple[FunctionFact | ClassFact, ...] = (*facts.functions, *facts.classes)
    for definition in definitions:
        if definition.line <= line <= definition.end_line:
            # Innermost = latest start, then earliest end (one-line ``class A: def f(): ...``).
            candidate = (definition.line, -definition.end_line, definition.qualname)
            if best is None or candidate[:2] > best[:2]:
                best = candidate
    return best[2] if best is not None else "<module>"
