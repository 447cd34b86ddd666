"""Assemble the broken twin: ``examples/shop`` with ``tests/twins/shop_broken`` laid over it.

Keeping only the differing files here means the twin can never silently drift from the example.
"""

from __future__ import annotations

import shutil
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[2]
EXAMPLE = REPOSITORY / "examples" / "shop"
OVERLAY = Path(__file__).resolve().parent / "shop_broken"
IGNORED = shutil.ignore_patterns("__pycache__", ".lamina_cache", ".mypy_cache", "*.sqlite3", "README.md")


def assemble(target: Path) -> Path:
    """Write the twin into ``target`` (created) and return it."""
    shutil.copytree(EXAMPLE, target, ignore=IGNORED)
    shutil.copytree(OVERLAY, target, ignore=IGNORED, dirs_exist_ok=True)
    (target / ".git").mkdir(exist_ok=True)  # stops the configuration search at the twin
    return target
