"""LAM203 banned-call

What it catches:
    A call whose function matches one of the ``calls`` dotted globs. The name compared is
    the call's qualname when an import binds its first segment (aliases and relative
    imports resolved: ``import asyncio as aio; aio.iscoroutinefunction(f)`` and
    ``from inspect import iscoroutinefunction as is_co; is_co(f)`` both name
    ``….iscoroutinefunction``), otherwise the callee text as written (``asyncio.x`` used
    without a visible import is still compared by its text). A method of the same name on
    another receiver (``self.iscoroutinefunction()``) does not match. When the written
    text differs from the matched name, the message shows both.

Why it matters:
    Some APIs encode a decision the architecture has already made elsewhere: probing
    whether a handler is a coroutine function reintroduces the sync/async guessing the
    handler contract forbids, and similar probes tend to spread by copy and paste.

How to fix:
    Use the sanctioned API the rule's rationale names (for coroutine probing: declare
    handlers ``async`` and always await them).

Fix:
    safe, when the rule's ``replacement`` option maps the banned name to another dotted
    name (``replacement: {"asyncio.iscoroutinefunction": "inspect.iscoroutinefunction"}``): the
    callee is rewritten, through a binding the module already has (``import inspect as ins`` →
    ``ins.iscoroutinefunction``) or with ``import inspect`` added after the last top-level import.
    Display-only when the same rule bans the replacement as well (applying it would trade one
    finding for another). Without a replacement: no fix; follow "How to fix".

Options:
    calls: [dotted globs]   (required) e.g. ["asyncio.iscoroutinefunction", "inspect.*"]
    replacement: {banned: replacement}   dotted name `lamina fix` calls instead of a banned one

Example:
    from inspect import iscoroutinefunction as is_co
    if is_co(fn):
    # LAM203 call to banned 'inspect.iscoroutinefunction' (written 'is_co')
"""

from __future__ import annotations

from collections.abc import Iterator

from lamina.config.rulespec import RuleSpec
from lamina.config.schema_types import Field, ListOf, MapOf, Str
from lamina.model.codes import Reads
from lamina.model.findings import Finding, Severity
from lamina.model.globs import compile_call_pattern
from lamina.model.options import BannedCallOptions
from lamina.rules.base import RuleContext
from lamina.rules.call_names import absolute_name, file_package


def check(ctx: RuleContext) -> Iterator[Finding]:
    options = ctx.rule.options
    assert isinstance(options, BannedCallOptions)
    patterns = tuple(compile_call_pattern(c) for c in options.calls)
    for path in ctx.scope:
        package = file_package(ctx.import_index, path)
        for call in ctx.import_index.facts[path].calls:
            if call.text is None:
                continue
            name = absolute_name(call, package) or call.text
            if not any(pattern.match(name) for pattern in patterns):
                continue
            written = f" (written '{call.text}')" if call.text != name else ""
            yield ctx.call_finding(path, call, f"call to banned '{name}'{written}")


SPEC = RuleSpec(
    code="LAM203",
    name="banned-call",
    family="calls",
    severity=Severity.ERROR,
    doc=__doc__ or "",
    reads=frozenset({Reads.CALLS}),
    options=BannedCallOptions,
    option_fields=(
        Field("calls", ListOf(Str("call")), required=True),
        Field("replacement", MapOf(Str("module"), key=Str("module")),
              doc="Banned dotted name -> the dotted name `lamina fix` calls instead."),
    ),
)
