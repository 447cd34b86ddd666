"""The spine documentation examples (docs/examples/spine_*.py) run and pass ``mypy --strict``."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "docs" / "examples").glob("spine_*.py"))


def test_examples_exist() -> None:
    assert {p.name for p in EXAMPLES} >= {"spine_quickstart.py", "spine_async.py", "spine_fastapi.py"}


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
def test_example_runs(example: Path, tmp_path: Path) -> None:
    pytest.importorskip("sqlalchemy")
    pytest.importorskip("aiosqlite")
    done = subprocess.run(
        [sys.executable, str(example)], cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr


def test_examples_pass_mypy_strict(tmp_path: Path) -> None:
    """The docs/examples files and the README's spine snippet, in one mypy run."""
    pytest.importorskip("mypy")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    snippet = re.search(r"```python\n(.*?)```", readme[readme.index("## Build a service on `lamina.spine`") :], re.S)
    assert snippet is not None
    readme_example = tmp_path / "readme_spine.py"
    readme_example.write_text(snippet.group(1), encoding="utf-8")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--config-file",
            str(ROOT / "docs" / "examples" / "mypy.ini"),
            "--cache-dir",
            str(tmp_path / "mypy-cache"),
            *map(str, EXAMPLES),
            str(readme_example),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
