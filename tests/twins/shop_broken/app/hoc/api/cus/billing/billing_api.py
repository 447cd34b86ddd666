# Layer: L2 — API
# Role: Billing API: account onboarding/offboarding, settlement, payments
"""Billing API. Every function is one ``registry.execute`` of a ``billing.*`` operation."""

from __future__ import annotations

from lamina.spine import OperationRegistry, OperationResult


async def onboard_account(
    registry: OperationRegistry, *, tenant_id: str, credit_limit_cents: int, payment_method: str | None
) -> OperationResult:
    """Open and activate the tenant's account (activation needs a payment method)."""
    return await registry.execute(
        "billing.accounts",
        tenant_id=tenant_id,
        params={"method": "onboard", "credit_limit_cents": credit_limit_cents, "payment_method": payment_method},
    )


async def offboard_account(registry: OperationRegistry, *, tenant_id: str) -> OperationResult:
    """Close the account (refused while a balance is outstanding)."""
    return await registry.execute("billing.accounts", tenant_id=tenant_id, params={"method": "offboard"})


async def settle_balance(registry: OperationRegistry, *, tenant_id: str) -> OperationResult:
    """Pay off the outstanding balance."""
    return await registry.execute("billing.payments", tenant_id=tenant_id, params={"method": "settle"})


async def list_payments(registry: OperationRegistry, *, tenant_id: str) -> OperationResult:
    """All payments of the tenant."""
    return await registry.execute("billing.payments", tenant_id=tenant_id, params={"method": "list"})
