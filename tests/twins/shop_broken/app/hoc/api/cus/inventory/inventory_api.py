# Layer: L2 — API
# Role: Inventory API: restock, stock level, signals and their feedback
"""Inventory API. Every function is one ``registry.execute`` of an ``inventory.*`` operation."""

from __future__ import annotations

from lamina.spine import OperationRegistry, OperationResult


async def restock(
    registry: OperationRegistry, *, tenant_id: str, sku: str, qty: int, unit_price_cents: int
) -> OperationResult:
    """Add stock of a SKU at a unit price."""
    return await registry.execute(
        "inventory.restock", tenant_id=tenant_id, params={"sku": sku, "qty": qty, "unit_price_cents": unit_price_cents}
    )


async def stock_level(registry: OperationRegistry, *, tenant_id: str, sku: str) -> OperationResult:
    """Units on hand."""
    return await registry.execute("inventory.query", tenant_id=tenant_id, params={"method": "level", "sku": sku})


async def signal_feedback(registry: OperationRegistry, *, tenant_id: str) -> OperationResult:
    """Low-stock signals and the restocks that answered them."""
    return await registry.execute("inventory.signal_feedback", tenant_id=tenant_id)
