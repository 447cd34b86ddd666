# Layer: L4 — Orchestrator handler
# Role: Inventory operations: restock, query, signal feedback
"""Inventory operations (single-domain: none of them declares a dependency)."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from lamina.spine import DispatchMap, OperationContext, OperationRegistry, OperationResult, ok

from app.hoc.cus.hoc_spine.schemas.ledger import AuditLedger

if TYPE_CHECKING:
    from app.hoc.cus.hoc_spine.orchestrator.coordinators.bridges.inventory_bridge import InventoryBridge


def _int_param(ctx: OperationContext, name: str) -> int:
    """An integer parameter; anything else is the caller's error."""
    value = ctx.params[name]
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"parameter {name!r} must be an integer")
    return value


def _inventory(ctx: OperationContext) -> InventoryBridge:
    return cast("InventoryBridge", ctx.domains.get("inventory"))


class RestockHandler:
    """``inventory.restock``: add units of a SKU at a unit price."""

    def execute(self, ctx: OperationContext) -> OperationResult:
        stock = _inventory(ctx).stock().restock(
            tenant_id=ctx.tenant_id,
            sku=str(ctx.params["sku"]),
            qty=_int_param(ctx, "qty"),
            unit_price_cents=_int_param(ctx, "unit_price_cents"),
        )
        return ok(stock)


class QueryInventoryHandler:
    """``inventory.query``: methods ``level`` and ``signals``."""

    def execute(self, ctx: OperationContext) -> OperationResult:
        inventory = _inventory(ctx)
        dispatch = DispatchMap(
            sync={"level": inventory.stock().level, "signals": inventory.signals().list},
            error_codes={LookupError: "NOT_FOUND"},
        )
        return dispatch.call_sync(ctx)


class SignalFeedbackHandler:
    """``inventory.signal_feedback``: which low-stock signals were answered by a restock."""

    def __init__(self, ledger: AuditLedger) -> None:
        self._ledger = ledger

    def execute(self, ctx: OperationContext) -> OperationResult:
        from app.hoc.cus.hoc_spine.orchestrator.coordinators.signal_feedback_coordinator import (
            SignalFeedbackCoordinator,
        )

        return ok(SignalFeedbackCoordinator(ctx.domains, self._ledger).feedback(tenant_id=ctx.tenant_id))


def register_operations(registry: OperationRegistry, *, ledger: AuditLedger) -> None:
    """Register the inventory operations."""
    registry.register("inventory.restock", RestockHandler(), cross_domain_deps=[], description="Add stock")
    registry.register("inventory.query", QueryInventoryHandler(), cross_domain_deps=[], description="Read stock")
    registry.register(
        "inventory.signal_feedback",
        SignalFeedbackHandler(ledger),
        cross_domain_deps=[],
        description="Low-stock signals and the restocks that answered them",
    )
