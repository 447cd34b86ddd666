"""Helpers shared by the spine tests (a module of its own so tests never import conftest)."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from lamina.spine import AuditRecord


def rows(path: Path) -> list[tuple[str, int]]:
    """What a fresh connection sees: committed data only."""
    with closing(sqlite3.connect(path)) as conn:
        return [tuple(r) for r in conn.execute("SELECT name, qty FROM items ORDER BY name")]


class ListSink:
    """An in-memory audit sink."""

    def __init__(self) -> None:
        self.records: list[AuditRecord] = []

    def record(self, record: AuditRecord) -> None:
        self.records.append(record)
