"""LAM002 undecodable-file

What it catches:
    A file whose bytes cannot be decoded with its BOM, its PEP 263 coding cookie or UTF-8,
    whose cookie names an unknown codec, or which contains a NUL byte. Reported at the line
    of the first bad byte. Also a file or a directory under the roots that cannot be read at
    all (no permission, an I/O error): ``cannot read file: ...`` or ``cannot read
    directory: ...`` at line 1 of that path.

Why it matters:
    Python itself would refuse to import the file; lamina must not skip it silently, or a
    corrupted file - or a directory of violating modules nobody can read - would make every
    rule pass vacuously.

How to fix:
    Re-save the file as UTF-8, or declare its real encoding in a coding cookie on line 1 or
    2 (``# -*- coding: latin-1 -*-``). For a path that cannot be read, fix its permissions
    (``chmod u+rx`` for a directory), or exclude it (``exclude`` or ``.gitignore``).

Fix:
    none: ``lamina fix`` leaves this finding alone, since it has more than one right
    answer. Follow "How to fix" above by hand.

Options:
    None. Always on.

Example:
    name = '\\xff'          # LAM002 cannot decode as utf-8: invalid start byte 0xff at byte 9
"""

from __future__ import annotations

from collections.abc import Iterator

from lamina.config.rulespec import RuleSpec
from lamina.model.codes import Reads
from lamina.model.findings import Finding, Severity
from lamina.model.source import ParseStatus
from lamina.rules.base import RuleContext


def check(ctx: RuleContext) -> Iterator[Finding]:
    for path, reason in ctx.unreadable:
        yield ctx.finding(path, 1, 1, reason)
    for path in ctx.scope:
        facts = ctx.import_index.facts[path]
        if facts.status is ParseStatus.UNDECODABLE and facts.problem is not None:
            yield ctx.finding(path, facts.problem.line, facts.problem.column, facts.problem.message)


SPEC = RuleSpec(
    code="LAM002",
    name="undecodable-file",
    family="input",
    severity=Severity.ERROR,
    doc=__doc__ or "",
    reads=frozenset({Reads.FILES}),
    always_on=True,
)
