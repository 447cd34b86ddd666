# Layer: L4 — Coordinator
# Role: Fulfilment across inventory and billing (quote, reserve, charge)
"""Fulfilment: the stock and money side of placing an order."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from lamina.spine import Coordinator

if TYPE_CHECKING:
    from app.hoc.cus.hoc_spine.orchestrator.coordinators.bridges.billing_bridge import BillingBridge
    from app.hoc.cus.hoc_spine.orchestrator.coordinators.bridges.inventory_bridge import InventoryBridge


class FulfilmentCoordinator(Coordinator):
    """Reserves stock and charges the account for one order."""

    uses = frozenset({"inventory", "billing"})

    def _inventory(self) -> InventoryBridge:
        return cast("InventoryBridge", self.domains.get("inventory"))

    def _billing(self) -> BillingBridge:
        return cast("BillingBridge", self.domains.get("billing"))

    def quote(self, *, tenant_id: str, sku: str, qty: int) -> int:
        """Price of the order in cents (raises ``LookupError`` for an unknown SKU)."""
        return self._inventory().stock().quote(tenant_id=tenant_id, sku=sku, qty=qty)

    def stock_level(self, *, tenant_id: str, sku: str) -> int:
        """Units on hand (the health reading of a fulfilment run)."""
        return self._inventory().stock().level(tenant_id=tenant_id, sku=sku)

    def reserve(self, *, tenant_id: str, order_id: int, sku: str, qty: int, now: str) -> int:
        """Reserve stock; returns what is left on hand."""
        return self._inventory().stock().reserve(tenant_id=tenant_id, order_id=order_id, sku=sku, qty=qty, now=now)

    def charge(self, *, tenant_id: str, order_id: int, amount_cents: int, now: str) -> int:
        """Charge the order; returns the payment id."""
        payments = self._billing().payments()
        return payments.charge(tenant_id=tenant_id, order_id=order_id, amount_cents=amount_cents, now=now).id
