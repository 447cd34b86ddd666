# Layer: L6 — Driver
# Role: SQL for the orders table
"""Order persistence. Writes happen inside the registry's transaction; this module never ends it."""

from __future__ import annotations

from app.hoc.cus.hoc_spine.schemas.db import SqlConnection
from app.models.order import OrderRecord


class OrderDriver:
    """Reads and writes ``orders`` rows of one tenant at a time."""

    def __init__(self, db: SqlConnection) -> None:
        self._db = db

    def insert(
        self, *, tenant_id: str, sku: str, qty: int, amount_cents: int, status: str, run_id: str, created_at: str
    ) -> int:
        """Insert an order and return its id."""
        written = self._db.execute(
            "INSERT INTO orders (tenant_id, sku, qty, amount_cents, status, run_id, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (tenant_id, sku, qty, amount_cents, status, run_id, created_at),
        )
        assert written.lastrowid is not None  # sqlite always reports the rowid of an INSERT
        return written.lastrowid

    def get(self, *, tenant_id: str, order_id: int) -> OrderRecord | None:
        """The order, or ``None`` when the tenant has no such order."""
        row = self._db.fetchone("SELECT * FROM orders WHERE tenant_id = ? AND id = ?", (tenant_id, order_id))
        return None if row is None else OrderRecord.from_row(row)

    def list_for_tenant(self, *, tenant_id: str) -> tuple[OrderRecord, ...]:
        """All orders of the tenant, oldest first."""
        rows = self._db.fetchall("SELECT * FROM orders WHERE tenant_id = ? ORDER BY id", (tenant_id,))
        return tuple(OrderRecord.from_row(row) for row in rows)

    def set_status(self, *, tenant_id: str, order_id: int, status: str) -> int:
        """Set the order status; returns the number of rows changed."""
        written = self._db.execute(
            "UPDATE orders SET status = ? WHERE tenant_id = ? AND id = ?", (status, tenant_id, order_id)
        )
        return written.rowcount

    def set_risk(self, *, tenant_id: str, order_id: int, risk: str) -> int:
        """Set the order's risk marker; returns the number of rows changed."""
        written = self._db.execute(
            "UPDATE orders SET risk = ? WHERE tenant_id = ? AND id = ?", (risk, tenant_id, order_id)
        )
        return written.rowcount
