# Layer: L7 — Model
# Role: Orders table and record
"""The ``orders`` table and ``OrderRecord``."""

from __future__ import annotations

from dataclasses import dataclass

from app.models.row import RowLike

ORDERS_DDL = """
CREATE TABLE IF NOT EXISTS orders (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  tenant_id TEXT NOT NULL,
  sku TEXT NOT NULL,
  qty INTEGER NOT NULL CHECK (qty > 0),
  amount_cents INTEGER NOT NULL CHECK (amount_cents >= 0),
  status TEXT NOT NULL,
  risk TEXT NOT NULL DEFAULT 'normal',
  run_id TEXT NOT NULL,
  created_at TEXT NOT NULL
)
"""


@dataclass(frozen=True, slots=True)
class OrderRecord:
    """One order row."""

    id: int
    tenant_id: str
    sku: str
    qty: int
    amount_cents: int
    status: str
    risk: str
    run_id: str
    created_at: str

    @classmethod
    def from_row(cls, row: RowLike) -> OrderRecord:
        """Build the record from a row selected with ``SELECT *``."""
        return cls(
            id=row["id"],
            tenant_id=row["tenant_id"],
            sku=row["sku"],
            qty=row["qty"],
            amount_cents=row["amount_cents"],
            status=row["status"],
            risk=row["risk"],
            run_id=row["run_id"],
            created_at=row["created_at"],
        )
