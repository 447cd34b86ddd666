"""LAM201 orchestrator-reach

What it catches:
    Code in scope (for HOC: L5 and L6) that reaches the orchestrator, in three ways:

    (a) an import whose resolved target matches ``targets`` — module-level, lazy
        (function-local), importlib and, by default, ``TYPE_CHECKING`` imports, and
        package-level imports such as ``from app.hoc.cus.hoc_spine import orchestrator``
        (the target then is the orchestrator package itself);
    (b) a call whose qualname lies inside ``targets``: ``import ….coordinators as c`` then
        ``c.get_x()`` (aliases and relative imports are resolved);
    (c) a call whose last segment (of the qualname when resolved, else of the callee text)
        matches a ``factories`` glob, whatever the receiver — including coordinators
        obtained by injection (``self._deps.get_signal_coordinator()``).

    A call matching both (b) and (c) yields one finding, with the (b) message (it names
    the resolved function). A call chained on another call's result
    (``get_x().record()``) is not reported again: the inner call already is. The import
    finding wins the overlap policy over LAM402, LAM102, LAM101 and LAM103 on the same
    import; LAM108 (a module that does not exist) wins over it.

Why it matters:
    Domain engines and drivers sit below the orchestrator: the orchestrator calls them,
    never the reverse. An engine that fetches a coordinator (by import or through an
    injected factory) turns the layering into a cycle and hides cross-domain work from
    the operation registry.

How to fix:
    Let the L4 handler or coordinator pass the capability the engine needs into it (a
    protocol, a callback or plain data), or move the code that needs the orchestrator
    up into L4.

Fix:
    none: ``lamina fix`` leaves this finding alone, since it has more than one right
    answer. Follow "How to fix" above by hand.

Options:
    targets: [module patterns]           (required) e.g. ["app.hoc.cus.hoc_spine.orchestrator"]
    factories: [name globs]              default ["get_*_coordinator"]
    imports: {lazy: include, type_checking: include, importlib: include}

Example:
    # app/hoc/cus/policies/L5_engines/rules_engine.py          (L5)
    from app.hoc.cus.hoc_spine.orchestrator.coordinators import audit_coordinator as ac
    # LAM201 'app.hoc.cus.policies.L5_engines.rules_engine' (L5) imports orchestrator
    #        module 'app.hoc.cus.hoc_spine.orchestrator.coordinators.audit_coordinator'
    ac.record()
    # LAM201 '…rules_engine' (L5) calls
    #        'app.hoc.cus.hoc_spine.orchestrator.coordinators.audit_coordinator.record'
    #        inside the orchestrator
    self._deps.get_signal_coordinator()
    # LAM201 '…rules_engine' (L5) calls coordinator factory 'self._deps.get_signal_coordinator'
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lamina.config.rulespec import RuleSpec
from lamina.config.schema import IMPORTS
from lamina.config.schema_types import Field, ListOf, Str
from lamina.layout.selectors import target_matcher
from lamina.model.codes import Reads
from lamina.model.findings import Finding, Severity
from lamina.model.globs import CompiledModulePattern, compile_module_pattern, name_glob
from lamina.model.options import OrchestratorReachOptions
from lamina.rules.base import RuleContext, how, scoped_imports, target_name
from lamina.rules.call_names import absolute_name, file_package, last_segment


def check(ctx: RuleContext) -> Iterator[Finding]:
    options = ctx.rule.options
    assert isinstance(options, OrchestratorReachOptions)
    yield from _imports(ctx, options)
    yield from _calls(ctx, options)


def _source(ctx: RuleContext, path: str) -> str:
    layer = ctx.import_index.placements[path].layer or "unplaced"
    return f"'{ctx.import_index.module_of(path)}' ({layer})"


def _imports(ctx: RuleContext, options: OrchestratorReachOptions) -> Iterator[Finding]:
    targets = target_matcher(options.targets, ctx.import_index.domains)
    for fact, resolved in scoped_imports(ctx, options.imports):
        if not targets.matches(resolved, None):
            continue
        message = f"{_source(ctx, resolved.source)} imports orchestrator module '{target_name(resolved)}'{how(fact)}"
        yield ctx.import_finding(resolved, message)


def _calls(ctx: RuleContext, options: OrchestratorReachOptions) -> Iterator[Finding]:
    modules = tuple(compile_module_pattern(t) for t in options.targets)
    factories = tuple(name_glob(f) for f in options.factories)
    for path in ctx.scope:
        package = file_package(ctx.import_index, path)
        for call in ctx.import_index.facts[path].calls:
            qualname = absolute_name(call, package)
            if qualname is not None and ("()" in qualname or "[]" in qualname):
                # `get_x().record()`: the inner call `get_x()` is a call fact of its own and
                # is reported there; the chained call adds nothing but a duplicate.
                continue
            if qualname is not None and _inside(qualname, modules):
                message = f"{_source(ctx, path)} calls '{qualname}' inside the orchestrator"
            else:
                written = qualname or call.text
                if written is None or not _is_factory(last_segment(written), factories):
                    continue
                message = f"{_source(ctx, path)} calls coordinator factory '{call.text}'"
            yield ctx.call_finding(path, call, message)


def _inside(qualname: str, modules: tuple[CompiledModulePattern, ...]) -> bool:
    return any(pattern.match(qualname) for pattern in modules)


def _is_factory(name: str, factories: tuple[re.Pattern[str], ...]) -> bool:
    return any(glob.fullmatch(name) for glob in factories)


SPEC = RuleSpec(
    code="LAM201",
    name="orchestrator-reach",
    family="calls",
    severity=Severity.ERROR,
    doc=__doc__ or "",
    reads=frozenset({Reads.IMPORTS, Reads.CALLS}),
    options=OrchestratorReachOptions,
    option_fields=(
        Field("targets", ListOf(Str("module")), required=True),
        Field("factories", ListOf(Str("name_glob"))),
        Field("imports", IMPORTS),
    ),
)
