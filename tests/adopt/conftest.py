"""Session fixtures of the adoption tests: one snapshot of lamina as a hook repository
and one pre-commit home, so the hook environment is installed once per test session."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from adopt_tools import snapshot_lamina


@pytest.fixture(scope="session")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    pytest.importorskip("pre_commit", reason="pre-commit comes with lamina's dev extra")
    return snapshot_lamina(tmp_path_factory.mktemp("hook-repo") / "lamina")


@pytest.fixture(scope="session")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pre-commit-home")
