"""LAM202 reflective-dispatch

What it catches:
    A call of a listed builtin (``getattr(obj, name[, default])``) whose second argument
    is not a string literal, when its result is used as a callable:

    (1) directly — the lookup is the callee of another call: ``getattr(o, n)(…)``,
        ``(await getattr(o, n))(…)``;
    (2) through a name — the result is assigned to ``m`` (plain, annotated or walrus)
        and the same function (or module body) contains a call whose callee text is
        exactly ``m`` on or after the assignment line (``await m(**kw)`` included).

    Never fires for literal names (``getattr(exc, "orig", exc)``), for lookups that are
    not called, for ``hasattr``, or when the module rebinds the function (an import, a
    ``def``, a class or an assignment at module level, or an import visible at the call).
    A dotted entry such as ``builtins.getattr`` matches calls resolved through imports.
    Reassigning ``m`` between the lookup and the call is not tracked.

Why it matters:
    Dispatch by a computed attribute name hides which methods a handler can reach: no
    reader, type checker or architecture rule can follow the call, and a new request
    field silently becomes a way to invoke any method of the engine.

How to fix:
    Use an explicit dispatch map (``{"evaluate": engine.evaluate, …}``) or separate
    handler methods, so that every reachable callee is written out.

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

from lamina.model.facts import ArgFact, ArgKind, CallFact, ModuleFacts
from lamina.model.findings import Finding
from lamina.model.options import ReflectiveDispatchOptions
from lamina.rules.base import RuleContext
from lamina.rules.call_names import absolute_name, arg_text, builtin_name, file_package


def check(ctx: RuleContext) -> Iterator[Finding]:
    options = ctx.rule.options
    assert isinstance(options, ReflectiveDispatchOptions)
    listed = frozenset(options.functions)
    for path in ctx.scope:
        facts = ctx.index.facts[path]
        package = file_package(ctx.index, path)
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
    """Indexes of the calls whose result is called, directly or through an assigned name."""
    called = {call.callee_call for call in facts.calls if call.callee_call is not None}
    if facts.assigns:
        # (symbol, name) → lines of calls whose callee is exactly that name.
        by_name: dict[tuple[str, str], list[int]] = {}
        for call in facts.calls:
            if call.text is not None and call.text.isidentifier():
                by_name.setdefault((call.symbol, call.text), []).append(call.line)
        for assign in facts.assigns:
            lines = by_name.get((assign.symbol, assign.name), ())
            if any(line >= assign.line for line in lines):
                called.add(assign.call)
    return frozenset(called)
