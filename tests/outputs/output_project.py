"""One small project whose findings exercise every output path: an open error, a
suppressed and a baselined one, open warnings below ``--fail-on``, a finding located in
the pack, and a non-ASCII module name (for URI encoding and XML)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from lamina.cli.main import cli

PACK = """\
version: 1
layers:
  - {name: api, paths: ["app/api/**"]}
  - {name: core, paths: ["app/core/**"]}
  - {name: jobs, paths: ["app/jobs/**"]}
rules:
  - code: LAM101
    id: direction
    options: {matrix: {api: [api, core], core: [core]}}
  - code: LAM106
    id: every-module-placed
"""
LEGACY = "def load():\n    from app.api import café\n    return café\n"
LATER = LEGACY + (
    "\n\ndef save():\n"
    "    from app.api import café  # lamina: ignore[LAM101] migration shim, removed with the v2 API\n"
    "    return café\n"
    "\n\ndef fresh():\n"
    "    from app.api import café\n"
    "    return café\n"
)


def write(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def invoke(root: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[int, str, str]:
    monkeypatch.chdir(root)
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def make_project(root: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The project after its history: a baseline taken, then new code added."""
    (root / ".git").mkdir(parents=True)
    write(root, {
        "pyproject.toml": '[tool.lamina]\npacks = ["pack.yaml"]\n',
        "pack.yaml": PACK,
        "app/__init__.py": "",
        "app/api/__init__.py": "",
        "app/api/café.py": "from app.core import model\n",
        "app/core/__init__.py": "",
        "app/core/model.py": LEGACY,
    })
    code, out, err = invoke(root, monkeypatch, "baseline")
    assert code == 0, out + err
    write(root, {"app/core/model.py": LATER, "app/loose.py": "import app.core.model\n"})
    return root
