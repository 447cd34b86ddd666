"""LAM308 unowned-operation

What it catches:
    A registered operation (matching ``operations.register``, with a literal name) whose
    owning domain is unknown: its first segment is not a domain of the tree (the derived
    domain set) and no ``operations.aliases`` prefix maps it to one - ``proxy.ops`` in a
    tree without a ``proxy`` domain. Reported once per operation name, at its first
    registration (by path and line). Such operations are left out of LAM302, LAM303 and
    LAM305, so their call sites carry no findings that call a non-domain a domain.

    Which calls are registrations: a pattern with ``receiver_class`` / ``receiver_factory``
    resolves the receiver statically (imports and aliases, annotations, the last local
    assignment - ``registry = get_operation_registry()``, ``registry = cls()`` -, ``self.x``
    set or annotated in ``__init__`` or the class body, a factory's return annotation in
    another module) and only its class (or a project base of it) or its factory decides: a
    ``StageRegistry`` or ``get_registry_service()`` named ``registry`` is never an operation
    call. The ``receiver`` name glob is the fallback for receivers that cannot be resolved
    (an unannotated parameter); a pattern with ``receiver`` alone matches names as before.

Why it matters:
    The domain rules reason about an operation's owner: which domains it may reach, which
    APIs may execute it. An operation named after something that is not a domain has no
    owner, so those rules would judge it against a domain that does not exist. The problem
    is the name, and it is one problem per operation, not one per call site.

How to fix:
    Map the prefix to the domain that owns the operation in the pack's
    ``operations.aliases`` (``aliases: {proxy: integrations}``), or rename the operation
    after its owning domain.

Fix:
    none: ``lamina fix`` leaves this finding alone, since it has more than one right
    answer. Follow "How to fix" above by hand.

Options:
    none (the patterns and aliases come from the pack's ``operations`` section)

Example:
    # app/hoc/cus/hoc_spine/orchestrator/handlers/proxy_handler.py
    registry.register("proxy.ops", ProxyHandler(), cross_domain_deps=[])
    # LAM308 operation 'proxy.ops' has no owning domain: map prefix 'proxy' in operations.aliases
"""

from __future__ import annotations

from collections.abc import Iterator

from lamina.config.rulespec import RuleSpec
from lamina.layout.operations import owning_domain
from lamina.model.codes import Locality, Reads
from lamina.model.findings import Finding, Severity
from lamina.rules.base import RuleContext
from lamina.rules.operation_findings import scoped_registrations


def check(ctx: RuleContext) -> Iterator[Finding]:
    spec = ctx.project.operations
    if spec is None:
        return
    reported: set[str] = set()
    ordered = sorted(scoped_registrations(ctx), key=lambda r: (r.path, r.fact.line, r.fact.column))
    for registration in ordered:
        name = registration.name
        if name is None or name in reported or owning_domain(name, spec, ctx.import_index.domains) is not None:
            continue
        reported.add(name)
        prefix = name.split(".", 1)[0]
        message = f"operation '{name}' has no owning domain: map prefix '{prefix}' in operations.aliases"
        yield ctx.call_finding(registration.path, registration.fact, message)


SPEC = RuleSpec(
    code="LAM308",
    name="unowned-operation",
    family="operations",
    severity=Severity.ERROR,
    doc=__doc__ or "",
    reads=frozenset({Reads.IMPORTS, Reads.CALLS, Reads.DEFINITIONS}),
    locality=Locality.GLOBAL,
)
