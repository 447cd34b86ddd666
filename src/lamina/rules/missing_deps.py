"""LAM301 missing-cross-domain-deps

What it catches:
    A registration (a call matching ``operations.register``, or a decorator call matching a
    decorator pattern) that does not declare its cross-domain dependencies as a literal:
    the deps keyword is absent, its value is not a list/tuple literal of string literals,
    or the operation name itself is not a string literal. ``[]`` is an explicit, valid
    declaration. Registration calls spanning several lines, single or double quotes and
    implicit string concatenation are all the same call. Receiver globs match the last
    segment of the receiver, so ``skill_registry.register(...)`` is not an operation; a
    call pattern also matches a decorator call (``@registry.register("op", ...)``).

    Which calls are registrations: a pattern with ``receiver_class`` / ``receiver_factory``
    resolves the receiver statically (imports and aliases, annotations, the last local
    assignment - ``registry = get_operation_registry()``, ``registry = cls()`` -, ``self.x``
    set or annotated in ``__init__`` or the class body, a factory's return annotation in
    another module) and only its class (or a project base of it) or its factory decides: a
    ``StageRegistry`` or ``get_registry_service()`` named ``registry`` is never an operation
    call. The ``receiver`` name glob is the fallback for receivers that cannot be resolved
    (an unannotated parameter); a pattern with ``receiver`` alone matches names as before.

Why it matters:
    The declaration is the contract the orchestrator enforces and the reports show. A
    missing or computed declaration cannot be checked (LAM302/LAM303 compare against it)
    and a computed operation name cannot be found by a reader or a tool.

How to fix:
    Write the declaration next to the registration as a literal list of operation names
    of other domains (``cross_domain_deps=["billing.charge"]``, or ``[]`` when the handler
    stays in its own domain), and register under a literal name.

    A registration written with ``**options`` and no deps keyword is reported as
    "not a literal list" (the declaration may hide in the options); a registration whose
    name is not a literal is reported once, by the name message only.

Fix:
    safe when the handler resolves to a class or function of the project, unsafe
    otherwise (a whole-module or unknown reach is a guess). For a registration without the
    deps keyword, ``lamina fix`` adds ``cross_domain_deps=[...]`` with the domains the handler
    reaches (the reach LAM302 computes), sorted, ``[]`` when it reaches none, after the last
    argument in the call's layout. A computed declaration or operation name: no fix.

Options:
    none (the patterns come from the pack's ``operations`` section)

Example:
    registry.register("logs.query", LogsQueryHandler())
    # LAM301 operation 'logs.query' is registered without cross_domain_deps
    registry.register("logs.export", ExportHandler(), cross_domain_deps=DEPS)
    # LAM301 cross_domain_deps of operation 'logs.export' is not a literal list of strings
    registry.register(f"logs.{kind}", handler, cross_domain_deps=[])
    # LAM301 operation name is not a string literal in 'registry.register(…)'
    registry.register("logs.list", ListHandler(), cross_domain_deps=[])     # no finding
"""

from __future__ import annotations

from collections.abc import Iterator

from lamina.config.rulespec import RuleSpec
from lamina.layout.operations import DepsState
from lamina.model.codes import Locality, Reads
from lamina.model.findings import Finding, Severity
from lamina.rules.base import RuleContext
from lamina.rules.operation_findings import scoped_registrations


def check(ctx: RuleContext) -> Iterator[Finding]:
    for registration in scoped_registrations(ctx):
        op, keyword = registration.name, registration.deps_keyword
        if op is None:
            message = f"operation name is not a string literal in '{registration.text}(…)'"
        elif registration.deps_state is DepsState.ABSENT:
            message = f"operation '{op}' is registered without {keyword}"
        elif registration.deps_state is DepsState.NOT_LITERAL:
            message = f"{keyword} of operation '{op}' is not a literal list of strings"
        else:
            continue
        yield ctx.call_finding(registration.path, registration.fact, message)


SPEC = RuleSpec(
    code="LAM301",
    name="missing-cross-domain-deps",
    family="operations",
    severity=Severity.ERROR,
    doc=__doc__ or "",
    reads=frozenset({Reads.IMPORTS, Reads.CALLS, Reads.DEFINITIONS}),
    locality=Locality.GLOBAL,
)
