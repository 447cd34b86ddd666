"""LAM005 shadowed-module

What it catches:
    Two sources that claim one module name: a package ``x/__init__.py`` and a module
    ``x.py``, or a module ``x.py`` beside a namespace directory ``x/``. Python's precedence
    decides the winner (regular package, then module, then namespace directory); the loser
    is still analysed. Reported at line 1 of the losing file, or of the winner when the
    loser is a namespace directory.

Why it matters:
    Imports of the name reach only the winner, so code in the loser is dead or reached by
    accident, and the layer map shows two files for one module.

How to fix:
    Rename one of them, or merge the module into the package's ``__init__.py``.

Fix:
    none: ``lamina fix`` leaves this finding alone, since it has more than one right
    answer. Follow "How to fix" above by hand.

Options:
    None. Always on.

Example:
    app/auth.py beside app/auth/__init__.py
    # LAM005 module 'app.auth' is also provided by 'app/auth/__init__.py', which takes precedence
"""

from __future__ import annotations

from collections.abc import Iterator

from lamina.config.rulespec import RuleSpec
from lamina.model.codes import Locality, Reads
from lamina.model.findings import Finding, Severity
from lamina.rules.base import RuleContext


def check(ctx: RuleContext) -> Iterator[Finding]:
    in_scope = set(ctx.scope)
    for shadow in ctx.shadowed:
        if shadow.loser_is_namespace:
            if shadow.winner in in_scope:
                message = (
                    f"module '{shadow.module}' is also provided by namespace directory "
                    f"'{shadow.loser}/', over which '{shadow.winner}' takes precedence"
                )
                yield ctx.finding(shadow.winner, 1, 1, message)
        elif shadow.loser in in_scope:
            message = f"module '{shadow.module}' is also provided by '{shadow.winner}', which takes precedence"
            yield ctx.finding(shadow.loser, 1, 1, message)


SPEC = RuleSpec(
    code="LAM005",
    name="shadowed-module",
    family="input",
    severity=Severity.WARNING,
    doc=__doc__ or "",
    reads=frozenset({Reads.FILES}),
    locality=Locality.PATH,
    always_on=True,
)
