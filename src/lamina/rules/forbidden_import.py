"""LAM102 forbidden-import

What it catches:
    An import from a file in scope whose target matches ``targets`` and not ``except``.
    Internal targets are matched by their resolved module (module patterns match a module
    and all of its submodules) or by their placement (selectors such as ``layer:L6`` or
    ``role:handler``); external targets by their dotted name (``sqlalchemy.orm``). With
    ``names``, only ``from X import n`` of a listed name fires.

    Overlap policy (one import, one finding): LAM108, LAM201 and LAM402 win over LAM102 on the
    same import, and LAM102 wins over LAM101 and LAM103 - a forbidden import that also
    breaks the layer matrix is reported once, as LAM102. Suppress the code that is
    reported. Transitive findings are not merged.

Why it matters:
    Some edges are wrong regardless of layers: legacy services nobody may use any more, a
    database package a pure layer must not touch, one model class that must come from
    its own layer.

How to fix:
    Import the replacement the pack's rationale names, or move the code.

Fix:
    none: ``lamina fix`` leaves this finding alone, since it has more than one right
    answer. Follow "How to fix" above by hand.

Options:
    targets: [module patterns or selectors]   (required)
    names: [imported names]                   only these from-imported names
    except: [module patterns or selectors]    never forbidden
    transitive: false                         also report, once per (file, targets entry), the
                                              shortest import chain (two or more imports) that
                                              reaches a forbidden module; ``names`` applies to
                                              direct imports only
    imports: {lazy: include, type_checking: ignore, importlib: include}

Example:
    # with targets ["app.db"] and names ["Incident"], in an L6 driver:
    from app.db import Incident      # LAM102 'app.hoc.cus.incidents.L6_drivers.x' imports forbidden 'app.db' (names: Incident)
    from app.db import get_engine    # no finding
"""  # noqa: E501

from __future__ import annotations

from collections.abc import Iterator

from lamina.config.rulespec import RuleSpec
from lamina.config.schema import IMPORTS, STRS
from lamina.config.schema_types import Bool, Field, ListOf, Str
from lamina.layout.selectors import TargetMatcher, target_matcher
from lamina.model.codes import Reads
from lamina.model.findings import Finding, Severity
from lamina.model.options import ForbiddenImportOptions
from lamina.rules.base import RuleContext, chain_finding, edge_kind_enabled, how, scoped_imports, target_name


def check(ctx: RuleContext) -> Iterator[Finding]:
    options = ctx.rule.options
    assert isinstance(options, ForbiddenImportOptions)
    targets = target_matcher(options.targets, ctx.import_index.domains)
    exceptions = target_matcher(options.except_, ctx.import_index.domains)
    listed = frozenset(options.names)
    for fact, resolved in scoped_imports(ctx, options.imports):
        target_rel = ctx.import_index.files[resolved.path].rel if resolved.path else None
        if not targets.matches(resolved, target_rel):
            continue
        if exceptions and exceptions.matches(resolved, target_rel):
            continue
        names_text = ""
        if listed:
            hit = sorted({n for n in resolved.names if n in listed})
            if not hit:
                continue
            names_text = f" (names: {', '.join(hit)})"
        src = ctx.import_index.module_of(resolved.source)
        message = f"'{src}' imports forbidden '{target_name(resolved)}'{names_text}{how(fact)}"
        yield ctx.import_finding(resolved, message)
    if options.transitive:
        yield from _chains(ctx, options, targets, exceptions)


def _chains(ctx: RuleContext, options: ForbiddenImportOptions, targets: TargetMatcher,
            exceptions: TargetMatcher) -> Iterator[Finding]:  # fmt: skip
    """Once per (source file, matching ``targets`` entry): the shortest chain of two or more
    imports that reaches a forbidden module."""
    from lamina.graph.queries import first_chains

    index = ctx.import_index
    module = index.module_of

    def follow(u: str, v: str, data: dict[str, object]) -> bool:
        return edge_kind_enabled(data, options.imports)

    def goal(v: str) -> str | None:
        source = index.files[v]
        entry = targets.matches_file(source.module, source.rel, index.placements[v])
        if entry is None or (exceptions and exceptions.matches_file(source.module, source.rel, index.placements[v])):
            return None
        return entry

    for path in ctx.scope:
        chains = first_chains(ctx.graph, path, follow, goal, module)  # type: ignore[arg-type]
        for entry in sorted(chains):
            chain = chains[entry]
            via = " -> ".join(module(p) for p in chain[1:])
            message = f"'{module(path)}' reaches forbidden '{module(chain[-1])}' via {via}"
            yield chain_finding(ctx, chain, message, options.imports)


SPEC = RuleSpec(
    code="LAM102",
    name="forbidden-import",
    family="imports",
    severity=Severity.ERROR,
    doc=__doc__ or "",
    reads=frozenset({Reads.IMPORTS}),
    options=ForbiddenImportOptions,
    option_fields=(
        Field("targets", ListOf(Str("module_or_selector")), required=True),
        Field("names", STRS),
        Field("except", ListOf(Str("module_or_selector")), attr="except_"),
        Field("transitive", Bool()),
        Field("imports", IMPORTS),
    ),
)
