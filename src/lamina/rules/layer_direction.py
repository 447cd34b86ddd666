"""LAM101 layer-violation

What it catches:
    An import from a file of layer Ls whose target is placed in layer Lt when the matrix
    row of Ls does not allow Lt. Row entries are ``X`` (any module of layer X), ``X:zone``,
    and ``X@same`` / ``X@other`` (both files have a domain and it is equal / differs).
    Module-level, lazy (function-local) and importlib imports count by default;
    ``TYPE_CHECKING`` imports do not. External targets and targets with no layer are never
    checked; a source file without a layer is not checked. Source layers without a row use
    ``default``: ``unchecked`` (skip) or ``lower`` (own layer and every layer listed after
    it). Targets without a file (namespace packages, missing modules) are placed by the
    layer ``modules`` patterns or by their dotted path.

    Overlap policy (one import, one finding): LAM108, LAM201, LAM402 and LAM102 win over LAM101
    on the same import, and LAM101 wins over LAM103 - a cross-domain import that also
    breaks the matrix is reported once, as LAM101. Suppress the code that is reported.
    Transitive findings are not merged.

Why it matters:
    Layering only holds if every edge points the allowed way. A lazy import inside a
    function is the classic way round a module-level check; lamina sees it.

How to fix:
    Move the code to the layer it belongs to, invert the dependency (pass a capability or
    protocol in from above), or route the call through the layer that may make it (for
    HOC: L2 → L4 handler → L5 engine).

Fix:
    none: ``lamina fix`` leaves this finding alone, since it has more than one right
    answer. Follow "How to fix" above by hand.

Options:
    matrix: {Ls: [targets]}        source layer → allowed targets
    default: unchecked | lower     rows missing from the matrix (default unchecked)
    transitive: false              also report, once per (file, banned layer), the shortest chain
                                   of allowed imports that reaches a banned layer:
                                   '{src}' ({Ls}) reaches '{tgt}' ({Lt}) via a -> b -> {tgt}
    imports: {lazy: include, type_checking: ignore, importlib: include}

Example:
    # app/hoc/cus/policies/L5_engines/rules_engine.py          (L5, policies)
    def evaluate():
        from app.hoc.cus.logs.L6_drivers.audit_driver import AuditDriver
    # LAM101 'app.hoc.cus.policies.L5_engines.rules_engine' (L5, policies) imports
    #        'app.hoc.cus.logs.L6_drivers.audit_driver' (L6, logs) lazily
"""

from __future__ import annotations

from collections.abc import Iterator

from lamina.config.rulespec import RuleSpec
from lamina.config.schema import IMPORTS
from lamina.config.schema_types import Bool, Choice, Field, ListOf, MapOf, Str
from lamina.model.codes import Reads
from lamina.model.findings import Finding, Severity
from lamina.model.options import LayerMatrixOptions, MatrixTarget
from lamina.model.placement import Placement
from lamina.rules.base import RuleContext, chain_finding, edge_kind_enabled, how, scoped_imports, target_name


def allowed(entries: tuple[MatrixTarget, ...], source: Placement, target: Placement) -> bool:
    for entry in entries:
        if entry.layer != target.layer:
            continue
        if entry.zone is not None and entry.zone != target.zone:
            continue
        if entry.domain == "same" and not (source.domain and source.domain == target.domain):
            continue
        if entry.domain == "other" and not (source.domain and target.domain and source.domain != target.domain):
            continue
        return True
    return False


def describe(placement: Placement, with_zone: bool) -> str:
    text = placement.label() if with_zone else (placement.layer or "unplaced")
    return f"{text}, {placement.domain}" if placement.domain else text


def check(ctx: RuleContext) -> Iterator[Finding]:
    options = ctx.rule.options
    assert isinstance(options, LayerMatrixOptions)
    rows = dict(options.matrix)
    order = [layer.name for layer in ctx.project.layers]
    for fact, resolved in scoped_imports(ctx, options.imports):
        source = ctx.import_index.placements[resolved.source]
        target = resolved.placement
        if source.layer is None or target.layer is None:
            continue
        row = rows.get(source.layer)
        if row is None:
            if options.default != "lower" or order.index(target.layer) >= order.index(source.layer):
                continue
        elif allowed(row, source, target):
            continue
        src = ctx.import_index.module_of(resolved.source)
        message = (
            f"'{src}' ({describe(source, False)}) imports '{target_name(resolved)}' "
            f"({describe(target, True)}){how(fact)}"
        )
        yield ctx.import_finding(resolved, message)
    if options.transitive:
        yield from _chains(ctx, options, rows, order)


def _row_allows(
    rows: dict[str, tuple[MatrixTarget, ...]], default: str, order: list[str], source: Placement, target: Placement
) -> bool:
    """Whether the matrix allows one import (unplaced ends and unchecked rows allow it)."""
    if source.layer is None or target.layer is None:
        return True
    row = rows.get(source.layer)
    if row is None:
        return default != "lower" or order.index(target.layer) >= order.index(source.layer)
    return allowed(row, source, target)


def _chains(
    ctx: RuleContext, options: LayerMatrixOptions, rows: dict[str, tuple[MatrixTarget, ...]], order: list[str]
) -> Iterator[Finding]:
    """Once per (source file, disallowed target layer): the shortest chain of allowed imports
    (two or more) that reaches a module the source's own row does not allow."""
    from lamina.graph.queries import first_chains

    index = ctx.import_index
    placements = index.placements
    module = index.module_of

    def follow(u: str, v: str, data: dict[str, object]) -> bool:
        return edge_kind_enabled(data, options.imports) and _row_allows(
            rows, options.default, order, placements[u], placements[v]
        )

    for path in ctx.scope:
        source = placements[path]
        if source.layer is None:
            continue

        def goal(v: str, source: Placement = source) -> str | None:
            target = placements[v]
            if target.layer is None or _row_allows(rows, options.default, order, source, target):
                return None
            return target.layer

        chains = first_chains(ctx.graph, path, follow, goal, module)  # type: ignore[arg-type]
        for layer in sorted(chains, key=order.index):
            chain = chains[layer]
            target = placements[chain[-1]]
            via = " -> ".join(module(p) for p in chain[1:])
            message = (
                f"'{module(path)}' ({source.layer}) reaches '{module(chain[-1])}' "
                f"({describe(target, True)}) via {via}"
            )
            yield chain_finding(ctx, chain, message, options.imports)


SPEC = RuleSpec(
    code="LAM101",
    name="layer-violation",
    family="imports",
    severity=Severity.ERROR,
    doc=__doc__ or "",
    reads=frozenset({Reads.IMPORTS}),
    options=LayerMatrixOptions,
    option_fields=(
        Field(
            "matrix",
            MapOf(ListOf(Str("matrix_target")), key=Str("layer_name")),
            doc="Source layer -> allowed targets (X, X:zone, X@same, X@other).",
        ),
        Field("default", Choice(("unchecked", "lower"), "matrix default")),
        Field("transitive", Bool()),
        Field("imports", IMPORTS),
    ),
)
