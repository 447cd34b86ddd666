"""Fixtures of the configuration tests."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from config_tree import MINIMAL, Tree


@pytest.fixture
def tree(tmp_path: Path) -> Tree:
    return Tree(tmp_path)


@pytest.fixture
def pack_errors(tree: Tree) -> Callable[[str], list[str]]:
    """Errors of ``MINIMAL`` followed by extra pack text."""

    def run(extra: str) -> list[str]:
        tree.project(MINIMAL + textwrap.dedent(extra))
        return tree.errors()

    return run
