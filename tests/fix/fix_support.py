"""Helpers of the ``lamina fix`` tests: copy a fixture tree, run a command in it, list its files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from lamina.cli.main import cli

FIXTURES = Path(__file__).parent
CODES = ("LAM104", "LAM202", "LAM203", "LAM301", "LAM302", "LAM303", "LAM501", "LAM504")


def copy_tree(source: Path, target: Path) -> Path:
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__", ".lamina_cache"))
    (target / ".git").mkdir(exist_ok=True)  # stops the configuration search here
    return target


def files_of(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` except the cache and the .git marker, by relative path."""
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file() and not {".lamina_cache", ".git", "__pycache__"} & set(path.relative_to(root).parts)
    }


def run(root: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> Result:
    monkeypatch.chdir(root)
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)
