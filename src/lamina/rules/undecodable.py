"""LAM002 undecodable-file

What it catches:
    A file whose bytes cannot be decoded with its BOM, its PEP 263 coding cookie or UTF-8,
    whose cookie names an unknown codec, or which contains a NUL byte. Reported at the line
    of the first bad byte.

Why it matters:
    Python itself would refuse to import the file; lamina must not skip it silently, or a
    corrupted file would make every rule pass vacuously.

How to fix:
    Re-save the file as UTF-8, or declare its real encoding in a coding cookie on line 1 or
    2 (``# -*- coding: latin-1 -*-``).

Options:
    None. Always on.

Example:
    name = '\\xff'          # LAM002 cannot decode as utf-8: invalid start byte 0xff at byte 9
"""

from __future__ import annotations

from collections.abc import Iterator

from lamina.model.findings import Finding
from lamina.model.source import ParseStatus
from lamina.rules.base import RuleContext


def check(ctx: RuleContext) -> Iterator[Finding]:
    for path in ctx.scope:
        facts = ctx.index.facts[path]
        if facts.status is ParseStatus.UNDECODABLE and facts.problem is not None:
            yield ctx.finding(path, facts.problem.line, facts.problem.column, facts.problem.message)
