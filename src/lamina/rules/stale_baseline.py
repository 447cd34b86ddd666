"""LAM503 stale-baseline-entry

What it catches:
    An entry of the baseline file (``lamina-baseline.json``) whose count is not used up by
    open findings with the same fingerprint - code, path, enclosing symbol and anchor (the
    finding line's source text without comments, whitespace collapsed), never the line
    number. One finding per entry, at its line in the baseline file:
    ``baseline entry LAM202 'app/x.py' [PoliciesHandler.execute] no longer matches
    (1 of 1 unmatched)``. Reported by the post stage; the rule pass yields nothing.

Why it matters:
    Moving code up or down keeps it baselined, but fixing it, editing the line, renaming
    the symbol or moving the code to another file does not. A stale entry would otherwise
    keep accepting a future violation of the same shape, and the baseline would never
    shrink.

How to fix:
    Run ``lamina baseline --update``: it drops stale entries and lowers counts, and
    refuses to add new findings unless ``--allow-growth`` is given.

Fix:
    none: ``lamina fix`` leaves this finding alone, since it has more than one right
    answer. Follow "How to fix" above by hand.

Options:
    None. Always on; the severity can be changed, or the code switched off, by listing
    it once in the pack. Findings of LAM004, of LAM5xx and findings located in packs are
    never baselined.

Example:
    lamina-baseline.json, line 2, after the violation in app/x.py was fixed:
    {"code": "LAM202", "path": "app/x.py", "symbol": "PoliciesHandler.execute", ...}
    # LAM503 baseline entry LAM202 'app/x.py' [PoliciesHandler.execute] no longer matches (1 of 1 unmatched)
"""

from __future__ import annotations

from collections.abc import Iterator

from lamina.config.rulespec import RuleSpec
from lamina.model.codes import Locality
from lamina.model.findings import Finding, Severity
from lamina.rules.base import RuleContext


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Nothing: baseline entries are matched by the post stage
    (``suppression/baseline.py``), after inline suppressions."""
    return iter(())


SPEC = RuleSpec(
    code="LAM503",
    name="stale-baseline-entry",
    family="hygiene",
    severity=Severity.ERROR,
    doc=__doc__ or "",
    reads=frozenset(),
    locality=Locality.GLOBAL,
    always_on=True,
)
