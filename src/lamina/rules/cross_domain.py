"""LAM103 cross-domain-import

What it catches:
    An import where the source file and the target both have a domain and the domains
    differ, unless the target matches ``allowed_targets``. Scope it to every layer except
    the one allowed to cross domains (in HOC: all domain code except L4, whose files carry
    no domain).

    Overlap policy (one import, one finding): LAM108, LAM201, LAM402, LAM102 and LAM101 all
    win over LAM103 on the same import - a cross-domain import that is also a layer
    violation is reported once, as LAM101; LAM103 is reported only when none of those five
    fires on that import. Suppress the code that is reported.

Why it matters:
    Domains stay independent only if exactly one layer composes them. Every other
    cross-domain import is hidden coupling that the orchestrator cannot see or declare.

How to fix:
    Ask the orchestrator: let an L4 handler or coordinator combine the domains (and declare
    them in ``cross_domain_deps``), or move shared types into an allowed target such as
    ``L5_schemas``.

Fix:
    none: ``lamina fix`` leaves this finding alone, since it has more than one right
    answer. Follow "How to fix" above by hand.

Options:
    allowed_targets: [selectors]   targets any domain may import
    imports: {lazy: include, type_checking: ignore, importlib: include}

Example:
    # app/hoc/cus/policies/L5_engines/x.py
    from app.hoc.cus.incidents.L5_engines.y import z
    # LAM103 'app.hoc.cus.policies.L5_engines.x' (domain policies) imports 'app.hoc.cus.incidents.L5_engines.y' (domain incidents)
"""  # noqa: E501

from __future__ import annotations

from collections.abc import Iterator

from lamina.config.rulespec import RuleSpec
from lamina.config.schema import IMPORTS, SELECTORS
from lamina.config.schema_types import Field
from lamina.layout.selectors import target_matcher
from lamina.model.codes import Reads
from lamina.model.findings import Finding, Severity
from lamina.model.options import CrossDomainOptions
from lamina.rules.base import RuleContext, how, scoped_imports, target_name


def check(ctx: RuleContext) -> Iterator[Finding]:
    options = ctx.rule.options
    assert isinstance(options, CrossDomainOptions)
    allowed = target_matcher(options.allowed_targets, ctx.import_index.domains)
    for fact, resolved in scoped_imports(ctx, options.imports):
        source = ctx.import_index.placements[resolved.source]
        target = resolved.placement
        if not source.domain or not target.domain or source.domain == target.domain:
            continue
        target_rel = ctx.import_index.files[resolved.path].rel if resolved.path else None
        if allowed and allowed.matches(resolved, target_rel):
            continue
        src = ctx.import_index.module_of(resolved.source)
        message = (
            f"'{src}' (domain {source.domain}) imports '{target_name(resolved)}' "
            f"(domain {target.domain}){how(fact)}"
        )
        yield ctx.import_finding(resolved, message)


SPEC = RuleSpec(
    code="LAM103",
    name="cross-domain-import",
    family="imports",
    severity=Severity.ERROR,
    doc=__doc__ or "",
    reads=frozenset({Reads.IMPORTS}),
    options=CrossDomainOptions,
    option_fields=(
        Field("allowed_targets", SELECTORS),
        Field("imports", IMPORTS),
    ),
)
