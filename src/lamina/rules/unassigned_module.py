"""LAM106 unassigned-module

What it catches:
    A file in scope that belongs to no layer (no layer pattern matches it and the header
    fallback does not place it). Opt-in. Reported at line 1.

Why it matters:
    Files outside every layer are outside every layer rule. On a codebase that should be
    fully layered, a new top-level directory should not silently escape the gate.

How to fix:
    Add the file's directory to a layer's ``paths``, or exclude it from the rule's scope.

Fix:
    none: ``lamina fix`` leaves this finding alone, since it has more than one right
    answer. Follow "How to fix" above by hand.

Options:
    None.

Example:
    # app/scratch/tool.py, matched by no layer
    # LAM106 module 'app.scratch.tool' belongs to no layer
"""

from __future__ import annotations

from collections.abc import Iterator

from lamina.config.rulespec import RuleSpec
from lamina.model.codes import Locality, Reads
from lamina.model.findings import Finding, Severity
from lamina.rules.base import RuleContext


def check(ctx: RuleContext) -> Iterator[Finding]:
    for path in ctx.scope:
        placement = ctx.import_index.placements[path]
        if placement.layer is None and not placement.ambiguous:
            yield ctx.finding(path, 1, 1, f"module '{ctx.import_index.module_of(path)}' belongs to no layer")


SPEC = RuleSpec(
    code="LAM106",
    name="unassigned-module",
    family="imports/layers",
    severity=Severity.WARNING,
    doc=__doc__ or "",
    reads=frozenset({Reads.FILES}),
    locality=Locality.PATH,
)
