"""The pre-commit hooks of ``.pre-commit-hooks.yaml``, run for real: pre-commit installs
lamina from a snapshot of this tree into its own environment (the analyzed project is
never installed) and runs the hooks in temporary git repositories.

``pre-commit try-repo`` builds a fresh hook environment on every call, so it is used for
the first test only; the others name the snapshot in a ``.pre-commit-config.yaml`` and
share one pre-commit home, where the environment is installed once per session.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from adopt_tools import REPOSITORY, base_env, commit_all, git, hook_config, init_repo, run, write
from fixture_projects import MODEL_CLEAN, TWO_LAYER_PACK, two_layer_files

PACK = TWO_LAYER_PACK
CLEAN = two_layer_files(model=MODEL_CLEAN)
VIOLATION = "def load():\n    from app.api import views\n    return views\n"


def pre_commit(project: Path, home: Path, *args: str) -> tuple[int, str]:
    done = run(project, "pre-commit", *args, env=base_env(home))
    return done.returncode, done.stdout + done.stderr


def project_with_hooks(root: Path, hook_repo: Path, files: dict[str, str], *hook_ids: str) -> Path:
    project = init_repo(root)
    write(project, {**files, ".pre-commit-config.yaml": hook_config(hook_repo, *hook_ids)})
    commit_all(project, "start, committed without hooks")
    return project


def test_hook_definitions_are_deliberate() -> None:
    hooks = {h["id"]: h for h in yaml.safe_load((REPOSITORY / ".pre-commit-hooks.yaml").read_text())}
    check, report = hooks["lamina-check"], hooks["lamina-report-check"]
    assert (check["entry"], check["pass_filenames"], check["require_serial"]) == ("lamina check", True, True)
    assert (report["entry"], report["pass_filenames"], report["require_serial"]) == (
        "lamina report --check", False, True)
    assert check["language"] == report["language"] == "python"
    fix = hooks["lamina-fix"]
    assert (fix["entry"], fix["pass_filenames"], fix["require_serial"]) == ("lamina fix --exit-on-change", True, True)
    assert "--unsafe" not in fix["entry"]


def test_fix_hook_fails_when_it_fixed_files_and_passes_once_they_are_staged(
    tmp_path: Path, hook_repo: Path, pre_commit_home: Path
) -> None:
    unused = "def load():\n    return 1  # lamina: ignore[LAM101] kept from the old layout\n"
    project = project_with_hooks(tmp_path / "project", hook_repo, two_layer_files(model=MODEL_CLEAN), "lamina-fix")
    write(project, {"app/core/model.py": unused})
    git(project, "add", "app/core/model.py")
    code, output = pre_commit(project, pre_commit_home, "run")
    assert code == 1, output
    assert "fixed 1 in app/core/model.py (LAM501)" in output
    assert (project / "app" / "core" / "model.py").read_text() == MODEL_CLEAN
    git(project, "add", "app/core/model.py")
    code, output = pre_commit(project, pre_commit_home, "run")
    assert code == 0, output


def test_try_repo_check_hook_fails_on_a_staged_violation_and_passes_after_the_fix(
    tmp_path: Path, hook_repo: Path
) -> None:
    project = init_repo(tmp_path / "project")
    write(project, CLEAN)
    commit_all(project, "clean start")
    write(project, {"app/core/model.py": VIOLATION})
    git(project, "add", "app/core/model.py")
    home = tmp_path / "home"  # try-repo keeps its own store anyway
    code, output = pre_commit(project, home, "try-repo", str(hook_repo), "lamina-check")
    assert code == 1, output
    assert "app/core/model.py:2:5: LAM101" in output
    write(project, {"app/core/model.py": CLEAN["app/core/model.py"]})
    git(project, "add", "app/core/model.py")
    code, output = pre_commit(project, home, "try-repo", str(hook_repo), "lamina-check")
    assert code == 0, output


def test_check_hook_reports_staged_files_unless_all_files_or_configuration(
    tmp_path: Path, hook_repo: Path, pre_commit_home: Path
) -> None:
    files = {**CLEAN, "app/core/model.py": VIOLATION}
    project = project_with_hooks(tmp_path / "project", hook_repo, files, "lamina-check")
    # Only a clean file is staged: the old violation is in the analysis, not in the report.
    write(project, {"app/api/views.py": "from app.core import model\n\nVALUE = model\n"})
    git(project, "add", "app/api/views.py")
    code, output = pre_commit(project, pre_commit_home, "run")
    assert code == 0, output
    code, output = pre_commit(project, pre_commit_home, "run", "--all-files")
    assert code == 1, output
    assert "app/core/model.py:2:5: LAM101" in output
    # A staged configuration change can move findings anywhere: everything is reported.
    write(project, {"pack.yaml": PACK + "# tightened later\n"})
    git(project, "add", "pack.yaml")
    code, output = pre_commit(project, pre_commit_home, "run")
    assert code == 1, output
    assert "app/core/model.py:2:5: LAM101" in output


def test_report_check_hook_fails_on_stale_reports_and_passes_once_written(
    tmp_path: Path, hook_repo: Path, pre_commit_home: Path
) -> None:
    project = project_with_hooks(tmp_path / "project", hook_repo, CLEAN, "lamina-report-check")
    code, output = pre_commit(project, pre_commit_home, "run", "--all-files")
    assert code == 1, output
    assert "report drift" in output
    assert run(project, "lamina", "report").returncode == 0
    git(project, "add", "-A")
    code, output = pre_commit(project, pre_commit_home, "run")
    assert code == 0, output
