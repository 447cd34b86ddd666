# Layer: L6 — Driver
# Role: SQL for stock signals
"""Stock-signal persistence."""

from __future__ import annotations

from app.hoc.cus.hoc_spine.schemas.db import SqlConnection
from app.models.inventory import SignalRecord


class SignalDriver:
    """Reads and writes ``stock_signals`` rows."""

    def __init__(self, db: SqlConnection) -> None:
        self._db = db

    def insert(self, *, tenant_id: str, sku: str, severity: str, level: int, created_at: str) -> SignalRecord:
        """Store a signal and return it."""
        written = self._db.execute(
            "INSERT INTO stock_signals (tenant_id, sku, severity, level, created_at) VALUES (?, ?, ?, ?, ?)",
            (tenant_id, sku, severity, level, created_at),
        )
        assert written.lastrowid is not None
        return SignalRecord(written.lastrowid, tenant_id, sku, severity, level, created_at)

    def list_for_tenant(self, *, tenant_id: str) -> tuple[SignalRecord, ...]:
        """All signals of the tenant, oldest first."""
        rows = self._db.fetchall("SELECT * FROM stock_signals WHERE tenant_id = ? ORDER BY id", (tenant_id,))
        return tuple(SignalRecord.from_row(row) for row in rows)
