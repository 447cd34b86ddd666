# Layer: L6 — Driver
# Role: SQL for payments
"""Payment persistence."""

from __future__ import annotations

from app.hoc.cus.hoc_spine.schemas.db import SqlConnection
from app.models.billing import PaymentRecord


class PaymentDriver:
    """Reads and writes ``payments`` rows."""

    def __init__(self, db: SqlConnection) -> None:
        self._db = db

    def insert(
        self, *, tenant_id: str, order_id: int | None, kind: str, amount_cents: int, created_at: str
    ) -> PaymentRecord:
        """Store a payment and return it."""
        written = self._db.execute(
            "INSERT INTO payments (tenant_id, order_id, kind, amount_cents, created_at) VALUES (?, ?, ?, ?, ?)",
            (tenant_id, order_id, kind, amount_cents, created_at),
        )
        assert written.lastrowid is not None
        return PaymentRecord(written.lastrowid, tenant_id, order_id, kind, amount_cents, created_at)

    def for_order(self, *, tenant_id: str, order_id: int) -> tuple[PaymentRecord, ...]:
        """Payments that reference one order."""
        rows = self._db.fetchall(
            "SELECT * FROM payments WHERE tenant_id = ? AND order_id = ? ORDER BY id", (tenant_id, order_id)
        )
        return tuple(PaymentRecord.from_row(row) for row in rows)

    def list_for_tenant(self, *, tenant_id: str) -> tuple[PaymentRecord, ...]:
        """All payments of the tenant, oldest first."""
        rows = self._db.fetchall("SELECT * FROM payments WHERE tenant_id = ? ORDER BY id", (tenant_id,))
        return tuple(PaymentRecord.from_row(row) for row in rows)
