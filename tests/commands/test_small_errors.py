"""Smaller hostile-input items: every exit 2 names a place and gives a hint, ``lamina rules``
reports an invalid configuration, source roots stay inside the project and packs outside
it are warned about."""

from __future__ import annotations

from pathlib import Path

import pytest
from write_support import PACK, invoke, make_project, usage_error


def test_rules_reports_an_invalid_discovered_pack(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = make_project(tmp_path / "project", pack="version: 1\nlayers: 3\n")
    result = invoke(project, monkeypatch, "rules")
    assert result.exit_code == 2, result.output
    assert result.stderr.splitlines()[0].startswith("pack.yaml:2:9: expected a list")
    assert result.stderr.splitlines()[-1].startswith("  hint: ")
    assert result.stdout == ""


def test_rules_without_any_configuration_prints_the_catalog(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".git").mkdir()
    result = invoke(tmp_path, monkeypatch, "rules")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("code    name")


def test_config_errors_end_with_a_hint(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = make_project(tmp_path / "project", pack=PACK + "unknown_key: 1\nlayers: 3\n")
    result = invoke(project, monkeypatch, "check", "--no-cache")
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert [line.split(":")[0] for line in lines[:-1]] == ["pack.yaml", "pack.yaml"]
    assert lines[-1].startswith("  hint: ")


@pytest.mark.parametrize(
    "pack, where",
    [
        ("version: 1\nlayers: [\n", "pack.yaml:3:1"),
        ("version: 1\n\tbad: tab\n", "pack.yaml:2:1"),
    ],
    ids=["unclosed", "tab"],
)
def test_yaml_syntax_errors_have_a_hint(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pack: str, where: str) -> None:
    project = make_project(tmp_path / "project", pack=pack)
    result = invoke(project, monkeypatch, "check", "--no-cache")
    usage_error(result, where, "YAML syntax error")


def test_a_non_utf8_pack_is_reported_at_the_byte(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = make_project(tmp_path / "project")
    (project / "pack.yaml").write_bytes(b"version: 1\nname: caf\xe9\n")
    result = invoke(project, monkeypatch, "check", "--no-cache")
    usage_error(result, "pack.yaml:2:10", "pack is not UTF-8")


def test_a_non_utf8_pyproject_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = make_project(tmp_path / "project")
    (project / "pyproject.toml").write_bytes(b'[tool.lamina]\npacks = ["pack.yaml"]\n# caf\xe9\n')
    result = invoke(project, monkeypatch, "check", "--no-cache")
    usage_error(result, "pyproject.toml", "not UTF-8")


def test_toml_syntax_errors_have_a_hint(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = make_project(tmp_path / "project", tool="jobs = = 3\n")
    result = invoke(project, monkeypatch, "check", "--no-cache")
    usage_error(result, "pyproject.toml:3:8", "TOML syntax error")


def test_no_configuration_has_a_hint(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".git").mkdir()
    result = invoke(tmp_path, monkeypatch, "check")
    assert result.exit_code == 2
    first, hint = result.stderr.splitlines()
    assert first.startswith("no lamina configuration found")
    assert hint.startswith("  hint: ")


def test_a_path_outside_the_project_has_a_hint(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = make_project(tmp_path / "project")
    result = invoke(project, monkeypatch, "check", "--no-cache", "..")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[1].startswith("  hint: ")


@pytest.mark.parametrize("roots", ['[".."]', '["../other"]', '["app/../../other"]'])
def test_roots_outside_the_project_are_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, roots: str) -> None:
    project = make_project(tmp_path / "project", pack=PACK.replace('roots: ["."]', f"roots: {roots}"))
    (tmp_path / "other").mkdir()
    result = invoke(project, monkeypatch, "check", "--no-cache")
    assert result.exit_code == 2, result.output
    first, hint = result.stderr.splitlines()
    assert first.startswith("pack.yaml:2:") and "lies outside the project root" in first
    assert hint.startswith("  hint: ")


def test_roots_inside_the_project_may_use_dotdot(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = make_project(tmp_path / "project", pack=PACK.replace('roots: ["."]', 'roots: ["app/../app"]'))
    assert invoke(project, monkeypatch, "check", "--no-cache").exit_code == 1


def test_extending_a_pack_outside_the_project_warns(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "shared").mkdir()
    (tmp_path / "shared" / "base.yaml").write_text(PACK, encoding="utf-8")
    project = make_project(tmp_path / "project", pack='version: 1\nextends: ["../shared/base.yaml"]\n')
    result = invoke(project, monkeypatch, "check", "--no-cache")
    assert result.exit_code == 1, result.output  # allowed: the shared pack's rule runs
    assert ("pack.yaml:2:11: warning: pack '../shared/base.yaml' lies outside the project root"
            in result.stderr)


def test_a_pack_given_with_config_outside_the_project_does_not_warn(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "shared").mkdir()
    (tmp_path / "shared" / "base.yaml").write_text(PACK, encoding="utf-8")
    project = make_project(tmp_path / "project")
    result = invoke(project, monkeypatch, "check", "--no-cache", "--config", "../shared/base.yaml")
    assert result.exit_code == 1, result.output
    assert "warning" not in result.stderr
