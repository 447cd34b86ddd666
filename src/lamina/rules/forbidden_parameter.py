"""LAM306 forbidden-parameter

What it catches:
    A parameter named in ``names``, or annotated with a type whose annotation text
    contains an identifier listed in ``annotations`` (``AsyncSession``,
    ``Optional[AsyncSession]``, ``"AsyncSession"``, ``orm.Session | None``), on a
    module-level function or a method defined directly in a class body. A lambda
    assigned to a single name at module level or in a class body (``handler = lambda
    session: …``, annotated too) counts as a function or method of that name. Nested
    functions and lambdas bound or passed anywhere else are not checked. Every parameter kind counts — positional-only, ordinary,
    keyword-only (after ``*`` or ``*args``) — except the ``*args`` / ``**kwargs`` names;
    the first parameter of a method is skipped when it is named ``self`` or ``cls``.
    ``targets`` narrows the check to ``methods`` or ``functions``. A parameter matching
    both lists yields one finding, in the annotated form.

Why it matters:
    A coordinator or bridge that receives a database session can open, commit and roll
    back work on its own; the transaction boundary then lives wherever a session happens
    to be passed, not in the one owner the architecture names.

How to fix:
    Pass the capability the code needs (a driver, a repository, a callback) instead of
    the session, and keep the session with the transaction owner.

Fix:
    none: ``lamina fix`` leaves this finding alone, since it has more than one right
    answer. Follow "How to fix" above by hand.

Options:
    names: [session]                        parameter names
    annotations: []                         identifiers in annotations, e.g. [Session, AsyncSession]
    targets: all | methods | functions      default all

Example:
    class AuditCoordinator:
        async def record(self, event: Event, *, session: AsyncSession) -> None:
    # LAM306 'AuditCoordinator.record' takes parameter 'session'
    # with annotations [AsyncSession]:
    # LAM306 'AuditCoordinator.record' takes parameter 'session' annotated 'AsyncSession'
"""  # noqa: E501

from __future__ import annotations

import re
from collections.abc import Iterator

from lamina.config.rulespec import RuleSpec
from lamina.config.schema import STRS
from lamina.config.schema_types import Choice, Field
from lamina.model.codes import Reads
from lamina.model.facts import FunctionFact, ParamFact, ParamKind
from lamina.model.findings import Finding, Severity
from lamina.model.options import ForbiddenParameterOptions
from lamina.rules.base import RuleContext

_IDENTIFIER = re.compile(r"[^\W\d]\w*")
_VARIADIC = (ParamKind.VAR_POSITIONAL, ParamKind.VAR_KEYWORD)
_RECEIVERS = ("self", "cls")


def check(ctx: RuleContext) -> Iterator[Finding]:
    options = ctx.rule.options
    assert isinstance(options, ForbiddenParameterOptions)
    names = frozenset(options.names)
    annotations = frozenset(options.annotations)
    for path in ctx.scope:
        facts = ctx.import_index.facts[path]
        for function in (*facts.functions, *facts.lambdas):
            if not _checked(function, options.targets):
                continue
            for param in _parameters(function):
                message = _message(function, param, names, annotations)
                if message is not None:
                    yield ctx.finding(path, param.line, param.column, message, symbol=function.qualname)


def _checked(function: FunctionFact, targets: str) -> bool:
    if function.nested:
        return False
    if targets == "methods":
        return function.in_class_body
    if targets == "functions":
        return not function.in_class_body
    return True


def _parameters(function: FunctionFact) -> Iterator[ParamFact]:
    for param in function.params:
        if param.kind in _VARIADIC:
            continue
        if function.in_class_body and param.position == 0 and param.name in _RECEIVERS:
            continue
        yield param


def _message(function: FunctionFact, param: ParamFact, names: frozenset[str],
             annotations: frozenset[str]) -> str | None:
    prefix = f"'{function.qualname}' takes parameter '{param.name}'"
    if annotations and param.annotation is not None:
        for identifier in _IDENTIFIER.findall(param.annotation):
            if identifier in annotations:
                return f"{prefix} annotated '{identifier}'"
    return prefix if param.name in names else None


SPEC = RuleSpec(
    code="LAM306",
    name="forbidden-parameter",
    family="declarations",
    severity=Severity.ERROR,
    doc=__doc__ or "",
    reads=frozenset({Reads.DEFINITIONS}),
    options=ForbiddenParameterOptions,
    option_fields=(
        Field("names", STRS),
        Field("annotations", STRS),
        Field("targets", Choice(("all", "methods", "functions"), "targets value")),
    ),
)
