"""Helpers of the report tests: run ``lamina report`` in-process and read a tree of files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from lamina.cli.main import cli

TESTS = Path(__file__).resolve().parents[1]
REPOSITORY = TESTS.parent
HOC_PROJECT = TESTS / "fixtures" / "hoc_project"
REPORT_PROJECT = TESTS / "fixtures" / "report_project"
ORCHESTRATOR = "app/hoc/cus/hoc_spine/orchestrator"


def report(project: Path, *args: str, monkeypatch: pytest.MonkeyPatch) -> Result:
    """``lamina report --no-cache ARGS`` run in ``project`` (the cache would land in the fixture)."""
    monkeypatch.chdir(project)
    return CliRunner().invoke(cli, ["report", "--no-cache", *args])


def read_tree(directory: Path) -> dict[str, str]:
    """Every file below ``directory`` by POSIX relative path, bytes decoded as UTF-8."""
    return {
        path.relative_to(directory).as_posix(): path.read_bytes().decode("utf-8")
        for path in sorted(directory.rglob("*"))
        if path.is_file()
    }


def copy_project(source: Path, target: Path) -> Path:
    shutil.copytree(source, target, ignore=shutil.ignore_patterns(".lamina_cache", "__pycache__"))
    return target
