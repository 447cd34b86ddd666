# Layer: L5 — Domain engine
# Role: Charges against the credit limit, settlements, payment lookups
"""The payment engine: money moves only through here."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.hoc.cus.billing.L6_drivers.account_driver import AccountDriver
from app.hoc.cus.billing.L6_drivers.payment_driver import PaymentDriver

if TYPE_CHECKING:
    from app.models.billing import PaymentRecord

ACTIVE = "ACTIVE"


class ChargeDeclined(ValueError):
    """The account cannot be charged (inactive, or over its credit limit)."""


class PaymentEngine:
    """Charges and settlements of one tenant at a time."""

    def __init__(self, payments: PaymentDriver, accounts: AccountDriver) -> None:
        self._payments = payments
        self._accounts = accounts

    def charge(self, *, tenant_id: str, order_id: int, amount_cents: int, now: str) -> PaymentRecord:
        """Charge an order to the tenant's account; declined when inactive or over the limit."""
        account = self._accounts.get(tenant_id=tenant_id)
        if account is None or account.status != ACTIVE:
            raise ChargeDeclined(f"tenant {tenant_id!r} has no active billing account")
        if account.balance_cents + amount_cents > account.credit_limit_cents:
            raise ChargeDeclined(
                f"charge of {amount_cents} exceeds the credit limit ({account.balance_cents} of"
                f" {account.credit_limit_cents} used)"
            )
        self._accounts.add_to_balance(tenant_id=tenant_id, delta_cents=amount_cents, updated_at=now)
        return self._payments.insert(
            tenant_id=tenant_id, order_id=order_id, kind="charge", amount_cents=amount_cents, created_at=now
        )

    def settle(self, *, tenant_id: str, now: str) -> PaymentRecord | None:
        """Pay off the whole balance; ``None`` when nothing is owed."""
        account = self._accounts.get(tenant_id=tenant_id)
        if account is None or account.balance_cents == 0:
            return None
        self._accounts.add_to_balance(tenant_id=tenant_id, delta_cents=-account.balance_cents, updated_at=now)
        return self._payments.insert(
            tenant_id=tenant_id, order_id=None, kind="settlement", amount_cents=account.balance_cents, created_at=now
        )

    def for_order(self, *, tenant_id: str, order_id: int) -> tuple[PaymentRecord, ...]:
        """Payments of one order."""
        return self._payments.for_order(tenant_id=tenant_id, order_id=order_id)

    def list(self, *, tenant_id: str) -> tuple[PaymentRecord, ...]:
        """All payments of the tenant."""
        return self._payments.list_for_tenant(tenant_id=tenant_id)
