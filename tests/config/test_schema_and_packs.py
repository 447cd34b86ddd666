"""The declarative schema, its JSON Schema, and the bundled packs' validity."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from config_tree import MINIMAL, Tree

from lamina.cli.schema import schema_text
from lamina.config import packs as pack_module

REPOSITORY_RULES = Path(__file__).resolve().parents[2] / "rules"
BUNDLED = sorted(p.stem for p in REPOSITORY_RULES.glob("*.yaml"))


def test_json_schema_describes_the_pack_format() -> None:
    schema = json.loads(schema_text())
    json.dumps(schema)  # plain JSON data
    assert schema["required"] == ["version"]
    assert schema["additionalProperties"] is False
    properties = schema["properties"]
    assert isinstance(properties, dict)
    assert set(properties) == {
        "version", "name", "extends", "roots", "exclude", "header", "domains", "layers",
        "roles", "operations", "folders", "pairing", "rules", "disable"}
    rule = properties["rules"]["items"]
    assert rule["properties"]["severity"]["enum"] == ["error", "warning", "info", "off"]
    by_code = {c["if"]["properties"]["code"]["const"]: c["then"]["properties"]["options"]
               for c in rule["allOf"]}
    assert by_code["LAM102"]["required"] == ["targets"]
    assert by_code["LAM102"]["properties"]["transitive"]["default"] is False
    assert by_code["LAM201"]["properties"]["imports"]["default"] == {
        "lazy": "include", "type_checking": "include", "importlib": "include"}
    assert by_code["LAM001"]["properties"] == {}


def test_builtin_reference_resolves_in_the_builtin_directory(
    tree: Tree, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    packs = tmp_path_factory.mktemp("packs")
    (packs / "base.yaml").write_text(MINIMAL, encoding="utf-8")
    (packs / "top.yaml").write_text('version: 1\nextends: ["base.yaml"]\n', encoding="utf-8")
    monkeypatch.setattr(pack_module, "builtin_dirs", lambda: (packs,))
    tree.write("pyproject.toml", '[tool.lamina]\npacks = ["builtin:top"]\n')
    project = tree.load()
    # A builtin pack's relative extends stays builtin; marks never carry machine paths.
    assert project.packs == ("builtin:base", "builtin:top")
    assert project.layers[0].mark.file == "builtin:base"
    tree.write("pyproject.toml", '[tool.lamina]\npacks = ["builtin:tops"]\n')
    assert tree.errors() == [
        "pyproject.toml:2:10: unknown builtin pack 'tops' (did you mean 'top'?)"]


def test_source_checkout_rules_directory_is_a_builtin_directory() -> None:
    if not REPOSITORY_RULES.is_dir():
        pytest.skip("not a source checkout")
    assert REPOSITORY_RULES in pack_module.builtin_dirs()


@pytest.mark.parametrize("name", BUNDLED)
def test_bundled_pack_loads_without_errors(name: str, tree: Tree) -> None:
    tree.write("pyproject.toml", f'[tool.lamina]\npacks = ["builtin:{name}"]\n')
    project = tree.load()
    assert project.packs[-1] == f"builtin:{name}"
    hash(project)


def test_rule_messages_name_entries_by_written_index(tree: Tree) -> None:
    tree.project(MINIMAL + "rules:\n  - {code: LAM999}\n"
                 "  - {code: LAM204, paths: {include: [role:x]}}\n")
    assert tree.errors() == [
        "pack.yaml:10:12: unknown rule code 'LAM999'",
        "pack.yaml:11:38: unknown role 'x' in rules[1].paths.include",
    ]


def test_empty_lists_where_one_entry_is_needed(tree: Tree) -> None:
    tree.project(MINIMAL + "roots: []\ndomains: {from: []}\n",
                 "[tool.lamina]\npacks = [\"pack.yaml\"]\nroots = []\n")
    assert tree.errors() == [
        "pack.yaml:9:8: 'roots' must list at least 1 entry",
        "pack.yaml:10:17: 'domains.from' must list at least 1 entry",
        "pyproject.toml:3:1: 'roots' must list at least 1 entry",
    ]
