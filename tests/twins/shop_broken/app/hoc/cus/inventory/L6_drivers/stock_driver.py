# Layer: L6 — Driver
# Role: SQL for stock levels and reservations
"""Stock and reservation persistence."""

from __future__ import annotations

from app.hoc.cus.hoc_spine.schemas.db import SqlConnection
from app.models.inventory import ReservationRecord, StockRecord


class StockDriver:
    """Reads and writes ``stock`` and ``reservations`` rows."""

    def __init__(self, db: SqlConnection) -> None:
        self._db = db

    def get(self, *, tenant_id: str, sku: str) -> StockRecord | None:
        """The stock row of ``sku`` or ``None``."""
        row = self._db.fetchone("SELECT * FROM stock WHERE tenant_id = ? AND sku = ?", (tenant_id, sku))
        return None if row is None else StockRecord.from_row(row)

    def add(self, *, tenant_id: str, sku: str, qty: int, unit_price_cents: int) -> None:
        """Create the SKU or add to its stock; the latest price wins."""
        self._db.execute(
            "INSERT INTO stock (tenant_id, sku, on_hand, unit_price_cents) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (tenant_id, sku) DO UPDATE SET on_hand = on_hand + excluded.on_hand,"
            " unit_price_cents = excluded.unit_price_cents",
            (tenant_id, sku, qty, unit_price_cents),
        )

    def take(self, *, tenant_id: str, sku: str, qty: int) -> bool:
        """Remove ``qty`` from stock if enough is on hand; one conditional UPDATE, so no lost updates."""
        written = self._db.execute(
            "UPDATE stock SET on_hand = on_hand - ? WHERE tenant_id = ? AND sku = ? AND on_hand >= ?",
            (qty, tenant_id, sku, qty),
        )
        return written.rowcount == 1

    def insert_reservation(self, *, tenant_id: str, order_id: int, sku: str, qty: int, created_at: str) -> int:
        """Record a reservation and return its id."""
        written = self._db.execute(
            "INSERT INTO reservations (tenant_id, order_id, sku, qty, created_at) VALUES (?, ?, ?, ?, ?)",
            (tenant_id, order_id, sku, qty, created_at),
        )
        assert written.lastrowid is not None
        return written.lastrowid

    def reservations_for_order(self, *, tenant_id: str, order_id: int) -> tuple[ReservationRecord, ...]:
        """Reservations made for one order."""
        rows = self._db.fetchall(
            "SELECT * FROM reservations WHERE tenant_id = ? AND order_id = ? ORDER BY id", (tenant_id, order_id)
        )
        return tuple(ReservationRecord.from_row(row) for row in rows)
