# Layer: L7 — Model
# Role: Billing account and payment tables and records
"""Billing tables: ``accounts`` (one per tenant) and ``payments``."""

from __future__ import annotations

from dataclasses import dataclass

from app.models.row import RowLike

ACCOUNTS_DDL = """
CREATE TABLE IF NOT EXISTS accounts (
  tenant_id TEXT PRIMARY KEY,
  status TEXT NOT NULL,
  credit_limit_cents INTEGER NOT NULL CHECK (credit_limit_cents >= 0),
  balance_cents INTEGER NOT NULL DEFAULT 0,
  payment_method TEXT,
  updated_at TEXT NOT NULL
)
"""

PAYMENTS_DDL = """
CREATE TABLE IF NOT EXISTS payments (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  tenant_id TEXT NOT NULL,
  order_id INTEGER,
  kind TEXT NOT NULL CHECK (kind IN ('charge', 'settlement')),
  amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
  created_at TEXT NOT NULL
)
"""


@dataclass(frozen=True, slots=True)
class AccountRecord:
    """A tenant's billing account."""

    tenant_id: str
    status: str
    credit_limit_cents: int
    balance_cents: int
    payment_method: str | None
    updated_at: str

    @classmethod
    def from_row(cls, row: RowLike) -> AccountRecord:
        """Build the record from an ``accounts`` row."""
        return cls(
            row["tenant_id"], row["status"], row["credit_limit_cents"], row["balance_cents"],
            row["payment_method"], row["updated_at"],
        )


@dataclass(frozen=True, slots=True)
class PaymentRecord:
    """A charge against an order, or a settlement of the balance."""

    id: int
    tenant_id: str
    order_id: int | None
    kind: str
    amount_cents: int
    created_at: str

    @classmethod
    def from_row(cls, row: RowLike) -> PaymentRecord:
        """Build the record from a ``payments`` row."""
        return cls(row["id"], row["tenant_id"], row["order_id"], row["kind"], row["amount_cents"], row["created_at"])
