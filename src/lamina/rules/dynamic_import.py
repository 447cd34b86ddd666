"""LAM204 dynamic-import

What it catches:
    A call of one of ``functions`` whose module argument is missing or not a string
    literal: ``importlib.import_module(name)``, ``import_module(f"app.{x}")``,
    ``__import__(prefix + name)``. Functions are recognised through imports and aliases
    (``import importlib as il; il.import_module(…)``, ``from importlib import
    import_module as im``); a bare entry such as ``__import__`` is the builtin, unless
    the module binds that name at module level. The module argument is the first
    positional argument, or the ``name=`` keyword when there is none. Literal calls are
    import facts that every import rule checks; this rule reports the ones lamina cannot
    follow.

Why it matters:
    An import whose target is computed at run time is invisible to every import rule: it
    can cross any layer or domain boundary without a finding.

How to fix:
    Import the modules explicitly, or replace the computed import with an explicit table
    of the allowed modules (``{"csv": csv_writer, "pdf": pdf_writer}``).

Fix:
    none: ``lamina fix`` leaves this finding alone, since it has more than one right
    answer. Follow "How to fix" above by hand.

Options:
    functions: [call globs]   default [importlib.import_module, importlib.__import__, __import__]

Example:
    module = importlib.import_module(f"app.plugins.{name}")
    # LAM204 dynamic import with a non-literal module name: importlib.import_module(…)
"""

from __future__ import annotations

from collections.abc import Iterator

from lamina.config.rulespec import RuleSpec
from lamina.config.schema_types import Field, ListOf, Str
from lamina.model.codes import Reads
from lamina.model.facts import ArgFact, ArgKind, CallFact
from lamina.model.findings import Finding, Severity
from lamina.model.globs import compile_call_pattern
from lamina.model.options import DynamicImportOptions
from lamina.rules.base import RuleContext
from lamina.rules.call_names import file_package, resolved_name


def check(ctx: RuleContext) -> Iterator[Finding]:
    options = ctx.rule.options
    assert isinstance(options, DynamicImportOptions)
    patterns = tuple(compile_call_pattern(f) for f in options.functions)
    for path in ctx.scope:
        facts = ctx.import_index.facts[path]
        package = file_package(ctx.import_index, path)
        bindings = frozenset(facts.module_bindings)
        for call in facts.calls:
            name = resolved_name(call, package, bindings)
            if name is None or not any(pattern.match(name) for pattern in patterns):
                continue
            module = _module_argument(call)
            if module is not None and module.kind is ArgKind.STR:
                continue
            yield ctx.call_finding(path, call, f"dynamic import with a non-literal module name: {name}(…)")


def _module_argument(call: CallFact) -> ArgFact | None:
    if call.args:
        return call.args[0]
    for keyword in call.keywords:
        if keyword.name == "name":
            return keyword.value
    return None


SPEC = RuleSpec(
    code="LAM204",
    name="dynamic-import",
    family="calls",
    severity=Severity.WARNING,
    doc=__doc__ or "",
    reads=frozenset({Reads.CALLS}),
    options=DynamicImportOptions,
    option_fields=(
        Field("functions", ListOf(Str("call"))),
    ),
)
