"""Real git repositories and real pre-commit runs for the adoption tests.

The hook repository is a *snapshot* of this working tree (the files a pip install needs
plus ``.pre-commit-hooks.yaml``), committed into a temporary git repository: pre-commit
clones hook repositories at a commit, and the snapshot makes the test exercise exactly
the code under test, committed or not. Git runs with a fixed identity and without the
user's or the system's git configuration, so no local setting (signing, hooksPath,
default branch) changes the outcome.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent  # the venv running the tests: lamina, pre-commit
SNAPSHOT_FILES = ("pyproject.toml", "setup.py", "README.md", ".pre-commit-hooks.yaml")
SNAPSHOT_DIRS = ("src", "rules")
IGNORED = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info", "packs", ".lamina_cache")


def base_env(pre_commit_home: Path | None = None) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("GIT_", "PRE_COMMIT"))}
    env.update({
        "PATH": f"{BIN}{os.pathsep}{env.get('PATH', '')}",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "lamina tests",
        "GIT_AUTHOR_EMAIL": "tests@lamina.invalid",
        "GIT_COMMITTER_NAME": "lamina tests",
        "GIT_COMMITTER_EMAIL": "tests@lamina.invalid",
        "PRE_COMMIT_COLOR": "never",
        "NO_COLOR": "1",
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
    })
    if pre_commit_home is not None:
        env["PRE_COMMIT_HOME"] = str(pre_commit_home)
    return env


def run(cwd: Path, *command: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(list(command), cwd=cwd, env=env or base_env(), capture_output=True,
                          text=True, check=False, timeout=900)


def git(cwd: Path, *args: str) -> str:
    done = run(cwd, "git", *args)
    assert done.returncode == 0, f"git {' '.join(args)}: {done.stderr}"
    return done.stdout


def init_repo(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    git(root, "init", "-q", "-b", "main")
    return root


def commit_all(root: Path, message: str = "snapshot") -> str:
    git(root, "add", "-A")
    git(root, "commit", "-q", "--no-verify", "-m", message)
    return git(root, "rev-parse", "HEAD").strip()


def snapshot_lamina(target: Path) -> Path:
    """This working tree's installable files and hooks, committed into ``target``."""
    target.mkdir(parents=True)
    for name in SNAPSHOT_FILES:
        shutil.copy2(REPOSITORY / name, target / name)
    for name in SNAPSHOT_DIRS:
        shutil.copytree(REPOSITORY / name, target / name, ignore=IGNORED)
    init_repo(target)
    commit_all(target)
    return target


def write(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def hook_config(hook_repo: Path, *hook_ids: str) -> str:
    """A ``.pre-commit-config.yaml`` using hooks of the snapshot at its commit."""
    rev = git(hook_repo, "rev-parse", "HEAD").strip()
    hooks = "".join(f"      - id: {hook_id}\n" for hook_id in hook_ids)
    return f"repos:\n  - repo: {hook_repo.as_posix()}\n    rev: {rev}\n    hooks:\n{hooks}"
