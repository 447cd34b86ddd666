"""Tiny projects written into ``tmp_path`` for the configuration tests."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from lamina.analysis import load_project
from lamina.errors import ConfigErrors, UserError
from lamina.model.project import Project

PYPROJECT = '[tool.lamina]\npacks = ["pack.yaml"]\n'

MINIMAL = """\
version: 1
layers:
  - {name: api, paths: ["app/api/**"]}
  - name: core
    paths: ["app/core/**"]
    zones: {models: ["app/core/models/**"]}
roles:
  handler: {paths: ["app/api/*_handler.py"]}
"""


class Tree:
    """A project directory (with ``.git``, so config discovery stops here)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        (root / ".git").mkdir()

    def write(self, rel: str, text: str) -> Path:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    def project(self, pack: str, pyproject: str = PYPROJECT) -> Tree:
        self.write("pyproject.toml", pyproject)
        self.write("pack.yaml", pack)
        return self

    def load(self, config: str | None = None, cwd: Path | None = None) -> Project:
        return load_project(config, str(cwd or self.root))

    def errors(self, config: str | None = None, cwd: Path | None = None) -> list[str]:
        """Every error line (``file:line:col: message``) of a load that must fail."""
        with pytest.raises(UserError) as info:
            self.load(config, cwd)
        error = info.value
        if isinstance(error, ConfigErrors):
            return [e.render().split("\n")[0] for e in error.errors]
        return [error.render().split("\n")[0]]
