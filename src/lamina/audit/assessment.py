"""Section 5 of a folder summary (docs/reports.md#folder-summary): pass count, violations, baselined
and below-threshold counts, and "Missing" computed from the folder's ``expects`` entries
and the rule results (docs/packs.md#10-folders-report-metadata) — never static text.

Every count here names its unit and lists what it counts on the same page: repeated
violations print once per (code, message) with their count and lines, a rule count under
"Missing" counts places (file and line) and lists them by file, and the baselined and
below-threshold counts list the scripts whose pages hold those findings."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from lamina.audit.cells import failing, message_text
from lamina.audit.views import VERDICT_OK, AssessmentView, MissingItem, Places, ScriptCount, ViolationGroup
from lamina.model.escape import md_code, md_link
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
        violations=_grouped(violations, inside),
        violation_count=len(violations),
        baselined_findings=len(baselined),
        baselined_scripts=len({f.path for f in baselined}),
        below_threshold=len(below),
        missing=missing,
        clean=not violations and not missing,
        baselined_by_script=_by_script(baselined, inside),
        below_by_script=_by_script(below, inside),
    )


def _grouped(violations: list[Finding], inside: dict[str, str]) -> tuple[ViolationGroup, ...]:
    """One entry per (code, message), in the order of its first finding."""
    groups: dict[tuple[str, str], list[Finding]] = {}
    for finding in violations:
        groups.setdefault((finding.code, finding.message), []).append(finding)
    out = []
    for (code, message), found in groups.items():
        text = f"{code} {message_text(message, cell=False)}"
        if len(found) == 1:
            only = found[0]
            out.append(ViolationGroup(1, f"{md_code(f'{inside[only.path]}:{only.line}')} — {text}", ()))
        else:
            out.append(ViolationGroup(len(found), text, places(found, lambda path: inside[path], per_finding=True)))
    return tuple(out)


def places(
    findings: Iterable[Finding], shown: Callable[[str], str], *, per_finding: bool = False
) -> tuple[Places, ...]:
    """The (file, line) places of the findings, one entry per file, sorted. With
    ``per_finding`` a line holding several of them says so (``8 ×2``), so that the lines
    listed add up to the number of findings."""
    lines: dict[str, dict[int, int]] = {}
    for finding in findings:
        at = lines.setdefault(finding.path, {})
        at[finding.line] = at.get(finding.line, 0) + 1
    return tuple(
        Places(
            md_code(shown(path)),
            ", ".join(
                f"{line} ×{n}" if per_finding and n > 1 else str(line) for line, n in sorted(lines[path].items())
            ),
        )
        for path in sorted(lines, key=shown)
    )


def _by_script(findings: list[Finding], inside: dict[str, str]) -> tuple[ScriptCount, ...]:
    counts: dict[str, int] = {}
    for finding in findings:
        counts[finding.path] = counts.get(finding.path, 0) + 1
    out = []
    for path in sorted(counts, key=lambda p: inside[p]):
        rel = inside[path]
        page = rel[: -len(".py")] + ".md" if rel.endswith(".py") else rel + ".md"
        out.append(ScriptCount(md_code(rel), md_link(page), counts[path]))
    return tuple(out)


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
    found = [f for f in scope if f.status is FindingStatus.OPEN and rule in (f.code, f.rule_id)]
    if not found:
        return None
    # Places, not findings: an import and a call on one line are one place to fix. Codebase
    # places are mostly outside the folder (no page of theirs exists), so they are listed here.
    shown: Callable[[str], str] = (
        (lambda path: path) if expect.scope == "codebase" else (lambda path: _inside(folder, path))
    )
    listed = places(found, shown)
    count = sum(len(entry.lines.split(", ")) for entry in listed)
    files = len(listed)
    detail = f"{count} {'place' if count == 1 else 'places'} in {files} {'file' if files == 1 else 'files'}"
    return MissingItem(label, detail, listed)


def _inside(folder: Folder, path: str) -> str:
    for row in folder.files:
        if row.path == path:
            return folder.inside(row)
    return path


def _defines(file: ReportFile, symbol: str, kind: str) -> bool:
    if kind == "class":
        return symbol in file.classes
    if kind == "function":
        return symbol in file.functions
    return symbol in file.classes or symbol in file.functions
