"""A tiny project in a temporary directory for the suppression and baseline tests, driven
through the real command line (in-process, CliRunner)."""

from __future__ import annotations

import json
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from lamina.cli.main import cli

PACK = """\
version: 1
roots: ["."]
rules:
  - code: LAM203
    id: no-eval
    options: {calls: [eval, exec]}
"""


@dataclass(frozen=True)
class Outcome:
    exit_code: int
    stdout: str
    stderr: str

    def json(self) -> dict[str, object]:
        data = json.loads(self.stdout)
        assert isinstance(data, dict)
        return data

    def findings(self) -> list[tuple[str, int, str, str]]:
        """(path, line, code, status) of every finding in the JSON output."""
        rows = self.json()["findings"]
        assert isinstance(rows, list)
        return [(f["path"], f["line"], f["code"], f["status"]) for f in rows]


class Tree:
    def __init__(self, root: Path, monkeypatch: pytest.MonkeyPatch, pack: str = PACK) -> None:
        self.root = root
        (root / ".git").mkdir()  # stops the configuration search at this directory
        (root / "pyproject.toml").write_text('[tool.lamina]\npacks = ["pack.yaml"]\n', encoding="utf-8")
        (root / "pack.yaml").write_text(pack, encoding="utf-8")
        self.write("app/__init__.py", '"""App."""\n')
        monkeypatch.chdir(root)

    def write(self, rel: str, text: str) -> None:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")

    def read(self, rel: str) -> str:
        return (self.root / rel).read_text(encoding="utf-8")

    def lamina(self, *args: str) -> Outcome:
        result = CliRunner().invoke(cli, list(args))
        assert "Traceback" not in result.stderr, result.stderr
        return Outcome(result.exit_code, result.stdout, result.stderr)

    def check(self, *args: str) -> Outcome:
        return self.lamina("check", "--no-cache", "--format", "json", *args)

    def baseline(self) -> dict[str, object]:
        data = json.loads(self.read("lamina-baseline.json"))
        assert isinstance(data, dict)
        return data
