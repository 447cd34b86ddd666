"""Shared fixtures for the spine tests: a real sqlite file with one table."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from spine_support import ListSink


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A sqlite file with ``items(name TEXT PRIMARY KEY, qty INTEGER)``."""
    path = tmp_path / "spine.sqlite3"
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("CREATE TABLE items (name TEXT PRIMARY KEY, qty INTEGER NOT NULL)")
        conn.commit()
    return path


@pytest.fixture
def sink() -> ListSink:
    """An empty in-memory audit sink."""
    return ListSink()
