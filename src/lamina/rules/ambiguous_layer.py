"""LAM105 ambiguous-layer

What it catches:
    A file matched by patterns of two different layers with equal specificity (number of
    literal segments, then partly wildcarded segments, then ``{domain}`` captures). The
    file then has no layer, so no layer rule can check it. Reported at line 1.

Why it matters:
    Overlapping layer globs make placement depend on pattern order, which nobody reviews.
    lamina refuses to guess.

How to fix:
    Make one of the patterns more specific (add a literal segment), or narrow the other.

Fix:
    none: ``lamina fix`` leaves this finding alone, since it has more than one right
    answer. Follow "How to fix" above by hand.

Options:
    None. Always on.

Example:
    layers: [{name: L5, paths: ["app/*/engines/**"]}, {name: L6, paths: ["app/*/engines/**"]}]
    # LAM105 file matches layers 'L5' ('app/*/engines/**') and 'L6' ('app/*/engines/**') with equal specificity
"""

from __future__ import annotations

from collections.abc import Iterator

from lamina.config.rulespec import RuleSpec
from lamina.model.codes import Locality, Reads
from lamina.model.findings import Finding, Severity
from lamina.rules.base import RuleContext


def check(ctx: RuleContext) -> Iterator[Finding]:
    for path in ctx.scope:
        tied = ctx.import_index.placements[path].ambiguous
        if not tied:
            continue
        named = " and ".join(f"'{layer}' ('{pattern}')" for layer, pattern in tied)
        yield ctx.finding(path, 1, 1, f"file matches layers {named} with equal specificity")


SPEC = RuleSpec(
    code="LAM105",
    name="ambiguous-layer",
    family="imports/layers",
    severity=Severity.ERROR,
    doc=__doc__ or "",
    reads=frozenset({Reads.FILES}),
    locality=Locality.PATH,
    always_on=True,
)
