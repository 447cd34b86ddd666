# Layer: L6 — Driver
# Role: SQL for billing accounts
"""Billing-account persistence."""

from __future__ import annotations

from app.hoc.cus.hoc_spine.schemas.db import SqlConnection
from app.models.billing import AccountRecord


class AccountDriver:
    """Reads and writes ``accounts`` rows."""

    def __init__(self, db: SqlConnection) -> None:
        self._db = db

    def get(self, *, tenant_id: str) -> AccountRecord | None:
        """The tenant's account or ``None``."""
        row = self._db.fetchone("SELECT * FROM accounts WHERE tenant_id = ?", (tenant_id,))
        return None if row is None else AccountRecord.from_row(row)

    def insert(
        self, *, tenant_id: str, status: str, credit_limit_cents: int, payment_method: str | None, updated_at: str
    ) -> None:
        """Create the tenant's account."""
        self._db.execute(
            "INSERT INTO accounts (tenant_id, status, credit_limit_cents, payment_method, updated_at)"
            " VALUES (?, ?, ?, ?, ?)",
            (tenant_id, status, credit_limit_cents, payment_method, updated_at),
        )

    def set_status(self, *, tenant_id: str, status: str, updated_at: str) -> None:
        """Move the account to ``status``."""
        self._db.execute(
            "UPDATE accounts SET status = ?, updated_at = ? WHERE tenant_id = ?", (status, updated_at, tenant_id)
        )

    def add_to_balance(self, *, tenant_id: str, delta_cents: int, updated_at: str) -> None:
        """Change the owed balance by ``delta_cents`` (negative for settlements)."""
        self._db.execute(
            "UPDATE accounts SET balance_cents = balance_cents + ?, updated_at = ? WHERE tenant_id = ?",
            (delta_cents, updated_at, tenant_id),
        )
