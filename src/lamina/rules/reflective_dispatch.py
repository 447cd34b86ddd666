"""LAM202 reflective-dispatch

What it catches:
    A call of a listed builtin (``getattr(obj, name[, default])``) whose second argument
    is not a string literal, when its result is used as a callable:

    (1) directly — the lookup is the callee of another call: ``getattr(o, n)(…)``,
        ``(await getattr(o, n))(…)``;
    (2) through a name — the result is assigned to ``m`` (plain, annotated or walrus),
        possibly passed on through plain name-to-name assignments (``z = getattr(o, n)``,
        ``w = z``), and the same function (or module body) then calls the last name
        exactly (``w()``, ``await w(**kw)``) on or after the assignment line.

    The names are followed in line order within one function: a name rebound to
    anything else (``w = other``, ``w = make()``) before the call no longer holds the
    lookup, even when the rebinding is in another branch of an ``if``; a call in
    another function is never linked to the assignment, even under the same name.
    Only single-name assignments are followed (not tuple unpacking, ``for`` targets or
    ``with … as``). Never fires for literal names (``getattr(exc, "orig", exc)``), for
    lookups that are not called, for ``hasattr``, or when the module rebinds the
    function (an import, a ``def``, a class or an assignment at module level, or an
    import visible at the call). A dotted entry such as ``builtins.getattr`` matches
    calls resolved through imports.

Why it matters:
    Dispatch by a computed attribute name hides which methods a handler can reach: no
    reader, type checker or architecture rule can follow the call, and a new request
    field silently becomes a way to invoke any method of the engine.

How to fix:
    Use an explicit dispatch map (``{"evaluate": engine.evaluate, …}``) or separate
    handler methods, so that every reachable callee is written out.

Fix:
    unsafe (``lamina fix --unsafe``). When the receiver's class is a class of the same
    module, bound in the enclosing function by an annotated parameter (``engine: Engine``), a
    constructor (``engine = Engine()``) or a module function with a return annotation
    (``engine = make_engine()``), the lookup becomes an explicit dispatch map of the class's
    public methods keyed by name: ``getattr(engine, name, None)`` →
    ``{"evaluate": engine.evaluate, ...}.get(name, None)`` (the unknown-name branch is kept;
    without a default the map is indexed, so an unknown name raises KeyError instead of
    AttributeError, and attributes set on the instance at run time are no longer reachable).
    Display-only otherwise: a template with a ``METHOD`` placeholder to fill in by hand.

Options:
    functions: [getattr]   builtins (bare names) or dotted names resolved through imports

Example:
    method = getattr(engine, method_name, None)
    # LAM202 reflective dispatch in 'PoliciesHandler.execute':
    #        getattr(engine, method_name) result is called
    if method is None:
        return fail("Unknown method", "UNKNOWN_METHOD")
    return ok(await method(**kwargs))
"""

from __future__ import annotations

from collections.abc import Iterator

from lamina.config.rulespec import RuleSpec
from lamina.config.schema import STRS
from lamina.config.schema_types import Field
from lamina.model.codes import Reads
from lamina.model.facts import ArgFact, ArgKind, AssignFact, CallFact, ModuleFacts
from lamina.model.findings import Finding, Severity
from lamina.model.options import ReflectiveDispatchOptions
from lamina.rules.base import RuleContext
from lamina.rules.call_names import absolute_name, arg_text, builtin_name, file_package


def check(ctx: RuleContext) -> Iterator[Finding]:
    options = ctx.rule.options
    assert isinstance(options, ReflectiveDispatchOptions)
    listed = frozenset(options.functions)
    for path in ctx.scope:
        facts = ctx.import_index.facts[path]
        package = file_package(ctx.import_index, path)
        bindings = frozenset(facts.module_bindings)
        called = _called_lookups(facts)
        for position, call in enumerate(facts.calls):
            name = builtin_name(call, bindings) or absolute_name(call, package)
            if name not in listed or not _dynamic_name(call) or position not in called:
                continue
            message = (
                f"reflective dispatch in '{call.symbol}': "
                f"{call.text}({arg_text(_first(call))}, {arg_text(_second(call))}) result is called"
            )
            yield ctx.call_finding(path, call, message)


def _first(call: CallFact) -> ArgFact | None:
    return call.args[0] if call.args else None


def _second(call: CallFact) -> ArgFact | None:
    return call.args[1] if len(call.args) > 1 else None


def _dynamic_name(call: CallFact) -> bool:
    """The looked-up name is not a string literal (``getattr(*pair)`` counts as dynamic)."""
    second = _second(call)
    if second is None:
        return call.has_star_args
    return second.kind is not ArgKind.STR


def _called_lookups(facts: ModuleFacts) -> frozenset[int]:
    """Indexes of the calls whose result is called, directly or through assigned names."""
    called = {call.callee_call for call in facts.calls if call.callee_call is not None}
    if not facts.assigns:
        return frozenset(called)
    # Per symbol, its assignments and calls of bare names in line order; on one line the
    # assignments come first (``if (m := getattr(o, n)): m()``).
    events: dict[str, list[tuple[int, int, AssignFact | CallFact]]] = {}
    symbols_with_assigns = {assign.symbol for assign in facts.assigns}
    for assign in facts.assigns:
        events.setdefault(assign.symbol, []).append((assign.line, 0, assign))
    for call in facts.calls:
        if call.symbol in symbols_with_assigns and call.text is not None and call.text.isidentifier():
            events[call.symbol].append((call.line, 1, call))
    for sequence in events.values():
        sequence.sort(key=lambda event: (event[0], event[1]))
        holds: dict[str, int] = {}  # name → index of the call whose result it holds
        for _, _, event in sequence:
            if isinstance(event, CallFact):
                origin = holds.get(event.text)  # type: ignore[arg-type]
                if origin is not None:
                    called.add(origin)
            elif event.call is not None:
                holds[event.name] = event.call
            elif event.source is not None and event.source in holds:
                holds[event.name] = holds[event.source]
            else:
                holds.pop(event.name, None)
    return frozenset(called)


SPEC = RuleSpec(
    code="LAM202",
    name="reflective-dispatch",
    family="calls",
    severity=Severity.ERROR,
    doc=__doc__ or "",
    reads=frozenset({Reads.CALLS}),
    options=ReflectiveDispatchOptions,
    option_fields=(
        Field("functions", STRS),
    ),
)
