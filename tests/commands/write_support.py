"""A tiny project and the checks shared by the hostile-input tests of writes and limits."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from lamina.cli.main import cli

PACK = """\
version: 1
roots: ["."]
rules:
  - code: LAM203
    id: no-eval
    options: {calls: [eval]}
"""


def make_project(root: Path, pack: str = PACK, tool: str = "") -> Path:
    """A project with one finding (``eval``) in ``root``, configuration search stopped there."""
    root.mkdir(parents=True, exist_ok=True)
    (root / ".git").mkdir()
    (root / "pyproject.toml").write_text(f'[tool.lamina]\npacks = ["pack.yaml"]\n{tool}', encoding="utf-8")
    (root / "pack.yaml").write_text(pack, encoding="utf-8")
    (root / "app").mkdir()
    (root / "app" / "__init__.py").write_text('"""App."""\n', encoding="utf-8")
    (root / "app" / "run.py").write_text('"""Run."""\n\n\ndef go(text):\n    return eval(text)\n', encoding="utf-8")
    return root


def invoke(root: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> Result:
    monkeypatch.chdir(root)
    return CliRunner().invoke(cli, list(args))


def usage_error(result: Result, where: str, message: str) -> str:
    """Exit 2 with one ``WHERE: message`` line and a hint line, no traceback; the hint."""
    assert result.exit_code == 2, (result.exit_code, result.output)
    lines = result.stderr.splitlines()
    assert len(lines) == 2, result.stderr
    assert lines[0].startswith(f"{where}: "), lines[0]
    assert message in lines[0], lines[0]
    assert lines[1].startswith("  hint: "), lines[1]
    assert "Traceback" not in result.output
    return lines[1]


def running_as_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0
