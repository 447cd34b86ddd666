"""Section 5 of a folder summary (REPORTS.md section 3): pass count, violations, baselined
and below-threshold counts, and "Missing" computed from the folder's ``expects`` entries
and the rule results (RULES.md 2.10) — never static text."""

from __future__ import annotations

from typing import TYPE_CHECKING

from lamina.audit.cells import failing, message_text
from lamina.audit.views import VERDICT_OK, AssessmentView, MissingItem
from lamina.model.escape import md_code
from lamina.model.findings import Finding, FindingStatus
from lamina.model.project import FolderExpect
from lamina.model.report_input import ReportFile, ReportInput

if TYPE_CHECKING:
    from lamina.audit.folders import Folder

_KIND_WORD = {"class": "class", "function": "function"}


def assessment(folder: Folder, inp: ReportInput, decided: dict[str, str]) -> AssessmentView:
    fail_on = inp.result.fail_on
    row_paths = {row.path for row in folder.rows}
    mine = [f for f in inp.result.findings if f.path in row_paths]
    violations = sorted((f for f in mine if failing(f, fail_on)), key=lambda f: (f.path, f.line, f.column, f.code))
    inside = {row.path: folder.inside(row) for row in folder.rows}
    baselined = [f for f in mine if f.status is FindingStatus.BASELINED]
    below = [f for f in mine if f.status is FindingStatus.OPEN and not f.severity.at_least(fail_on)]
    missing = tuple(
        item for item in (_missing(expect, folder, inp, mine) for expect in folder.spec.expects) if item is not None
    )
    return AssessmentView(
        correct=sum(1 for row in folder.rows if decided.get(row.path, VERDICT_OK) == VERDICT_OK),
        total=len(folder.rows),
        violations=tuple(
            f"{md_code(f'{inside[f.path]}:{f.line}')} — {f.code} {message_text(f.message, cell=False)}" for f in violations
        ),
        violation_count=len(violations),
        baselined_findings=len(baselined),
        baselined_scripts=len({f.path for f in baselined}),
        below_threshold=len(below),
        missing=missing,
        clean=not violations and not missing,
    )


def _missing(expect: FolderExpect, folder: Folder, inp: ReportInput, mine: list[Finding]) -> MissingItem | None:
    if expect.symbol is not None:
        label = expect.label or expect.symbol
        if any(_defines(file, expect.symbol, expect.kind) for file in folder.files):
            return None
        word = _KIND_WORD.get(expect.kind, "definition")
        return MissingItem(label, f"no {word} named `{expect.symbol}` in this folder")
    rule = expect.rule or ""
    label = expect.label or rule
    if not any(rule in (enabled.code, enabled.id) for enabled in inp.enabled):
        return MissingItem(label, f"not checked ({rule} is not enabled)")
    scope = inp.result.findings if expect.scope == "codebase" else mine
    count = sum(1 for f in scope if f.status is FindingStatus.OPEN and rule in (f.code, f.rule_id))
    return MissingItem(label, str(count)) if count else None


def _defines(file: ReportFile, symbol: str, kind: str) -> bool:
    if kind == "class":
        return symbol in file.classes
    if kind == "function":
        return symbol in file.functions
    return symbol in file.classes or symbol in file.functions
