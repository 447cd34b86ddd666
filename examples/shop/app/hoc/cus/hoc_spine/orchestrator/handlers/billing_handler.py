# Layer: L4 — Orchestrator handler
# Role: Billing operations: account onboarding/offboarding (staged lifecycle), payments
"""Billing operations. Account status changes go through the staged lifecycle and its gates."""

from __future__ import annotations

from types import MappingProxyType
from typing import TYPE_CHECKING, cast

from lamina.spine import (
    DispatchMap,
    GateRejected,
    InvalidTransitionError,
    OperationContext,
    OperationRegistry,
    OperationResult,
)

from app.hoc.cus.hoc_spine.orchestrator.account_lifecycle import account_lifecycle

if TYPE_CHECKING:
    from app.hoc.cus.hoc_spine.orchestrator.coordinators.bridges.billing_bridge import BillingBridge
    from app.models.billing import AccountRecord, PaymentRecord

# Domain and lifecycle exceptions → stable error codes (first match wins, in this order).
ERROR_CODES = MappingProxyType(
    {GateRejected: "GATE_REJECTED", InvalidTransitionError: "INVALID_TRANSITION", LookupError: "NOT_FOUND"}
)


def _billing(ctx: OperationContext) -> BillingBridge:
    return cast("BillingBridge", ctx.domains.get("billing"))


class AccountsHandler:
    """``billing.accounts``: methods ``onboard``, ``offboard`` and ``get``."""

    async def execute(self, ctx: OperationContext) -> OperationResult:
        accounts = _billing(ctx).accounts()
        lifecycle = account_lifecycle()
        now = ctx.timestamp

        def onboard(*, tenant_id: str, credit_limit_cents: int, payment_method: str | None = None) -> AccountRecord:
            # Both stages run in this operation's transaction: a rejected activation leaves no account behind.
            opened = lifecycle.advance(accounts.status(tenant_id=tenant_id), "open", None)
            account = accounts.open(
                tenant_id=tenant_id, status=opened, credit_limit_cents=credit_limit_cents,
                payment_method=payment_method, now=now,
            )
            active = lifecycle.advance(account.status, "activate", account)
            return accounts.move(tenant_id=tenant_id, status=active, now=now)

        def offboard(*, tenant_id: str) -> AccountRecord:
            account = accounts.get(tenant_id=tenant_id)
            closed = lifecycle.advance(account.status, "close", account)
            return accounts.move(tenant_id=tenant_id, status=closed, now=now)

        dispatch = DispatchMap(
            sync={"onboard": onboard, "offboard": offboard, "get": accounts.get}, error_codes=ERROR_CODES
        )
        return await dispatch.call(ctx)


class PaymentsHandler:
    """``billing.payments``: methods ``list``, ``for_order`` and ``settle``."""

    def execute(self, ctx: OperationContext) -> OperationResult:
        payments = _billing(ctx).payments()
        now = ctx.timestamp

        def settle(*, tenant_id: str) -> PaymentRecord | None:
            return payments.settle(tenant_id=tenant_id, now=now)

        dispatch = DispatchMap(
            sync={"list": payments.list, "for_order": payments.for_order, "settle": settle}, error_codes=ERROR_CODES
        )
        return dispatch.call_sync(ctx)


def register_operations(registry: OperationRegistry) -> None:
    """Register the billing operations."""
    registry.register("billing.accounts", AccountsHandler(), cross_domain_deps=[], description="Account lifecycle")
    registry.register("billing.payments", PaymentsHandler(), cross_domain_deps=[], description="Payments")
