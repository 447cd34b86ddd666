"""What the operation rules (LAM301–LAM305) share: the sites they report on and where a
finding about a call sits (the callee start, RULES.md section 4 "Location")."""

from __future__ import annotations

from lamina.layout.operations import Execution, Registration, find_executions, find_registrations
from lamina.model.facts import CallFact
from lamina.model.findings import Finding
from lamina.rules.base import RuleContext


def call_finding(ctx: RuleContext, path: str, fact: CallFact, message: str) -> Finding:
    return ctx.finding(
        path,
        fact.line,
        fact.column,
        message,
        end_line=fact.end_line,
        end_column=fact.end_column,
        symbol=fact.symbol,
    )


def scoped_registrations(ctx: RuleContext) -> tuple[Registration, ...]:
    """Registrations in the rule's scope; none when the pack has no ``operations``."""
    spec = ctx.project.operations
    if spec is None:
        return ()
    return find_registrations(ctx.index, spec, ctx.scope)


def scoped_executions(ctx: RuleContext) -> tuple[Execution, ...]:
    spec = ctx.project.operations
    if spec is None:
        return ()
    return find_executions(ctx.index, spec, ctx.scope)
