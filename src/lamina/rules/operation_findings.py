"""What the operation rules (LAM301–LAM305) share: the sites they report on (findings sit
at the call, ``RuleContext.call_finding``)."""

from __future__ import annotations

from lamina.layout.operations import Execution, Registration, find_executions, find_registrations
from lamina.rules.base import RuleContext


def scoped_registrations(ctx: RuleContext) -> tuple[Registration, ...]:
    """Registrations in the rule's scope; none when the pack has no ``operations``."""
    spec = ctx.project.operations
    if spec is None:
        return ()
    return find_registrations(ctx.import_index, spec, ctx.scope)


def scoped_executions(ctx: RuleContext) -> tuple[Execution, ...]:
    spec = ctx.project.operations
    if spec is None:
        return ()
    return find_executions(ctx.import_index, spec, ctx.scope)
