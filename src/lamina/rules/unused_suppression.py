"""LAM501 unused-suppression

What it catches:
    A code in a valid inline suppression that suppressed no finding: nothing with that
    code is located on the target line (or, for ``ignore-file``, anywhere in the file).
    This includes codes no rule enables for the file and findings the overlap policy
    removed (suppress the code that is reported instead). One finding per unused code,
    at the suppression comment. Reported by the post stage, after every rule has run;
    the rule pass itself yields nothing for this code.

Why it matters:
    A suppression outlives the code it excused. Left in place it would silently excuse the
    next violation written on that line, so exceptions must disappear with their reason.

How to fix:
    Delete the suppression, or the unused code from its list. When the finding moved to
    another line of a multi-line statement, put the comment on the statement's first line
    (or on the line above it).

Fix:
    safe. ``lamina fix`` removes the whole suppression comment when none of its codes
    is used (the whole line when the comment is alone on it, and a ``# noqa`` before it stays),
    or only the unused codes from its list.

Options:
    None. Always on; the severity can be changed, or the code switched off, by listing
    it once in the pack. Cannot be suppressed or baselined.

Example:
    # lamina: ignore[LAM203] probe kept until the v2 handler split
    value = compute()          # LAM501 suppression of LAM203 matches no finding
"""

from __future__ import annotations

from collections.abc import Iterator

from lamina.config.rulespec import RuleSpec
from lamina.model.findings import Finding, Severity
from lamina.rules.base import RuleContext


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Nothing: only the post stage (``suppression/inline.py``) knows which suppressions
    were used, after all rules and the overlap policy have run."""
    return iter(())


SPEC = RuleSpec(
    code="LAM501",
    name="unused-suppression",
    family="hygiene",
    severity=Severity.WARNING,
    doc=__doc__ or "",
    reads=frozenset(),
    always_on=True,
)
