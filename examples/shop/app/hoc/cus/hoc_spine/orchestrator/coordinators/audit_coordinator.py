# Layer: L4 — Coordinator
# Role: Order audit across orders and billing (charged amount matches order amount)
"""Cross-domain audit of one order: does billing agree with what the order says?"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from lamina.spine import Coordinator

if TYPE_CHECKING:
    from app.hoc.cus.hoc_spine.orchestrator.coordinators.bridges.billing_bridge import BillingBridge
    from app.hoc.cus.hoc_spine.orchestrator.coordinators.bridges.orders_bridge import OrdersBridge


class AuditCoordinator(Coordinator):
    """Compares an order with its payments."""

    uses = frozenset({"orders", "billing"})

    def audit_order(self, *, tenant_id: str, order_id: int) -> dict[str, object]:
        """A consistency report for one order."""
        order = cast("OrdersBridge", self.domains.get("orders")).orders().get(tenant_id=tenant_id, order_id=order_id)
        payments = cast("BillingBridge", self.domains.get("billing")).payments().for_order(
            tenant_id=tenant_id, order_id=order_id
        )
        charged = sum(p.amount_cents for p in payments if p.kind == "charge")
        expected = order.amount_cents if order.status == "CONFIRMED" else 0
        return {
            "order_id": order.id,
            "status": order.status,
            "expected_cents": expected,
            "charged_cents": charged,
            "consistent": charged == expected,
        }
