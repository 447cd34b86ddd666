# Layer: L5 — Domain engine
# Role: Billing accounts: opening, status changes, lookups
"""The account engine. Which status may follow which is decided by the spine's lifecycle, not here."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.hoc.cus.billing.L6_drivers.account_driver import AccountDriver

if TYPE_CHECKING:
    from app.models.billing import AccountRecord

NO_ACCOUNT = "NONE"


class AccountNotFound(LookupError):
    """The tenant has no billing account."""


class AccountEngine:
    """Billing accounts, one per tenant."""

    def __init__(self, driver: AccountDriver) -> None:
        self._driver = driver

    def status(self, *, tenant_id: str) -> str:
        """The account status, or ``NONE`` before the account exists."""
        account = self._driver.get(tenant_id=tenant_id)
        return NO_ACCOUNT if account is None else account.status

    def open(
        self, *, tenant_id: str, status: str, credit_limit_cents: int, payment_method: str | None, now: str
    ) -> AccountRecord:
        """Create the account in ``status``."""
        if credit_limit_cents < 0:
            raise ValueError("credit limit must not be negative")
        self._driver.insert(
            tenant_id=tenant_id, status=status, credit_limit_cents=credit_limit_cents,
            payment_method=payment_method, updated_at=now,
        )
        return self.get(tenant_id=tenant_id)

    def move(self, *, tenant_id: str, status: str, now: str) -> AccountRecord:
        """Store a new status (already validated by the caller's lifecycle)."""
        self._driver.set_status(tenant_id=tenant_id, status=status, updated_at=now)
        return self.get(tenant_id=tenant_id)

    def get(self, *, tenant_id: str) -> AccountRecord:
        """The account, or ``AccountNotFound``."""
        account = self._driver.get(tenant_id=tenant_id)
        if account is None:
            raise AccountNotFound(f"tenant {tenant_id!r} has no billing account")
        return account
