"""The repository's own pack fails CI on an import cycle in src/ (LAM107 self-no-cycles):
a copy of src/ is checked with rules/lamina-self.yaml, clean as it is and with one planted cycle."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from lamina.cli.main import cli

REPOSITORY = Path(__file__).resolve().parents[2]


def copy_of_the_repository(root: Path) -> Path:
    shutil.copytree(REPOSITORY / "src", root / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    (root / "rules").mkdir()
    shutil.copy(REPOSITORY / "rules" / "lamina-self.yaml", root / "rules" / "lamina-self.yaml")
    (root / "pyproject.toml").write_text('[tool.lamina]\npacks = ["rules/lamina-self.yaml"]\n', encoding="utf-8")
    return root


def check(root: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[int, str]:
    monkeypatch.chdir(root)
    result = CliRunner().invoke(cli, ["check", "--no-cache"])
    return result.exit_code, result.output


def test_the_copied_repository_passes_its_own_pack(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    status, output = check(copy_of_the_repository(tmp_path), monkeypatch)
    assert status == 0, output


def test_an_import_cycle_in_src_fails_the_self_check(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = copy_of_the_repository(tmp_path)
    model = root / "src" / "lamina" / "model"
    # Two modules of one floor importing each other: the floors matrix allows both imports,
    # so only the cycle rule can catch it (lazily, as a function-level import would hide it).
    (model / "cycle_a.py").write_text("from lamina.model import cycle_b\n", encoding="utf-8")
    (model / "cycle_b.py").write_text("def late() -> None:\n    from lamina.model import cycle_a\n", encoding="utf-8")
    status, output = check(root, monkeypatch)
    assert status == 1, output
    assert "LAM107" in output
    assert "cycle_a" in output and "cycle_b" in output
