"""LAM305 foreign-operation-execution

What it catches:
    An execution call (matching ``operations.execute``) with a literal operation name in a
    file that has a domain, where the operation's domain (its first segment, mapped through
    ``aliases``) differs from the file's. The literal may sit on any line of the call; the
    finding sits at the call. Files without a domain and non-literal names never fire; an
    operation whose prefix is neither a domain of the tree nor mapped by ``aliases``
    (``health.ping``) has no owning domain: it is reported once, by LAM308, and never at
    its call sites.

    Which calls are executions: a pattern with ``receiver_class`` / ``receiver_factory``
    resolves the receiver statically (imports and aliases, annotations, the last local
    assignment - ``registry = get_operation_registry()``, ``registry = cls()`` -, ``self.x``
    set or annotated in ``__init__`` or the class body, a factory's return annotation in
    another module) and only its class (or a project base of it) or its factory decides: a
    ``StageRegistry`` or ``get_registry_service()`` named ``registry`` is never an operation
    call. The ``receiver`` name glob is the fallback for receivers that cannot be resolved
    (an unannotated parameter); a pattern with ``receiver`` alone matches names as before.

Why it matters:
    An API of one domain that executes another domain's operations bypasses that domain's
    own entry points and makes the boundary invisible in the API tree.

How to fix:
    Call the operation from the owning domain's API, or add an operation of this domain
    whose handler combines the domains (and declares them in ``cross_domain_deps``).

Fix:
    none: ``lamina fix`` leaves this finding alone, since it has more than one right
    answer. Follow "How to fix" above by hand.

Options:
    none (the patterns come from the pack's ``operations`` section)

Example:
    # app/hoc/api/cus/incidents/export.py   (domain incidents)
    result = await registry.execute(
        "logs.pdf",
        tenant_id=tenant_id,
    )
    # LAM305 'app.hoc.api.cus.incidents.export' (domain incidents) executes operation 'logs.pdf' of domain logs
"""

from __future__ import annotations

from collections.abc import Iterator

from lamina.config.rulespec import RuleSpec
from lamina.layout.operations import owning_domain
from lamina.model.codes import Locality, Reads
from lamina.model.findings import Finding, Severity
from lamina.rules.base import RuleContext
from lamina.rules.operation_findings import scoped_executions


def check(ctx: RuleContext) -> Iterator[Finding]:
    spec = ctx.project.operations
    if spec is None:
        return
    for execution in scoped_executions(ctx):
        domain = ctx.import_index.placements[execution.path].domain
        if execution.name is None or domain is None:
            continue
        owner = owning_domain(execution.name, spec, ctx.import_index.domains)
        if owner is None:
            continue  # an operation without an owning domain is reported once, by LAM308
        if owner != domain:
            src = ctx.import_index.module_of(execution.path)
            message = f"'{src}' (domain {domain}) executes operation '{execution.name}' of domain {owner}"
            yield ctx.call_finding(execution.path, execution.fact, message)


SPEC = RuleSpec(
    code="LAM305",
    name="foreign-operation-execution",
    family="operations",
    severity=Severity.ERROR,
    doc=__doc__ or "",
    reads=frozenset({Reads.IMPORTS, Reads.CALLS, Reads.DEFINITIONS}),
    locality=Locality.GLOBAL,
)
