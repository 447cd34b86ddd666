"""Which fixer answers which code, and the fixes of one run's findings."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from lamina.fix import banned_call, dispatch, domains, header, suppression
from lamina.fix.context import FixContext
from lamina.fix.source import FixSource
from lamina.model.findings import Finding, FindingStatus
from lamina.model.fixes import FIXABLE_CODES, Fix, FixTable, finding_key

Fixer = Callable[[Finding, FixSource, FixContext], "Fix | None"]

# The codes whose fixer reads the import index (placements, reach): only these make a
# planning pass build one.
NEEDS_INDEX = frozenset({"LAM104", "LAM301", "LAM302", "LAM303", "LAM504"})


def fixers() -> dict[str, Fixer]:
    table: dict[str, Fixer] = {
        "LAM104": header.fix_claim,
        "LAM202": dispatch.fix,
        "LAM203": banned_call.fix,
        "LAM301": domains.fix_missing,
        "LAM302": domains.fix_declared,
        "LAM303": domains.fix_declared,
        "LAM501": suppression.fix,
        "LAM504": header.fix_missing,
    }
    assert set(table) == FIXABLE_CODES
    return table


def fixable(findings: Iterable[Finding]) -> list[Finding]:
    """The open findings of a code that has a fixer (the only ones worth planning)."""
    return [f for f in findings if f.status is FindingStatus.OPEN and f.code in FIXABLE_CODES]


def plan(ctx: FixContext, findings: Iterable[Finding]) -> dict[Finding, Fix]:
    """The fix of each finding that has one. A fixer never raises for odd source: a file it
    cannot read or parse, or a shape it does not know, has no fix."""
    table = fixers()
    planned: dict[Finding, Fix] = {}
    for finding in fixable(findings):
        if not finding.path.endswith(".py"):
            continue  # a configuration finding (a pack, the baseline): not source to edit
        source = ctx.source(finding.path)
        if source is None or finding.line < 1 or finding.line > source.line_count():
            continue
        found = table[finding.code](finding, source, ctx)
        if found is not None and found.edits:
            planned[finding] = found
    return planned


def fix_table(planned: dict[Finding, Fix]) -> FixTable:
    return FixTable(tuple(sorted(((finding_key(f), fix) for f, fix in planned.items()), key=lambda pair: pair[0])))
