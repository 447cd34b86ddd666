"""LAM203 with a ``replacement`` option: the banned callee becomes the replacement.

The new name is written through a binding the module already has (``import inspect as
ins`` → ``ins.iscoroutinefunction``; ``from inspect import iscoroutinefunction`` → the bare
name); without one, ``import <module>`` is added after the module's last top-level import.
The old import stays: whether anything else still uses it is the import linter's business.
A replacement that the same rule bans as well would only trade one finding for another:
that fix is display-only.
"""

from __future__ import annotations

import re
from typing import Any

from lamina.fix.context import FixContext
from lamina.fix.nodes import nodes_at
from lamina.fix.source import FixSource
from lamina.model.findings import Finding
from lamina.model.fixes import Applicability, Edit, Fix
from lamina.model.globs import compile_call_pattern
from lamina.model.options import BannedCallOptions

_BANNED = re.compile(r"call to banned '([^']+)'")


def fix(finding: Finding, source: FixSource, ctx: FixContext) -> Fix | None:
    import libcst

    rule = ctx.rule(finding.rule_id)
    match = _BANNED.match(finding.message)
    if rule is None or match is None or not isinstance(rule.options, BannedCallOptions):
        return None
    wanted = dict(rule.options.replacement).get(match.group(1))
    calls = nodes_at(source, libcst.Call, finding.line, finding.column)
    if wanted is None or not calls or "." not in wanted:
        return None
    call = calls[-1]  # the innermost call starting there is the banned one: ``f(x)(y)`` starts both
    for candidate in calls:
        if source.span(candidate)[1] == source.offset(finding.end_line, finding.end_column):
            call = candidate
    module, _, attribute = wanted.rpartition(".")
    written, extra = _binding(source, module, attribute)
    start, end = source.span(call.func)
    edits = sorted([source.edit(start, end, written), *extra], key=lambda e: (e.start, e.end))
    banned = any(compile_call_pattern(p).match(wanted) for p in rule.options.calls)
    applicability = Applicability.DISPLAY if banned else Applicability.SAFE
    return Fix(applicability, f"call '{wanted}' instead", tuple(edits))


def _binding(source: FixSource, module: str, attribute: str) -> tuple[str, list[Edit]]:
    """How the module can name ``module.attribute``, and the import edit it needs (if any)."""
    import libcst

    tree = source.tree()
    last_import: Any = None
    for statement in tree.body:
        if not isinstance(statement, libcst.SimpleStatementLine):
            continue
        for small in statement.body:
            if isinstance(small, libcst.Import):
                last_import = statement
                for alias in small.names:
                    name = _dotted(alias.name)
                    if alias.asname is not None and name == module:
                        return f"{_dotted(alias.asname.name)}.{attribute}", []
                    if alias.asname is None and name == module:
                        return f"{module}.{attribute}", []
            elif isinstance(small, libcst.ImportFrom):
                last_import = statement
                if small.relative or small.module is None or _dotted(small.module) != module:
                    continue
                if isinstance(small.names, libcst.ImportStar):
                    continue
                for alias in small.names:
                    if _dotted(alias.name) == attribute:
                        bound = _dotted(alias.asname.name) if alias.asname is not None else attribute
                        return bound, []
    line = f"import {module}{source.newline}"
    if last_import is not None:
        end_line = source.position(source.span(last_import)[1])[0]
        at = source.line_end(end_line)
    else:
        at = _first_statement(source, tree)
    if at == len(source.text) and source.text and not source.text.endswith(("\n", "\r")):
        line = source.newline + line
    return f"{module}.{attribute}", [source.edit(at, at, line)]


def _first_statement(source: FixSource, tree: Any) -> int:
    """Where a first import goes: after the docstring and ``__future__`` imports."""
    import libcst

    at = 0
    for position, statement in enumerate(tree.body):
        docstring = (position == 0 and isinstance(statement, libcst.SimpleStatementLine)
                     and isinstance(statement.body[0], libcst.Expr)
                     and isinstance(statement.body[0].value,
                                    (libcst.SimpleString, libcst.ConcatenatedString)))  # fmt: skip
        future = (isinstance(statement, libcst.SimpleStatementLine)
                  and any(isinstance(s, libcst.ImportFrom) and s.module is not None
                          and _dotted(s.module) == "__future__" for s in statement.body))  # fmt: skip
        if not (docstring or future):
            return source.starts[source.position(source.span(statement)[0])[0] - 1] if at == 0 else at
        at = source.line_end(source.position(source.span(statement)[1])[0])
    return at if at else len(source.text)


def _dotted(node: Any) -> str:
    import libcst

    if isinstance(node, libcst.Name):
        return str(node.value)
    if isinstance(node, libcst.Attribute):
        return f"{_dotted(node.value)}.{node.attr.value}"
    return ""
