"""LAM004 empty-scope

What it catches:
    A configured scope that selects no file: the derived domain set, a layer, a role, a
    report folder, one ``include`` entry of a rule, or a rule's final scope (include minus
    exclude). Reported at the pack line that configures the scope. A scope marked
    ``allow_empty: true`` is exempt, and so is an ``include`` entry naming an
    ``allow_empty`` layer or role. Zones and option selectors (``owners``, ``targets``)
    are not checked on their own. When one of a rule's ``include`` entries is empty, that
    entry is reported and the rule's final scope is not reported again.

Why it matters:
    A moved or renamed directory must turn the gate red. Without this check a rule whose
    globs no longer match anything passes forever - the "vacuous pass" of ad-hoc checkers.

How to fix:
    Update the globs to the new location, delete the obsolete entry, or mark it
    ``allow_empty: true`` when the scope is legitimately empty for now.

Fix:
    none: ``lamina fix`` leaves this finding alone, since it has more than one right
    answer. Follow "How to fix" above by hand.

Options:
    None. Always on; cannot be baselined.

Example:
    layers:
      - {name: L6, paths: ["app/drivers/**"]}   # LAM004 layer 'L6' has no files
"""

from __future__ import annotations

from collections.abc import Iterator

from lamina.config.rulespec import RuleSpec
from lamina.layout.selectors import parse_selector
from lamina.model.codes import Locality, Reads
from lamina.model.findings import Finding, Severity
from lamina.model.project import Mark
from lamina.rules.base import RuleContext, rule_scope, select_paths


def _at(ctx: RuleContext, mark: Mark, message: str) -> Finding:
    return ctx.finding(mark.file, max(mark.line, 1), max(mark.column, 1), message)


def check(ctx: RuleContext) -> Iterator[Finding]:
    project, index = ctx.project, ctx.import_index
    if project.domains is not None and not index.domains:
        patterns = ", ".join(f"'{p}'" for p in project.domains.from_)
        yield _at(ctx, project.domains.mark, f"no domains found by {patterns}")
    placed_layers = {p.layer for p in index.placements.values() if p.layer}
    empty_layers = {layer.name for layer in project.layers if layer.allow_empty}
    for layer in project.layers:
        if not layer.allow_empty and layer.name not in placed_layers:
            yield _at(ctx, layer.mark, f"layer '{layer.name}' has no files")
    held_roles = {role for p in index.placements.values() for role in p.roles}
    empty_roles = {role.name for role in project.roles if role.allow_empty}
    for role in project.roles:
        if not role.allow_empty and role.name not in held_roles:
            yield _at(ctx, role.mark, f"role '{role.name}' has no files")
    for folder in project.folders:
        prefix = folder.path.rstrip("/") + "/"
        if not folder.allow_empty and not any(s.rel.startswith(prefix) for s in index.files.values()):
            yield _at(ctx, folder.mark, f"folder '{folder.path}' has no Python files")
    for rule in project.rules:
        if rule.severity is None or rule.allow_empty or ctx.is_always_on(rule.code):
            continue
        reported = False
        for position, entry in enumerate(rule.include):
            selector = parse_selector(entry, index.domains)
            if selector.kind == "layer" and selector.layer in empty_layers and selector.zone is None:
                continue
            if selector.kind == "role" and selector.role in empty_roles:
                continue
            if not select_paths(index, (entry,)):
                mark = rule.include_marks[position] if position < len(rule.include_marks) else rule.mark
                yield _at(ctx, mark, f"include '{entry}' of rule '{rule.id}' matches no files")
                reported = True
        if not reported and not rule_scope(index, rule):
            yield _at(ctx, rule.mark, f"rule '{rule.id}' has an empty scope")


SPEC = RuleSpec(
    code="LAM004",
    name="empty-scope",
    family="input",
    severity=Severity.ERROR,
    doc=__doc__ or "",
    reads=frozenset({Reads.FILES}),
    locality=Locality.PATH,
    always_on=True,
)
