"""The PATHS filter of ``lamina check``: given paths, ``--staged`` (real git), and the
rule that a configuration file among them reports the whole project."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from fixture_projects import two_layer_files, write_files

from lamina.cli.main import cli

FILES = two_layer_files()


def make_project(root: Path) -> Path:
    return write_files(root, FILES)


def git(root: Path, *args: str) -> None:
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


def check(root: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[int, str, str]:
    monkeypatch.chdir(root)
    result = CliRunner().invoke(cli, ["check", "--no-cache", *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    root = make_project(tmp_path / "repo")
    git(root, "init", "-q")
    return root


def test_a_configuration_path_reports_the_whole_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_project(tmp_path)
    (root / ".git").mkdir()
    assert check(root, monkeypatch, "app/api/views.py")[0] == 0
    code, out, _ = check(root, monkeypatch, "app/api/views.py", "pack.yaml")
    assert code == 1 and "app/core/model.py:2:5: LAM101" in out


def test_staged_reports_findings_in_staged_files_only(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    git(repo, "add", "app/api/views.py")  # before the first commit: an unborn branch
    code, out, _ = check(repo, monkeypatch, "--staged")
    assert code == 0 and "0 errors" in out
    git(repo, "add", "app/core/model.py")
    code, out, _ = check(repo, monkeypatch, "--staged")
    assert code == 1 and "app/core/model.py:2:5: LAM101" in out


def test_staged_from_a_subdirectory_uses_project_relative_paths(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    git(repo, "add", "app/core/model.py")
    assert check(repo / "app" / "api", monkeypatch, "--staged")[0] == 1


def test_staged_configuration_reports_everything(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    git(repo, "add", "pack.yaml")
    assert check(repo, monkeypatch, "--staged")[0] == 1


def test_nothing_staged_checks_nothing(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, err = check(repo, monkeypatch, "--staged")
    assert (code, out) == (0, "") and "no staged files" in err


def test_staged_outside_a_git_work_tree_is_a_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    root = make_project(tmp_path / "plain")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    code, _, err = check(root, monkeypatch, "--staged")
    assert code == 2 and "--staged" in err and "Traceback" not in err


def test_staged_and_paths_cannot_be_combined(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code, _, err = check(repo, monkeypatch, "--staged", "app")
    assert code == 2 and "cannot be combined" in err
