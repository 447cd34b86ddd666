# Layer: L7 — Model
# Role: Stock, reservation and stock-signal tables and records
"""Inventory tables: ``stock``, ``reservations`` and ``stock_signals``."""

from __future__ import annotations

from dataclasses import dataclass

from app.models.row import RowLike

STOCK_DDL = """
CREATE TABLE IF NOT EXISTS stock (
  tenant_id TEXT NOT NULL,
  sku TEXT NOT NULL,
  on_hand INTEGER NOT NULL CHECK (on_hand >= 0),
  unit_price_cents INTEGER NOT NULL CHECK (unit_price_cents >= 0),
  PRIMARY KEY (tenant_id, sku)
)
"""

RESERVATIONS_DDL = """
CREATE TABLE IF NOT EXISTS reservations (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  tenant_id TEXT NOT NULL,
  order_id INTEGER NOT NULL,
  sku TEXT NOT NULL,
  qty INTEGER NOT NULL CHECK (qty > 0),
  created_at TEXT NOT NULL
)
"""

SIGNALS_DDL = """
CREATE TABLE IF NOT EXISTS stock_signals (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  tenant_id TEXT NOT NULL,
  sku TEXT NOT NULL,
  severity TEXT NOT NULL,
  level INTEGER NOT NULL,
  created_at TEXT NOT NULL
)
"""


@dataclass(frozen=True, slots=True)
class StockRecord:
    """Stock on hand and unit price of one SKU."""

    tenant_id: str
    sku: str
    on_hand: int
    unit_price_cents: int

    @classmethod
    def from_row(cls, row: RowLike) -> StockRecord:
        """Build the record from a ``stock`` row."""
        return cls(row["tenant_id"], row["sku"], row["on_hand"], row["unit_price_cents"])


@dataclass(frozen=True, slots=True)
class ReservationRecord:
    """Stock set aside for one order."""

    id: int
    tenant_id: str
    order_id: int
    sku: str
    qty: int
    created_at: str

    @classmethod
    def from_row(cls, row: RowLike) -> ReservationRecord:
        """Build the record from a ``reservations`` row."""
        return cls(row["id"], row["tenant_id"], row["order_id"], row["sku"], row["qty"], row["created_at"])


@dataclass(frozen=True, slots=True)
class SignalRecord:
    """A low-stock signal."""

    id: int
    tenant_id: str
    sku: str
    severity: str
    level: int
    created_at: str

    @classmethod
    def from_row(cls, row: RowLike) -> SignalRecord:
        """Build the record from a ``stock_signals`` row."""
        return cls(row["id"], row["tenant_id"], row["sku"], row["severity"], row["level"], row["created_at"])
