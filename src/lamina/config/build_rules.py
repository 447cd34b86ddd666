"""Building rule instances and their typed options (docs/packs.md#11-rule-instances and
docs/rule-semantics.md#rule-kinds)."""

from __future__ import annotations

from lamina.config.forms import parse_matrix_target
from lamina.config.issues import Issues
from lamina.config.merge import Entry, Merged, text
from lamina.config.references import Names
from lamina.config.rulespec import RuleSpec, SpecIndex
from lamina.config.schema_types import ListOf, Str
from lamina.config.yaml_nodes import YMap, YNode, YScalar, YSeq, flag, string, strs
from lamina.model.findings import Severity
from lamina.model.options import ImportKinds, MatrixTarget, RuleOptions
from lamina.model.project import RuleInstance

_SELECTOR_FORMS = ("selector", "module_or_selector")


def build_rules(merged: Merged, names: Names, issues: Issues, specs: SpecIndex) -> tuple[RuleInstance, ...]:
    index = specs
    rules: list[RuleInstance] = []
    always_on: dict[str, RuleInstance] = {}
    for rule_id, entry in merged.rules.items():
        rule = _rule(rule_id, entry, index, names, issues)
        if index[rule.code].always_on:
            first = always_on.get(rule.code)
            if first is not None:
                issues.add(
                    f"always-on code {rule.code} is listed twice (also as rule '{first.id}' "
                    f"at {first.mark.file}:{first.mark.line})",
                    rule.mark,
                )
                continue
            always_on[rule.code] = rule
        rules.append(rule)
    return tuple(rules)


def _rule(rule_id: str, entry: Entry, index: SpecIndex, names: Names,
          issues: Issues) -> RuleInstance:
    node = entry.node
    code = text(node.get("code"))
    info = index[code]
    written = string(node.get("severity"))
    severity: Severity | None
    if written is None:
        severity = info.severity
    else:
        severity = None if written == "off" else Severity(written)
    paths = node.get("paths")
    include_node = paths.get("include") if isinstance(paths, YMap) else None
    exclude_node = paths.get("exclude") if isinstance(paths, YMap) else None
    if info.always_on and include_node is not None and isinstance(paths, YMap):
        # Always-on codes run on every file; a pack may only narrow them by exclude.
        issues.add(
            f"always-on code {code} accepts no paths.include ({entry.where}); "
            "only severity and paths.exclude can change",
            paths.key_mark("include"),
        )
        include_node = None
    include = names.selectors(include_node, f"{entry.where}.paths.include")
    exclude = names.selectors(exclude_node, f"{entry.where}.paths.exclude")
    return RuleInstance(
        code=code,
        id=rule_id,
        severity=severity,
        include=tuple(selector for selector, _ in include),
        exclude=tuple(selector for selector, _ in exclude),
        options=build_options(info, node.get("options"), names, f"{entry.where}.options"),
        metadata=_metadata(node.get("metadata")),
        allow_empty=flag(node.get("allow_empty")),
        mark=entry.key_mark,
        include_marks=tuple(mark for _, mark in include),
    )


def _metadata(node: YNode | None) -> tuple[tuple[str, str | tuple[str, ...]], ...]:
    if not isinstance(node, YMap):
        return ()
    out: list[tuple[str, str | tuple[str, ...]]] = []
    for key, value in node.items:
        if isinstance(value, YScalar):
            out.append((str(key.value), str(value.value)))
        else:
            out.append((str(key.value), strs(value)))
    return tuple(out)


def build_options(info: RuleSpec, node: YNode | None, names: Names, where: str) -> RuleOptions:
    """The code's option record; keys not written keep the record's defaults."""
    default = info.options()
    if not isinstance(node, YMap):
        return default  # type: ignore[no-any-return]
    record = info.options_record()
    values: dict[str, object] = {}
    for key, value in node.items:
        name = str(key.value)
        field = record.field(name)
        if field is None:  # cannot happen after checking; kept total for safety
            continue
        inner = f"{where}.{name}"
        if name == "imports":
            values[field.attribute] = _imports(getattr(default, field.attribute), value)
        elif name == "matrix":
            values[field.attribute] = _matrix(value, names, inner)
        elif name == "replacement":
            values[field.attribute] = _pairs(value)
        elif isinstance(field.spec, ListOf):
            item = field.spec.item
            if isinstance(item, Str) and item.form in _SELECTOR_FORMS:
                values[field.attribute] = tuple(s for s, _ in names.selectors(value, inner))
            else:
                values[field.attribute] = strs(value)
        elif isinstance(value, YScalar):
            values[field.attribute] = value.value
    return default._replace(**values)  # type: ignore[no-any-return]


def _pairs(node: YNode) -> tuple[tuple[str, str], ...]:
    if not isinstance(node, YMap):
        return ()
    return tuple((str(k.value), str(v.value)) for k, v in node.items if isinstance(v, YScalar))


def _imports(default: ImportKinds, node: YNode) -> ImportKinds:
    """``imports: {lazy: include|ignore, …}`` over the code's own defaults (LAM201 and
    LAM107 differ from the rest)."""
    if not isinstance(node, YMap):
        return default
    changes = {str(k.value): v.value == "include" for k, v in node.items if isinstance(v, YScalar)}
    return default._replace(**changes)


def _matrix(node: YNode, names: Names,
            where: str) -> tuple[tuple[str, tuple[MatrixTarget, ...]], ...]:
    if not isinstance(node, YMap):
        return ()
    rows = []
    for key, value in node.items:
        source = str(key.value)
        names.layer(source, key.mark, where)
        targets = []
        for item in value.items if isinstance(value, YSeq) else ():
            assert isinstance(item, YScalar) and isinstance(item.value, str)
            parsed = parse_matrix_target(item.value)
            if parsed is None:
                continue  # reported by the schema check
            layer, zone, domain = parsed
            row_where = f"{where}.{source}"
            ok = (names.zone(layer, zone, item.mark, row_where) if zone is not None
                  else names.layer(layer, item.mark, row_where))
            if ok:
                targets.append(MatrixTarget(layer=layer, zone=zone, domain=domain))
        rows.append((source, tuple(targets)))
    return tuple(rows)
