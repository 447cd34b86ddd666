"""LAM304 duplicate-operation

What it catches:
    An operation name (a string literal) registered more than once among the registrations
    in the rule's scope, whether in one file or in several. Every site fires; the message
    counts all sites and lists the other ones (``path:line``, sorted by path, line and
    column), so each finding points at its duplicates. Names that are not literals are
    never compared (LAM301 reports them).

    Which calls are registrations: a pattern with ``receiver_class`` / ``receiver_factory``
    resolves the receiver statically (imports and aliases, annotations, the last local
    assignment - ``registry = get_operation_registry()``, ``registry = cls()`` -, ``self.x``
    set or annotated in ``__init__`` or the class body, a factory's return annotation in
    another module) and only its class (or a project base of it) or its factory decides: a
    ``StageRegistry`` or ``get_registry_service()`` named ``registry`` is never an operation
    call. The ``receiver`` name glob is the fallback for receivers that cannot be resolved
    (an unannotated parameter); a pattern with ``receiver`` alone matches names as before.

Why it matters:
    The registry resolves an operation by name. A second registration either fails at
    start-up or silently replaces the first handler, depending on import order.

How to fix:
    Keep one registration; rename the other operation if it does something different.

Fix:
    none: ``lamina fix`` leaves this finding alone, since it has more than one right
    answer. Follow "How to fix" above by hand.

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

from lamina.config.rulespec import RuleSpec
from lamina.layout.operations import Registration
from lamina.model.codes import Locality, Reads
from lamina.model.findings import Finding, Severity
from lamina.rules.base import RuleContext
from lamina.rules.operation_findings import scoped_registrations


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
