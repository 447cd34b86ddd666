"""Building operations, folders and pairing of the Project (docs/packs.md#9-operations and
docs/packs.md#10-folders-report-metadata)."""

from __future__ import annotations

from lamina.config.issues import Issues, did_you_mean
from lamina.config.merge import Entry, Merged
from lamina.config.references import Names
from lamina.config.yaml_nodes import YMap, YNode, YScalar, YSeq, flag, string, strs
from lamina.model.project import (
    CallPattern,
    FolderExpect,
    FolderSpec,
    OperationsSpec,
    PairingSpec,
    Prohibition,
    SubfolderSpec,
)

_GROUPS = ("register", "execute", "domain_access")


def build_operations(merged: Merged, names: Names, issues: Issues) -> OperationsSpec | None:
    node = merged.values.get("operations")
    if not isinstance(node, YMap):
        return None
    groups: dict[str, tuple[CallPattern, ...]] = {}
    for group in _GROUPS:
        items = node.get(group)
        patterns = []
        for position, item in enumerate(items.items if isinstance(items, YSeq) else ()):
            assert isinstance(item, YMap) and isinstance(items, YSeq)
            where = f"operations.{group}[{items.written_index(position)}]"
            pattern = _call_pattern(item, group, where, issues)
            if pattern is not None:
                patterns.append(pattern)
        groups[group] = tuple(patterns)
    follow = node.get("follow_roles")
    follow_roles = []
    for item in follow.items if isinstance(follow, YSeq) else ():
        assert isinstance(item, YScalar)
        if names.role(str(item.value), item.mark, "operations.follow_roles"):
            follow_roles.append(str(item.value))
    aliases = node.get("aliases")
    pairs = tuple(
        (str(key.value), str(value.value))
        for key, value in (aliases.items if isinstance(aliases, YMap) else ())
        if isinstance(value, YScalar)
    )
    return OperationsSpec(
        register=groups["register"],
        execute=groups["execute"],
        domain_access=groups["domain_access"],
        follow_roles=tuple(follow_roles),
        aliases=pairs,
    )


def _positions(node: YNode | None, default: tuple[int | str, ...]) -> tuple[int | str, ...]:
    if not isinstance(node, YSeq):
        return default
    return tuple(item.value for item in node.items
                 if isinstance(item, YScalar) and isinstance(item.value, (int, str)))


def _call_pattern(item: YMap, group: str, where: str, issues: Issues) -> CallPattern | None:
    call, decorator = string(item.get("call")), string(item.get("decorator"))
    if (call is None) == (decorator is None):
        issues.add(f"{where} needs exactly one of 'call' or 'decorator'", item.mark)
        return None
    if decorator is not None and group != "register":
        issues.add(f"'decorator' is only valid in operations.register ({where})",
                   item.key_mark("decorator"))
        return None
    name = _positions(item.get("name"), (0,))
    if not name:
        issues.add(f"'{where}.name' must list at least one position or keyword",
                   item.key_mark("name"))
        return None
    return CallPattern(
        call=call,
        decorator=decorator,
        receiver=strs(item.get("receiver")),
        name=name,
        handler=_positions(item.get("handler"), ()),
        deps=string(item.get("deps")),
        receiver_class=strs(item.get("receiver_class")),
        receiver_factory=strs(item.get("receiver_factory")),
    )


def build_folders(merged: Merged, issues: Issues) -> tuple[FolderSpec, ...]:
    rule_names = set(merged.code_names) | merged.known_rule_ids
    return tuple(_folder(path, entry, rule_names, issues) for path, entry in merged.folders.items())


