"""LAM107 import-cycle

What it catches:
    Modules that import each other, directly or through a chain. One finding per strongly
    connected component of the import graph (size ≥ 2, or a module importing itself): the
    shortest cycle from the component's smallest module name back to itself, neighbours
    visited in sorted order. Located at that module's import of the next module. By default
    only module-level imports count (lazy, TYPE_CHECKING and importlib imports are the usual
    way to break a cycle).

Why it matters:
    Cycles make layers meaningless - every module of the cycle sits on every layer of it -
    and cause import-order bugs.

How to fix:
    Move the shared piece down into a module both can import, or make one edge lazy /
    TYPE_CHECKING-only when it is only needed for typing.

Fix:
    none: ``lamina fix`` leaves this finding alone, since it has more than one right
    answer. Follow "How to fix" above by hand.

Options:
    imports: {lazy: ignore, type_checking: ignore, importlib: ignore}

Example:
    # a.py: import b    b.py: import c    c.py: import a
    # LAM107 import cycle: a -> b -> c -> a
"""

from __future__ import annotations

from collections.abc import Iterator

from lamina.config.rulespec import RuleSpec
from lamina.config.schema import IMPORTS
from lamina.config.schema_types import Field
from lamina.model.codes import Locality, Reads
from lamina.model.facts import ImportKind, ImportOrigin
from lamina.model.findings import Finding, Severity
from lamina.model.options import CycleOptions
from lamina.rules.base import RuleContext


def check(ctx: RuleContext) -> Iterator[Finding]:
    from lamina.graph.queries import cycles, filtered_view

    options = ctx.rule.options
    assert isinstance(options, CycleOptions)
    kinds = options.imports

    def keep(data: dict[str, object]) -> bool:
        kind, origin = data["kind"], data["origin"]
        if kind is ImportKind.TYPE_CHECKING and not kinds.type_checking:
            return False
        if kind is ImportKind.LAZY and not kinds.lazy:
            return False
        if origin in (ImportOrigin.IMPORTLIB, ImportOrigin.DUNDER_IMPORT) and not kinds.importlib:
            return False
        return True

    index = ctx.import_index
    graph = filtered_view(ctx.graph, keep)  # type: ignore[arg-type]

    def order(path: str) -> str:
        return index.files[path].module

    in_scope = set(ctx.scope)
    for cycle in cycles(graph, order):
        start, following = cycle[0], cycle[1]
        if start not in in_scope:
            continue
        facts = index.facts[start].imports
        first = min(
            (
                r
                for r in index.imports[start]
                if r.path == following and keep({"kind": facts[r.fact].kind, "origin": facts[r.fact].origin})
            ),
            key=lambda r: (facts[r.fact].line, facts[r.fact].column),
        )
        chain = " -> ".join(order(p) for p in cycle)
        yield ctx.import_finding(first, f"import cycle: {chain}")


SPEC = RuleSpec(
    code="LAM107",
    name="import-cycle",
    family="imports",
    severity=Severity.ERROR,
    doc=__doc__ or "",
    reads=frozenset({Reads.IMPORTS, Reads.GRAPH}),
    locality=Locality.GLOBAL,
    options=CycleOptions,
    option_fields=(
        Field("imports", IMPORTS),
    ),
)
