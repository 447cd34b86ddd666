"""LAM001 syntax-error

What it catches:
    A file that neither Python's own parser (``ast``) nor the libcst fallback parser can
    parse, or whose parse exhausts recursion or memory. Reported at the ``ast`` error
    position.

Why it matters:
    A file lamina cannot read is a file no rule can check. Silently skipping it would let
    a broken or newly added module pass every gate (a vacuous pass).

How to fix:
    Fix the syntax error, or exclude the file from discovery (``exclude`` in the pack or
    ``[tool.lamina]``) when it is not meant to be Python (templates, fixtures).

Options:
    None. Always on; listing LAM001 in a pack changes its severity or adds ``paths.exclude``.

Example:
    def broken(:            # LAM001 syntax error under Python 3.11 and the fallback parser: invalid syntax
"""

from __future__ import annotations

import sys
from collections.abc import Iterator

from lamina.model.findings import Finding
from lamina.model.source import ParseStatus
from lamina.rules.base import RuleContext


def check(ctx: RuleContext) -> Iterator[Finding]:
    version = f"{sys.version_info.major}.{sys.version_info.minor}"
    for path in ctx.scope:
        facts = ctx.index.facts[path]
        if facts.status is ParseStatus.SYNTAX_ERROR and facts.problem is not None:
            problem = facts.problem
            message = f"syntax error under Python {version} and the fallback parser: {problem.message}"
            yield ctx.finding(path, problem.line, problem.column, message)
