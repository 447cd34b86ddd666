"""Configuration limits: an alias bomb or deep nesting in a pack, a deep baseline or a deep
pyproject.toml is exit 2 at ``file:line:col`` with a hint - not a stall, a MemoryError or
a RecursionError (exit 3)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from write_support import PACK, invoke, make_project, usage_error


def _alias_bomb() -> str:
    lines = ["version: 1", 'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    previous = "a"
    for name in "bcdefghi":  # 9 levels of 10 aliases: 10**9 strings once expanded
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 10) + "]")
        previous = name
    return "\n".join(lines) + "\n"


def test_an_alias_bomb_in_a_pack_is_refused_quickly(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", pack=_alias_bomb())
    # The guard is a hard timeout on a process that used to run for a minute (or run out
    # of memory), not a speed assertion.
    done = subprocess.run([sys.executable, "-m", "lamina", "check", "--no-cache"], cwd=project,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2, done.stderr
    first, hint = done.stderr.splitlines()
    assert first.startswith("pack.yaml:5:")
    assert "YAML aliases expand to more than" in first
    assert hint.startswith("  hint: ")


def test_small_aliases_still_work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pack = PACK + "exclude: &skip [\"build/**\"]\nheader: {}\n"
    project = make_project(tmp_path / "project", pack=pack.replace("roots: [\".\"]", "roots: &r [\".\"]"))
    result = invoke(project, monkeypatch, "check", "--no-cache")
    assert result.exit_code == 1, result.output  # the eval finding, nothing else


@pytest.mark.parametrize(
    "text, position",
    [
        ("version: 1\nlayers: " + "[" * 800 + "]" * 800 + "\n", "pack.yaml:2:"),
        ("version: 1\n" + "".join(" " * i + f"k{i}:\n" for i in range(800)), "pack.yaml:"),
    ],
    ids=["flow", "block"],
)
def test_deep_nesting_in_a_pack_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str,
                                           position: str) -> None:
    project = make_project(tmp_path / "project", pack=text)
    result = invoke(project, monkeypatch, "check", "--no-cache")
    assert result.exit_code == 2, result.output
    first, hint = result.stderr.splitlines()
    assert first.startswith(position) and first.count(":") >= 3, first
    assert "YAML nests deeper than 64 levels" in first
    assert hint.startswith("  hint: ")


def test_aliases_cannot_nest_past_the_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Each anchor is 40 levels deep and shallow enough alone; aliased inside another it is not.
    deep = "[" * 40 + "1" + "]" * 40
    text = f"version: 1\na: &a {deep}\nb: &b {'[' * 30}*a{']' * 30}\n"
    project = make_project(tmp_path / "project", pack=text)
    result = invoke(project, monkeypatch, "check", "--no-cache")
    usage_error(result, "pack.yaml:3:37", "YAML nests deeper than 64 levels (through an alias)")


def test_a_deep_baseline_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = make_project(tmp_path / "project")
    (project / "lamina-baseline.json").write_text(
        '{"version": 1, "entries": [\n' + "[" * 900 + "]" * 900 + "]}\n", encoding="utf-8")
    result = invoke(project, monkeypatch, "check", "--no-cache")
    usage_error(result, "lamina-baseline.json:2:63", "baseline nests deeper than 64 levels")
    update = invoke(project, monkeypatch, "baseline", "--update")
    usage_error(update, "lamina-baseline.json:2:63", "baseline nests deeper than 64 levels")


def test_brackets_inside_baseline_strings_do_not_count(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = make_project(tmp_path / "project")
    assert invoke(project, monkeypatch, "baseline").exit_code == 0
    baseline = project / "lamina-baseline.json"
    text = baseline.read_text(encoding="utf-8")
    assert '"anchor": "' in text
    # A symbol may contain brackets; escaped quotes must not end the string early.
    baseline.write_text(text.replace('"symbol": "', '"symbol": "\\"' + "[" * 100), encoding="utf-8")
    result = invoke(project, monkeypatch, "check", "--no-cache")
    assert "nests deeper" not in result.output
    assert result.exit_code in (0, 1), result.output


def test_a_deep_pyproject_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = make_project(tmp_path / "project", tool="x = " + "[" * 2000 + "]" * 2000 + "\n")
    result = invoke(project, monkeypatch, "check", "--no-cache")
    usage_error(result, "pyproject.toml", "TOML nests too deeply")
    init = invoke(project, monkeypatch, "init", "--force")
    usage_error(init, "pyproject.toml", "TOML nests too deeply")
