# Layer: L4 — Spine schemas
# Role: The SQL handle protocol that drivers are written against
"""What a driver may do with ``ctx.db``: run statements. Transaction control is not part of the protocol."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, Protocol


class Row(Protocol):
    """A result row addressable by column name (``sqlite3.Row``)."""

    def __getitem__(self, key: str) -> Any: ...

    def keys(self) -> list[str]: ...


class Written(Protocol):
    """What a write statement reports."""

    @property
    def rowcount(self) -> int: ...

    @property
    def lastrowid(self) -> int | None: ...


class SqlConnection(Protocol):
    """The guarded transaction handle (``lamina.spine.GuardedConnection`` satisfies it)."""

    def execute(self, sql: str, params: Sequence[object] = ...) -> Written: ...

    def executemany(self, sql: str, seq: Iterable[Sequence[object]]) -> Written: ...

    def fetchone(self, sql: str, params: Sequence[object] = ...) -> Row | None: ...

    def fetchall(self, sql: str, params: Sequence[object] = ...) -> Sequence[Row]: ...
