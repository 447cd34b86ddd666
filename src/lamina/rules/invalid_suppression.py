"""LAM502 invalid-suppression

What it catches:
    A suppression comment that cannot be honoured: no reason (the text after ``]``, with
    leading ``-``, ``—``, ``:`` and spaces stripped, must contain a letter), an unknown
    code (``unknown code 'LAM2O3' (did you mean LAM203?)``), a code that cannot be
    suppressed (LAM5xx), an empty or malformed code list, an unknown directive
    (``lamina: ignroe[...]``), or ``ignore-file`` outside the header block. A directive
    is a comment segment starting with ``lamina:`` (right after a ``#``); the marker in a
    string, a docstring or in the middle of a sentence is not one. An invalid directive
    suppresses nothing. Reported at the comment by the post stage; the rule pass itself
    yields nothing for this code.

Why it matters:
    A typo must not turn an intended exception into a silent no-op, nor a suppression
    without a reason into an unaccountable one.

How to fix:
    Write ``# lamina: ignore[LAM203, LAM204] why this is acceptable`` - known codes, a
    comma-separated list, and a reason. Whole-file exceptions use ``ignore-file`` in the
    header block (the leading comment lines of the file).

Fix:
    none: ``lamina fix`` leaves this finding alone, since it has more than one right
    answer. Follow "How to fix" above by hand.

Options:
    None. Always on; the severity can be changed, or the code switched off, by listing
    it once in the pack. Cannot be suppressed or baselined.

Example:
    eval(source)  # lamina: ignore[LAM203]
    # LAM502 suppression of LAM203 has no reason
"""

from __future__ import annotations

from collections.abc import Iterator

from lamina.config.rulespec import RuleSpec
from lamina.model.findings import Finding, Severity
from lamina.rules.base import RuleContext


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Nothing: suppression comments are judged by the post stage
    (``suppression/inline.py``), which also decides what they suppress."""
    return iter(())


SPEC = RuleSpec(
    code="LAM502",
    name="invalid-suppression",
    family="hygiene",
    severity=Severity.ERROR,
    doc=__doc__ or "",
    reads=frozenset(),
    always_on=True,
)
