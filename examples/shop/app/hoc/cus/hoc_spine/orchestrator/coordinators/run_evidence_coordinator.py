# Layer: L4 — Coordinator
# Role: Run evidence for an order across orders, inventory and billing (tolerant of a failing source)
"""Everything the domains know about one order's fulfilment run, gathered with ``gather_evidence``."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from lamina.spine import Coordinator, Evidence, gather_evidence

if TYPE_CHECKING:
    from app.hoc.cus.hoc_spine.orchestrator.coordinators.bridges.billing_bridge import BillingBridge
    from app.hoc.cus.hoc_spine.orchestrator.coordinators.bridges.inventory_bridge import InventoryBridge
    from app.hoc.cus.hoc_spine.orchestrator.coordinators.bridges.orders_bridge import OrdersBridge


class RunEvidenceCoordinator(Coordinator):
    """One evidence source per domain; one failing source leaves a gap, not an error."""

    uses = frozenset({"orders", "inventory", "billing"})

    def evidence(self, *, tenant_id: str, order_id: int) -> Evidence[object]:
        """The order, its reservations and its payments."""
        orders = cast("OrdersBridge", self.domains.get("orders"))
        inventory = cast("InventoryBridge", self.domains.get("inventory"))
        billing = cast("BillingBridge", self.domains.get("billing"))
        return gather_evidence(
            {
                "orders": lambda: (orders.orders().get(tenant_id=tenant_id, order_id=order_id),),
                "inventory": lambda: inventory.stock().reservations(tenant_id=tenant_id, order_id=order_id),
                "billing": lambda: billing.payments().for_order(tenant_id=tenant_id, order_id=order_id),
            }
        )
