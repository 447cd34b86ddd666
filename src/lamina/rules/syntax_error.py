"""LAM001 syntax-error

What it catches:
    A file that neither Python's own parser (``ast``) nor the libcst fallback parser can
    parse, or whose parse exhausts recursion or memory. Reported at the ``ast`` error
    position.

    Nothing in a file can crash or hang the run; these become LAM001 as well, with the
    reason after the ``ast`` message:
    - "too deeply nested for the fallback parser (N brackets; limit 400)" and "too long
      an expression for the fallback parser (N operators in one statement; limit 1000)":
      libcst is not tried on such text (it overflows the machine stack or takes minutes).
      Brackets and operators inside f-strings count.
    - "the fallback parser crashed on this file": the fallback parse runs in a child
      process, which died.
    - "the fallback parse exceeded the 10 s budget": the child process is stopped after
      10 seconds (process start included).
    - "the parser crashed on this file (its worker process died)", at line 1: the file
      killed the parse worker twice, the second time alone.
    Like every parse result these are cached until the file changes.

Why it matters:
    A file lamina cannot read is a file no rule can check. Silently skipping it would let
    a broken or newly added module pass every gate (a vacuous pass).

How to fix:
    Fix the syntax error (past a limit above: split the expression), or exclude the file
    from discovery (``exclude`` in the pack or ``[tool.lamina]``) when it is not meant to
    be Python (templates, fixtures).

Fix:
    none: ``lamina fix`` leaves this finding alone, since it has more than one right
    answer. Follow "How to fix" above by hand.

Options:
    None. Always on; listing LAM001 in a pack changes its severity or adds ``paths.exclude``.

Example:
    def broken(:            # LAM001 syntax error under Python 3.11 and the fallback parser: invalid syntax
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
        if facts.status is ParseStatus.SYNTAX_ERROR and facts.problem is not None:
            problem = facts.problem
            message = f"syntax error under Python {version} and the fallback parser: {problem.message}"
            yield ctx.finding(path, problem.line, problem.column, message)


SPEC = RuleSpec(
    code="LAM001",
    name="syntax-error",
    family="input",
    severity=Severity.ERROR,
    doc=__doc__ or "",
    reads=frozenset({Reads.FILES}),
    always_on=True,
)
