"""Merging checked packs in application order (docs/packs.md#1-where-configuration-comes-from).

Scalars and plain lists are replaced; ``header``, ``domains`` and ``pairing`` key by
key; ``layers`` by name (in place), ``roles`` by key, ``folders`` by path, ``rules`` by
id; ``operations`` as a whole. ``disable`` drops inherited rules before the pack's own.
Each merged entry keeps the schema path it was written at, for later messages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lamina.config.issues import Issues, did_you_mean
from lamina.config.packs import LoadedPack
from lamina.config.rulespec import SpecIndex
from lamina.config.yaml_nodes import YMap, YNode, YScalar, YSeq
from lamina.model.project import Mark

_CODE = re.compile(r"^LAM\d{3}$")
REPLACED = ("roots", "exclude", "operations")
KEYWISE = ("header", "domains", "pairing")


@dataclass(frozen=True, slots=True)
class Entry:
    """A merged list or mapping entry and the schema path it was written at."""

    where: str
    node: YMap
    key_mark: Mark  # the entry's line: the list item, or the mapping key for roles


@dataclass
class Merged:
    """The merge result, still as checked nodes (built into a Project by ``build_*``)."""

    name: str = ""
    values: dict[str, YNode] = field(default_factory=dict)
    keywise: dict[str, dict[str, YNode]] = field(default_factory=dict)
    keywise_marks: dict[str, Mark] = field(default_factory=dict)
    keywise_invalid: set[str] = field(default_factory=set)  # "domains.from": written, invalid
    layers: dict[str, Entry] = field(default_factory=dict)
    roles: dict[str, Entry] = field(default_factory=dict)
    folders: dict[str, Entry] = field(default_factory=dict)
    rules: dict[str, Entry] = field(default_factory=dict)
    # Every rule id any pack defined, so a folder may refer to a rule a pack disabled.
    known_rule_ids: set[str] = field(default_factory=set)
    # Every code in effect (built-in and plugin rules) with its default rule id.
    code_names: dict[str, str] = field(default_factory=dict)


def text(node: YNode | None) -> str:
    assert isinstance(node, YScalar) and isinstance(node.value, str)
    return node.value


def rule_id(entry: YMap, code_names: dict[str, str]) -> str:
    """The rule's id; an instance written without one is named after its code."""
    given = entry.get("id")
    if given is not None:
        return text(given)
    return code_names[text(entry.get("code"))]


def merge_packs(packs: list[LoadedPack], issues: Issues, specs: SpecIndex) -> Merged:
    merged = Merged(code_names={code: spec.name for code, spec in specs.items()})
    for pack in packs:
        _merge_one(merged, pack, issues)
    return merged


def _merge_one(merged: Merged, pack: LoadedPack, issues: Issues) -> None:
    node = pack.node
    name = node.get("name")
    merged.name = text(name) if name is not None else pack.stem
    for key in REPLACED:
        value = node.get(key)
        if value is not None:
            merged.values[key] = value
    for key in KEYWISE:
        value = node.get(key)
        if isinstance(value, YMap):
            merged.keywise_marks[key] = node.key_mark(key)
            target = merged.keywise.setdefault(key, {})
            for sub, sub_value in value.items:
                target[text(sub)] = sub_value
            merged.keywise_invalid.update(f"{key}.{sub}" for sub in value.invalid)
    _by_key(merged, merged.layers, _entries(node, "layers"), "name", "layer name", issues)
    roles = node.get("roles")
    if isinstance(roles, YMap):
        for role, spec in roles.items:
            assert isinstance(spec, YMap)
            merged.roles[text(role)] = Entry(f"roles.{text(role)}", spec, role.mark)
    _by_key(merged, merged.folders, _entries(node, "folders"), "path", "folder path", issues)
    _disable(merged, node, issues)
    # A rule whose id was invalid (and reported) takes no part in merging, so it cannot
    # also clash with the default id of another instance of its code.
    rules = [e for e in _entries(node, "rules") if "id" not in e.node.invalid]
    _by_key(merged, merged.rules, rules, "id", "rule id", issues)
    merged.known_rule_ids.update(rule_id(entry.node, merged.code_names) for entry in rules)


def _entries(node: YMap, key: str) -> list[Entry]:
    value = node.get(key)
    if not isinstance(value, YSeq):
        return []
    out = []
    for position, item in enumerate(value.items):
        assert isinstance(item, YMap)
        out.append(Entry(f"{key}[{value.written_index(position)}]", item, item.mark))
    return out


def _identity(merged: Merged, entry: Entry, key: str) -> str:
    if key == "id":
        return rule_id(entry.node, merged.code_names)
    value = text(entry.node.get(key))
    return value.rstrip("/") if key == "path" else value


def _by_key(merged: Merged, target: dict[str, Entry], entries: list[Entry], key: str, noun: str,
            issues: Issues) -> None:
    """Replace entries of earlier packs in place and append new ones; a name repeated
    within one pack is an error (a later pack may replace it, one pack may not)."""
    seen: dict[str, Entry] = {}
    for entry in entries:
        ident = _identity(merged, entry, key)
        if ident in seen:
            first = seen[ident].key_mark
            mark = entry.node.value_mark(key) if entry.node.get(key) is not None else entry.key_mark
            issues.add(f"duplicate {noun} '{ident}' (first at line {first.line})", mark)
            continue
        seen[ident] = entry
        target[ident] = entry


def _disable(merged: Merged, node: YMap, issues: Issues) -> None:
    disable = node.get("disable")
    if not isinstance(disable, YSeq):
        return
    for item in disable.items:
        name = text(item)
        if _CODE.match(name):
            matched = [rid for rid, e in merged.rules.items() if text(e.node.get("code")) == name]
        else:
            matched = [name] if name in merged.rules else []
        if not matched:
            codes = [text(e.node.get("code")) for e in merged.rules.values()]
            candidates = list(merged.rules) + codes
            hint = did_you_mean(name, candidates)
            assert isinstance(item, YScalar)
            issues.add(f"disable '{name}' matches no inherited rule{hint}", item.mark)
        for rid in matched:
            del merged.rules[rid]
