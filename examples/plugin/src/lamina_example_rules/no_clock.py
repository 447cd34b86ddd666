"""EXA001 no-wall-clock

What it catches:
    A call that reads the wall clock (by default ``datetime.datetime.now``,
    ``datetime.datetime.utcnow``, ``datetime.date.today`` and ``time.time``), named through
    the file's imports: ``from datetime import datetime as dt; dt.now()`` is caught.

Why it matters:
    Domain engines that read the clock themselves cannot be replayed or tested at a fixed
    time; the orchestrator passes "now" in, so every engine of one run sees the same time.

How to fix:
    Take the time as a parameter (``now: datetime``) and let the caller supply it.
"""

from __future__ import annotations

from collections.abc import Iterator
from fnmatch import fnmatchcase
from typing import NamedTuple

from lamina.api import Example, Field, Finding, ListOf, Reads, RuleContext, RuleSpec, Severity, Str, called_name


class NoClockOptions(NamedTuple):
    calls: tuple[str, ...] = (
        "datetime.datetime.now",
        "datetime.datetime.utcnow",
        "datetime.date.today",
        "time.time",
    )


def check(ctx: RuleContext) -> Iterator[Finding]:
    options = ctx.rule.options
    assert isinstance(options, NoClockOptions)
    for path in ctx.scope:
        for call in ctx.import_index.facts[path].calls:
            name = called_name(ctx, path, call)
            if name is not None and any(fnmatchcase(name, pattern) for pattern in options.calls):
                yield ctx.call_finding(
                    path, call, f"reads the wall clock through '{name}'; take the time as a parameter"
                )


SPEC = RuleSpec(
    code="EXA001",
    name="no-wall-clock",
    family="calls",
    severity=Severity.ERROR,
    doc=__doc__ or "",
    reads=frozenset({Reads.CALLS}),
    options=NoClockOptions,
    option_fields=(Field("calls", ListOf(Str()), doc="Dotted globs of clock-reading functions."),),
    since="0.1.0",
    examples=(
        Example("an engine reading the clock", "from datetime import datetime\n\ndef due(): return datetime.now()"),
        Example("time passed in", "def due(now): return now", fires=False),
    ),
)
