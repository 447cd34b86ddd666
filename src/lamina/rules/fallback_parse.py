"""LAM003 fallback-parse

What it catches:
    A file that the running interpreter's ``ast`` parser rejects but libcst's parser
    accepts - typically newer grammar (PEP 701 f-strings, PEP 695 type parameters) analysed
    under an older Python. All of the file's facts then come from the fallback tree, so its
    imports and calls are still checked. Info severity.

Why it matters:
    It tells you the analysis of this file used the slower fallback path, and that the
    interpreter running lamina could not import the file itself.

How to fix:
    Usually nothing: run lamina under the Python version your code targets to use the
    fast path. Raise the severity in the pack if new grammar must not appear.

Fix:
    none: ``lamina fix`` leaves this finding alone, since it has more than one right
    answer. Follow "How to fix" above by hand.

Options:
    None. Always on.

Example:
    type Vector = list[float]     # LAM003 parsed by the fallback parser; Python 3.11 reports: invalid syntax
"""

from __future__ import annotations

import sys
from collections.abc import Iterator

from lamina.config.rulespec import RuleSpec
from lamina.model.codes import Reads
from lamina.model.findings import Finding, Severity
from lamina.model.source import ParseStatus
from lamina.rules.base import RuleContext


def check(ctx: RuleContext) -> Iterator[Finding]:
    version = f"{sys.version_info.major}.{sys.version_info.minor}"
    for path in ctx.scope:
        facts = ctx.import_index.facts[path]
        if facts.status is ParseStatus.FALLBACK and facts.problem is not None:
            problem = facts.problem
            message = f"parsed by the fallback parser; Python {version} reports: {problem.message}"
            yield ctx.finding(path, problem.line, problem.column, message)


SPEC = RuleSpec(
    code="LAM003",
    name="fallback-parse",
    family="input",
    severity=Severity.INFO,
    doc=__doc__ or "",
    reads=frozenset({Reads.FILES}),
    always_on=True,
)
