# Layer: L2 — API
# Role: Orders API: place, read, audit and trace orders
"""Orders API. Every function is one ``registry.execute`` of an ``orders.*`` operation."""

from __future__ import annotations

from lamina.spine import OperationRegistry, OperationResult


async def place_order(registry: OperationRegistry, *, tenant_id: str, sku: str, qty: int) -> OperationResult:
    """Place an order; fulfilment (reserve, charge, signal, confirm) runs inside the operation."""
    return await registry.execute("orders.place", tenant_id=tenant_id, params={"sku": sku, "qty": qty})


async def get_order(registry: OperationRegistry, *, tenant_id: str, order_id: int) -> OperationResult:
    """One order (``NOT_FOUND`` when missing)."""
    return await registry.execute("orders.query", tenant_id=tenant_id, params={"method": "get", "order_id": order_id})


async def list_orders(registry: OperationRegistry, *, tenant_id: str) -> OperationResult:
    """All orders of the tenant."""
    return await registry.execute("orders.query", tenant_id=tenant_id, params={"method": "list"})


async def audit_order(registry: OperationRegistry, *, tenant_id: str, order_id: int) -> OperationResult:
    """Whether billing agrees with the order."""
    return await registry.execute("orders.audit", tenant_id=tenant_id, params={"method": "order", "order_id": order_id})


async def order_evidence(registry: OperationRegistry, *, tenant_id: str, order_id: int) -> OperationResult:
    """Cross-domain evidence and the run proof of an order."""
    return await registry.execute("orders.evidence", tenant_id=tenant_id, params={"order_id": order_id})