def _folder(path: str, entry: Entry, rule_names: set[str], issues: Issues) -> FolderSpec:
    node = entry.node
    subfolders = node.get("subfolders")
    subs = tuple(
        SubfolderSpec(
            path=str(key.value).rstrip("/"),
            title=string(value.get("title")) if isinstance(value, YMap) else None,
            description=string(value.get("description")) if isinstance(value, YMap) else None,
            rules=_rule_names(value.get("rules") if isinstance(value, YMap) else None,
                              f"{entry.where}.subfolders.{key.value}.rules", rule_names, issues),
        )
        for key, value in (subfolders.items if isinstance(subfolders, YMap) else ())
    )
    expects_node = node.get("expects")
    expects = []
    for position, item in enumerate(expects_node.items if isinstance(expects_node, YSeq) else ()):
        assert isinstance(item, YMap) and isinstance(expects_node, YSeq)
        where = f"{entry.where}.expects[{expects_node.written_index(position)}]"
        expect = _expect(item, where, rule_names, issues)
        if expect is not None:
            expects.append(expect)
    prohibitions = _prohibitions(node.get("must_not"), f"{entry.where}.must_not", rule_names, issues)
    return FolderSpec(
        path=path,
        title=string(node.get("title")),
        purpose=string(node.get("purpose")),
        belongs=strs(node.get("belongs")),
        must_not=tuple(item.text for item in prohibitions),
        subfolders=subs,
        expects=tuple(expects),
        allow_empty=flag(node.get("allow_empty")),
        mark=entry.key_mark,
        prohibitions=prohibitions,
    )


def _prohibitions(node: YNode | None, where: str, rule_names: set[str], issues: Issues) -> tuple[Prohibition, ...]:
    """Plain sentences and ``{text, rules}`` entries, in written order; every named rule
    must be a known code or rule id, like an ``expects`` rule."""
    out = []
    for position, item in enumerate(node.items if isinstance(node, YSeq) else ()):
        assert isinstance(node, YSeq)
        if isinstance(item, YScalar):
            out.append(Prohibition(str(item.value)))
            continue
        assert isinstance(item, YMap)
        label = f"{where}[{node.written_index(position)}]"
        rules_node, unchecked = item.get("rules"), string(item.get("unchecked"))
        if (rules_node is None) == (unchecked is None):
            issues.add(f"{label} needs exactly one of 'rules' or 'unchecked'", item.mark)
            continue
        rules = _rule_names(rules_node, f"{label}.rules", rule_names, issues)
        out.append(Prohibition(string(item.get("text")) or "", rules, unchecked))
    return tuple(out)


def _rule_names(node: YNode | None, where: str, rule_names: set[str], issues: Issues) -> tuple[str, ...]:
    for rule in node.items if isinstance(node, YSeq) else ():
        assert isinstance(rule, YScalar)
        if str(rule.value) not in rule_names:
            hint = did_you_mean(str(rule.value), rule_names)
            issues.add(f"unknown rule code or id '{rule.value}' in {where}{hint}", rule.mark)
    return strs(node)


def _expect(item: YMap, where: str, rule_names: set[str], issues: Issues) -> FolderExpect | None:
    symbol, rule = string(item.get("symbol")), string(item.get("rule"))
    if (symbol is None) == (rule is None):
        issues.add(f"{where} needs exactly one of 'symbol' or 'rule'", item.mark)
        return None
    if symbol is not None and item.get("scope") is not None:
        issues.add(f"'scope' applies only to 'rule' entries ({where})", item.key_mark("scope"))
        return None
    if rule is not None and item.get("kind") is not None:
        issues.add(f"'kind' applies only to 'symbol' entries ({where})", item.key_mark("kind"))
        return None
    if rule is not None and rule not in rule_names:
        hint = did_you_mean(rule, rule_names)
        issues.add(f"unknown rule code or id '{rule}' in {where}{hint}", item.value_mark("rule"))
        return None
    return FolderExpect(
        label=string(item.get("label")) or "",
        symbol=symbol,
        kind=string(item.get("kind"), "any") or "any",
        rule=rule,
        scope=string(item.get("scope"), "folder") or "folder",
    )


def build_pairing(merged: Merged, names: Names, issues: Issues) -> PairingSpec | None:
    values = merged.keywise.get("pairing")
    if values is None:
        return None
    entry_role = values.get("entry_role")
    if not isinstance(entry_role, YScalar):
        # Required once merged: pairing keys may come from different packs.
        if "pairing.entry_role" not in merged.keywise_invalid:
            issues.add("missing required key 'entry_role' in pairing",
                       merged.keywise_marks["pairing"])
        return None
    names.role(str(entry_role.value), entry_role.mark, "pairing.entry_role")
    lists = {}
    for key in ("wiring_layers", "bypass_layers", "bypass_targets"):
        node = values.get(key)
        for item in node.items if isinstance(node, YSeq) else ():
            assert isinstance(item, YScalar)
            names.layer(str(item.value), item.mark, f"pairing.{key}")
        lists[key] = strs(node)
    return PairingSpec(entry_role=str(entry_role.value), **lists)
