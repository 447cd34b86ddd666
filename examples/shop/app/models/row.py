# Layer: L7 — Model
# Role: The row shape every record is built from
"""What ``from_row`` needs from a result row: lookup by column name (``sqlite3.Row`` has it)."""

from __future__ import annotations

from typing import Any, Protocol


class RowLike(Protocol):
    """A row addressable by column name."""

    def __getitem__(self, key: str) -> Any: ...
