"""LAM304 duplicate-operation

What it catches:
    An operation name (a string literal) registered more than once among the registrations
    in the rule's scope, whether in one file or in several. Every site fires; the message
    counts all sites and lists the other ones (``path:line``, sorted by path, line and
    column), so each finding points at its duplicates. Names that are not literals are
    never compared (LAM301 reports them).

Why it matters:
    The registry resolves an operation by name. A second registration either fails at
    start-up or silently replaces the first handler, depending on import order.

How to fix:
    Keep one registration; rename the other operation if it does something different.

Options:
    none (the patterns come from the pack's ``operations`` section)

Example:
    # app/b.py
    registry.register("billing.payments", PaymentsHandler(), cross_domain_deps=[])   # line 12
    registry.register("billing.payments", PaymentsHandler(), cross_domain_deps=[])   # line 13
    # LAM304 operation 'billing.payments' is registered 2 times (also at app/b.py:13)   (at line 12)
    # LAM304 operation 'billing.payments' is registered 2 times (also at app/b.py:12)   (at line 13)
"""

from __future__ import annotations

from collections.abc import Iterator

from lamina.layout.operations import Registration
from lamina.model.findings import Finding, Severity
from lamina.rules.base import RuleContext
from lamina.rules.operation_findings import scoped_registrations
from lamina.config.rulespec import RuleSpec
from lamina.model.codes import Locality, Reads


def _site(registration: Registration) -> tuple[str, int, int]:
    return (registration.path, registration.fact.line, registration.fact.column)


def check(ctx: RuleContext) -> Iterator[Finding]:
    by_name: dict[str, list[Registration]] = {}
    for registration in scoped_registrations(ctx):
        if registration.name is not None:
            by_name.setdefault(registration.name, []).append(registration)
    for name in sorted(by_name):
        sites = sorted(by_name[name], key=_site)
        if len(sites) < 2:
            continue
        for registration in sites:
            others = ", ".join(f"{o.path}:{o.fact.line}" for o in sites if o is not registration)
            message = f"operation '{name}' is registered {len(sites)} times (also at {others})"
            yield ctx.call_finding(registration.path, registration.fact, message)


SPEC = RuleSpec(
    code="LAM304",
    name="duplicate-operation",
    family="operations",
    severity=Severity.ERROR,
    doc=__doc__ or "",
    reads=frozenset({Reads.CALLS, Reads.DEFINITIONS}),
    locality=Locality.GLOBAL,
)
