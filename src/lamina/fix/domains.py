"""LAM301, LAM302, LAM303: write ``cross_domain_deps`` from the handler's reach.

The reach is the one LAM302 and LAM303 compare against (``layout.reach.ReachModel`` on the
same registrations), so a fixed declaration is exactly what those rules then accept.
LAM302 adds the missing domains after the last entry, LAM303 drops the stale entries; when
both are reported on one registration, both findings get the same edits (the declaration
they lead to together), and neither ever does the other's part alone. LAM301
adds the keyword with the reached domains, sorted; that is safe only when the handler
resolved to a definition of the project (a whole-module or unknown reach is a guess).
"""

from __future__ import annotations

from typing import Any

from lamina.fix.context import FixContext
from lamina.fix.items import append_items, drop_items, rewrite_items
from lamina.fix.nodes import bracket_of, has_comment, nodes_at
from lamina.fix.source import FixSource
from lamina.layout.operations import DepsState, Registration, declared_domains, domain_of, find_registrations
from lamina.layout.reach import ReachModel
from lamina.model.findings import Finding, FindingStatus
from lamina.model.fixes import Applicability, Fix


def _registration(finding: Finding, ctx: FixContext) -> tuple[Registration, ReachModel] | None:
    spec = ctx.project.operations
    if spec is None:
        return None
    index = ctx.index()
    if finding.path not in index.facts:
        return None
    for registration in find_registrations(index, spec, (finding.path,)):
        fact = registration.fact
        if (fact.line, fact.column, fact.end_line, fact.end_column) == (
            finding.line, finding.column, finding.end_line, finding.end_column,
        ):
            return registration, ReachModel(index, spec)
    return None


def _call(source: FixSource, finding: Finding) -> Any:
    import libcst

    end = source.offset(finding.end_line, finding.end_column)
    for call in nodes_at(source, libcst.Call, finding.line, finding.column):
        if source.span(call)[1] == end:
            return call
    return None


def _quote(entries: Any) -> str:
    import libcst

    for element in entries:
        if isinstance(element.value, libcst.SimpleString):
            return str(element.value.quote)[-1]
    return '"'


def fix_missing(finding: Finding, source: FixSource, ctx: FixContext) -> Fix | None:
    """LAM301 (and LAM302 of a registration without a declaration): the deps keyword is
    absent (a computed declaration or name has no fix)."""
    found = _registration(finding, ctx)
    call = _call(source, finding)
    if found is None or call is None:
        return None
    registration, model = found
    if registration.name is None or registration.deps_state is not DepsState.ABSENT:
        return None
    reached = sorted(model.actual_domains(registration))
    listed = ", ".join(f'"{domain}"' for domain in reached)
    edits = append_items(source, bracket_of(source, call, call.args), [f"{registration.deps_keyword}=[{listed}]"])
    if not edits:
        return None
    definition = model.handler_definition(registration)
    known = definition.path is not None and definition.qualname is not None
    return Fix(Applicability.SAFE if known else Applicability.UNSAFE,
               f"declare {registration.deps_keyword}=[{listed}]", tuple(edits))  # fmt: skip


def fix_declared(finding: Finding, source: FixSource, ctx: FixContext) -> Fix | None:
    """LAM302 and LAM303: the literal declaration becomes exactly the reach."""
    import libcst

    found = _registration(finding, ctx)
    call = _call(source, finding)
    spec = ctx.project.operations
    if found is None or call is None or spec is None:
        return None
    registration, model = found
    if registration.name is not None and registration.deps_state is DepsState.ABSENT and finding.code == "LAM302":
        return fix_missing(finding, source, ctx)  # no list to add to: the keyword LAM301 would add
    if registration.name is None or registration.deps_state is not DepsState.LITERAL:
        return None
    keyword = next((arg for arg in call.args if arg.keyword is not None
                    and arg.keyword.value == registration.deps_keyword), None)  # fmt: skip
    if keyword is None or not isinstance(keyword.value, (libcst.List, libcst.Tuple)):
        return None
    literal = keyword.value
    elements = literal.elements
    if len(elements) != len(registration.deps) or not all(isinstance(e.value, libcst.SimpleString) for e in elements):
        return None  # concatenated or starred entries: not the literal list the rules read
    actual = model.actual_domains(registration)
    declared = declared_domains(registration, spec)
    reported = {f.code for f in ctx.findings if f.status is FindingStatus.OPEN and f.code in ("LAM302", "LAM303")
                and (f.path, f.line, f.column) == (finding.path, finding.line, finding.column)}  # fmt: skip
    missing = sorted(actual - declared) if "LAM302" in reported | {finding.code} else []
    drop = ({i for i, entry in enumerate(registration.deps) if domain_of(entry, spec) not in actual}
            if "LAM303" in reported | {finding.code} else set())  # fmt: skip
    if not missing and not drop:
        return None
    quote = _quote(elements)
    added = [f"{quote}{domain}{quote}" for domain in missing]
    bracket = bracket_of(source, literal, elements)
    if isinstance(literal, libcst.Tuple) and not literal.lpar:
        return None  # a bare tuple after '=' does not exist; kept total
    kept = [source.text[item.start:item.end] for i, item in enumerate(bracket.items) if i not in drop]
    if isinstance(literal, libcst.Tuple) and len(kept) + len(added) == 1:
        edits = [source.edit(bracket.open_end, bracket.close_start, (kept + added)[0] + ",")]
    elif missing and drop:
        start, end = source.span(literal)
        if has_comment(source, start, end):
            return None
        edits = rewrite_items(source, bracket, kept + added)
    elif missing:
        edits = append_items(source, bracket, added)
    else:
        edits = drop_items(source, bracket, drop)
    if not edits:
        return None
    parts = []
    if missing:
        parts.append(f"declare {', '.join(missing)}")
    if drop:
        parts.append(f"drop {', '.join(registration.deps[i] for i in sorted(drop))}")
    return Fix(Applicability.SAFE, "; ".join(parts), tuple(sorted(edits, key=lambda e: (e.start, e.end))))
