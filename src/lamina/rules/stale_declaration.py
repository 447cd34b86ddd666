"""LAM303 stale-domain-declaration

What it catches:
    An operation whose ``cross_domain_deps`` declares a domain its handler does not reach
    (call-level reach as in LAM302: the imports the handler definition uses, its literal
    ``domain_access`` calls, and the definitions it calls in ``follow_roles`` modules,
    re-exports followed; a whole module only where a call into one cannot be resolved to a
    definition). A domain that only another method of a bridge the handler uses reaches is
    stale. Declared names whose domain is not in the derived domain set are marked
    ``(unknown domain)``. Declaring the operation's own domain counts as stale too: the own
    domain is never part of the reach. Only literal declarations with a literal operation
    name are compared (LAM301 reports the rest).

    Which calls are registrations: a pattern with ``receiver_class`` / ``receiver_factory``
    resolves the receiver statically (imports and aliases, annotations, the last local
    assignment - ``registry = get_operation_registry()``, ``registry = cls()`` -, ``self.x``
    set or annotated in ``__init__`` or the class body, a factory's return annotation in
    another module) and only its class (or a project base of it) or its factory decides: a
    ``StageRegistry`` or ``get_registry_service()`` named ``registry`` is never an operation
    call. The ``receiver`` name glob is the fallback for receivers that cannot be resolved
    (an unannotated parameter); a pattern with ``receiver`` alone matches names as before.

Why it matters:
    A stale declaration claims coupling that does not exist: reviewers and the runtime
    allow access nobody needs, and a typo (``tracez``) hides a real missing declaration.

How to fix:
    Remove the entry, or correct its domain name.

Fix:
    safe. ``lamina fix`` drops the stale entries from the literal list, keeping its
    layout; together with LAM302 on the same registration the list becomes exactly the
    reached domains.

Options:
    none (the patterns and ``follow_roles`` come from the pack's ``operations`` section)

Example:
    registry.register("inventory.restock", RestockHandler(), cross_domain_deps=["billing.charge"])
    # LAM303 operation 'inventory.restock' declares unreached domains: billing
    registry.register("orders.audit", AuditHandler(), cross_domain_deps=["logs.x", "tracez.y"])
    # LAM303 operation 'orders.audit' declares unreached domains: logs, tracez (unknown domain)
"""

from __future__ import annotations

from collections.abc import Iterator

from lamina.config.rulespec import RuleSpec
from lamina.layout.operations import DepsState, declared_domains, owning_domain
from lamina.layout.reach import ReachModel
from lamina.model.codes import Locality, Reads
from lamina.model.findings import Finding, Severity
from lamina.rules.base import RuleContext
from lamina.rules.operation_findings import scoped_registrations


def check(ctx: RuleContext) -> Iterator[Finding]:
    spec = ctx.project.operations
    if spec is None:
        return
    model = ReachModel(ctx.import_index, spec)
    known = frozenset(ctx.import_index.domains)
    for registration in scoped_registrations(ctx):
        if registration.name is None or registration.deps_state is not DepsState.LITERAL:
            continue
        if owning_domain(registration.name, spec, known) is None:
            continue  # no owning domain: LAM308 reports the operation once
        stale = declared_domains(registration, spec) - model.actual_domains(registration)
        if stale:
            names = ", ".join(d if d in known else f"{d} (unknown domain)" for d in sorted(stale))
            message = f"operation '{registration.name}' declares unreached domains: {names}"
            yield ctx.call_finding(registration.path, registration.fact, message)


SPEC = RuleSpec(
    code="LAM303",
    name="stale-domain-declaration",
    family="operations",
    severity=Severity.WARNING,
    doc=__doc__ or "",
    reads=frozenset({Reads.IMPORTS, Reads.CALLS, Reads.DEFINITIONS}),
    locality=Locality.GLOBAL,
)
