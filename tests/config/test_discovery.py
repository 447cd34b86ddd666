"""Where the configuration comes from (docs/packs.md#1-where-configuration-comes-from) and the project root
(docs/packs.md)."""

from __future__ import annotations

from config_tree import MINIMAL, PYPROJECT, Tree


def test_pyproject_found_walking_up_from_a_subdirectory(tree: Tree) -> None:
    tree.project(MINIMAL)
    sub = tree.root / "app" / "api"
    sub.mkdir(parents=True)
    project = tree.load(cwd=sub)
    assert project.root == tree.root.as_posix()
    assert project.config_file == "pyproject.toml"


def test_pyproject_without_tool_lamina_is_skipped(tree: Tree) -> None:
    tree.project(MINIMAL)
    tree.write("pkg/pyproject.toml", '[project]\nname = "pkg"\n')
    project = tree.load(cwd=tree.root / "pkg")
    assert project.root == tree.root.as_posix()


def test_walk_stops_at_the_directory_holding_git(tree: Tree) -> None:
    tree.project(MINIMAL)
    inner = tree.root / "vendored"
    (inner / ".git").mkdir(parents=True)
    assert tree.errors(cwd=inner) == [
        "no lamina configuration found; run 'lamina init' or pass --config"]


def test_no_configuration_at_all(tree: Tree) -> None:
    assert tree.errors() == [
        "no lamina configuration found; run 'lamina init' or pass --config"]


def test_config_pack_yaml_without_pyproject_roots_at_cwd(tree: Tree) -> None:
    tree.write("conf/arch.yaml", MINIMAL)
    project = tree.load(config="conf/arch.yaml")
    assert project.root == tree.root.as_posix()
    assert project.config_file == "conf/arch.yaml"
    assert project.packs == ("conf/arch.yaml",)
    assert project.name == "arch"
    assert project.layers[0].mark.file == "conf/arch.yaml"


def test_config_pack_yaml_keeps_the_pyproject_root(tree: Tree) -> None:
    tree.project(MINIMAL)
    tree.write("other.yaml", "version: 1\nname: other\n")
    sub = tree.root / "app"
    sub.mkdir()
    project = tree.load(config="../other.yaml", cwd=sub)
    assert project.root == tree.root.as_posix()
    assert project.packs == ("other.yaml",)
    assert project.layers == ()  # the pyproject's packs are not applied


def test_config_pyproject_path(tree: Tree) -> None:
    tree.write("sub/pyproject.toml", PYPROJECT)
    tree.write("sub/pack.yaml", MINIMAL)
    project = tree.load(config="sub/pyproject.toml")
    assert project.root == (tree.root / "sub").as_posix()
    assert project.packs == ("pack.yaml",)


def test_config_file_missing(tree: Tree) -> None:
    assert tree.errors(config="nope.yaml") == ["configuration file not found: nope.yaml"]


def test_config_pyproject_without_table(tree: Tree) -> None:
    tree.write("pyproject.toml", '[project]\nname = "x"\n')
    assert tree.errors(config="pyproject.toml") == ["no [tool.lamina] table in pyproject.toml"]


def test_pack_referenced_by_packs_is_missing(tree: Tree) -> None:
    tree.write("pyproject.toml", '[tool.lamina]\npacks = [\n  "pack.yaml",\n  "missing.yaml",\n]\n')
    tree.write("pack.yaml", MINIMAL)
    assert tree.errors() == [
        "pyproject.toml:4:3: pack 'missing.yaml' not found (looked for 'missing.yaml')"]


def test_unknown_builtin_pack(tree: Tree) -> None:
    tree.write("pyproject.toml", '[tool.lamina]\npacks = ["builtin:no-such-pack"]\n')
    assert tree.errors() == ["pyproject.toml:2:10: unknown builtin pack 'no-such-pack'"]


def test_toml_syntax_error(tree: Tree) -> None:
    tree.write("pyproject.toml", '[tool.lamina]\npacks == ["pack.yaml"]\n')
    (error,) = tree.errors()
    assert error.startswith("pyproject.toml:2:8: TOML syntax error: ")


def test_toml_error_at_end_of_file(tree: Tree) -> None:
    tree.write("pyproject.toml", '[tool.lamina]\npacks = ["pack.yaml"\n')
    assert tree.errors() == [
        "pyproject.toml:2:1: TOML syntax error: Unclosed array at end of file"]


def test_unknown_tool_key_found_by_scanning_the_table(tree: Tree) -> None:
    tree.write("pyproject.toml", """\
[project]
name = "x"
packs = "not ours"

[tool.lamina]
packs = ["pack.yaml"]
  exlude = ["gen/**"]

[tool.other]
roots = 3
""")
    tree.write("pack.yaml", MINIMAL)
    assert tree.errors() == [
        "pyproject.toml:7:3: unknown key 'exlude' in [tool.lamina] (did you mean 'exclude'?)"]


def test_tool_values_are_type_checked(tree: Tree) -> None:
    tree.write("pyproject.toml", """\
[tool.lamina]
packs = ["pack.yaml"]
roots = 3
fail_on = "fatal"
jobs = -1
""")
    tree.write("pack.yaml", MINIMAL)
    assert tree.errors() == [
        "pyproject.toml:3:1: expected a list of strings for 'roots', got int",
        "pyproject.toml:4:1: invalid fail_on value 'fatal' for 'fail_on' "
        "(expected one of: error, warning, info)",
        "pyproject.toml:5:1: expected an integer >= 0 for 'jobs', got -1",
    ]


def test_tool_packs_is_required(tree: Tree) -> None:
    tree.write("pyproject.toml", '[tool.lamina]\nroots = ["src"]\n')
    assert tree.errors() == ["pyproject.toml:1:1: missing required key 'packs' in [tool.lamina]"]
