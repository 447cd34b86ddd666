"""``extends`` and the merge rules of docs/packs.md#1-where-configuration-comes-from."""

from __future__ import annotations

from config_tree import Tree

from lamina.model.findings import Severity
from lamina.model.project import HeaderSpec, Mark

BASE = """\
version: 1
name: base
roots: ["src"]
exclude: ["gen/**"]
header: {max_lines: 20, fallback: true}
domains: {from: ["app/{domain}"], exclude: ["_*"]}
layers:
  - {name: api, paths: ["app/api/**"]}
  - {name: core, paths: ["app/core/**"]}
roles:
  handler: {paths: ["app/api/*_handler.py"]}
  svc: {paths: ["app/core/*_service.py"]}
operations:
  register: [{call: "**.register"}]
  follow_roles: [svc]
folders:
  - {path: app/core, title: Core}
rules:
  - {code: LAM203, id: banned, options: {calls: ["eval"]}}
  - {code: LAM204, id: dynamic}
  - {code: LAM102, id: no-db, options: {targets: ["app.db"]}}
  - {code: LAM102, id: no-legacy, options: {targets: ["app.legacy"]}}
"""


def _child(body: str, extends: str = '["base.yaml"]') -> str:
    return f"version: 1\nextends: {extends}\n{body}"


def test_later_values_override_earlier_ones(tree: Tree) -> None:
    tree.write("base.yaml", BASE)
    project = tree.project(_child("""\
header: {max_lines: 10}
domains: {exclude: []}
layers:
  - {name: core, paths: ["lib/core/**"]}
  - {name: infra, paths: ["app/infra/**"]}
roles:
  handler: {paths: ["app/api/handlers/*.py"]}
operations:
  execute: [{call: "**.execute"}]
folders:
  - {path: app/core/, title: Kernel}
rules:
  - {code: LAM203, id: banned, severity: warning, options: {calls: ["exec"]}}
  - {code: LAM202, id: reflective}
""")).load()
    assert project.name == "pack"
    assert project.packs == ("base.yaml", "pack.yaml")
    assert project.roots == ("src",) and project.exclude == ("gen/**",)
    assert project.header == HeaderSpec(max_lines=10, fallback=True)  # key by key
    assert project.domains is not None
    assert (project.domains.from_, project.domains.exclude) == (("app/{domain}",), ())
    # Layers by name, replaced in place; new names appended.
    assert [(layer.name, layer.paths) for layer in project.layers] == [
        ("api", ("app/api/**",)), ("core", ("lib/core/**",)), ("infra", ("app/infra/**",))]
    assert project.layers[1].mark == Mark("pack.yaml", 6, 5)
    assert [(role.name, role.paths) for role in project.roles] == [
        ("handler", ("app/api/handlers/*.py",)), ("svc", ("app/core/*_service.py",))]
    # Operations are replaced as a whole: nothing of the base's block survives.
    assert project.operations is not None
    assert (project.operations.register, project.operations.follow_roles) == ((), ())
    assert [(f.path, f.title) for f in project.folders] == [("app/core", "Kernel")]
    assert [(r.id, r.severity) for r in project.rules] == [
        ("banned", Severity.WARNING), ("dynamic", Severity.WARNING),
        ("no-db", Severity.ERROR), ("no-legacy", Severity.ERROR),
        ("reflective", Severity.ERROR)]
    assert project.rules[0].mark == Mark("pack.yaml", 15, 5)


def test_disable_removes_inherited_rules_by_id_or_code(tree: Tree) -> None:
    tree.write("base.yaml", BASE)
    project = tree.project(_child("disable: [LAM102, dynamic]\n")).load()
    assert [r.id for r in project.rules] == ["banned"]


def test_disable_matching_nothing_is_an_error(tree: Tree) -> None:
    tree.write("base.yaml", BASE)
    tree.project(_child("disable: [dynamc, LAM999]\n"))
    assert tree.errors() == [
        "pack.yaml:3:11: disable 'dynamc' matches no inherited rule (did you mean 'dynamic'?)",
        "pack.yaml:3:19: disable 'LAM999' matches no inherited rule",
    ]


def test_extends_depth_first_each_pack_once(tree: Tree) -> None:
    tree.write("packs/a.yaml", 'version: 1\nextends: ["common.yaml"]\nname: a\n')
    tree.write("packs/b.yaml", 'version: 1\nextends: ["common.yaml", "../c.yaml"]\nname: b\n')
    tree.write("packs/common.yaml", "version: 1\nname: common\n")
    tree.write("c.yaml", "version: 1\n")
    tree.write("pyproject.toml",
               '[tool.lamina]\npacks = ["packs/a.yaml", "packs/b.yaml", "builtin:hoc"]\n')
    project = tree.load()
    assert project.packs == (
        "packs/common.yaml", "packs/a.yaml", "c.yaml", "packs/b.yaml", "builtin:hoc")
    assert project.name == "hoc"
    assert project.layers[0].mark.file == "builtin:hoc"


def test_extends_cycle_is_an_error(tree: Tree) -> None:
    tree.write("a.yaml", 'version: 1\nextends: ["b.yaml"]\n')
    tree.write("b.yaml", 'version: 1\nextends:\n  - a.yaml\n')
    tree.write("pyproject.toml", '[tool.lamina]\npacks = ["a.yaml"]\n')
    assert tree.errors() == ["b.yaml:3:5: extends cycle: a.yaml -> b.yaml -> a.yaml"]


def test_extends_missing_pack(tree: Tree) -> None:
    tree.project(_child("", extends='["../elsewhere/base.yaml"]'))
    (error,) = tree.errors()
    assert error.startswith("pack.yaml:2:11: pack '../elsewhere/base.yaml' not found")


def test_duplicates_within_one_pack_are_errors(tree: Tree) -> None:
    tree.project("""\
version: 1
layers:
  - {name: api, paths: ["a/**"]}
  - {name: api, paths: ["b/**"]}
folders:
  - {path: a}
  - {path: a/}
rules:
  - {code: LAM204, id: dyn}
  - {code: LAM204, id: dyn}
  - {code: LAM204}
  - {code: LAM204}
""")
    assert tree.errors() == [
        "pack.yaml:4:12: duplicate layer name 'api' (first at line 3)",
        "pack.yaml:7:12: duplicate folder path 'a' (first at line 6)",
        "pack.yaml:10:24: duplicate rule id 'dyn' (first at line 9)",
        "pack.yaml:12:5: duplicate rule id 'dynamic-import' (first at line 11)",
    ]


def test_always_on_code_listed_twice(tree: Tree) -> None:
    tree.write("base.yaml",
               "version: 1\nrules:\n  - {code: LAM003, id: quiet-fallback, severity: info}\n")
    tree.project(_child("rules:\n  - {code: LAM003, severity: error}\n"))
    assert tree.errors() == [
        "pack.yaml:4:5: always-on code LAM003 is listed twice "
        "(also as rule 'quiet-fallback' at base.yaml:3)"]
