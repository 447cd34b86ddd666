# Layer: L4 — Coordinator
# Role: Dual threshold signal emission (inventory signal, then order risk)
"""Signals after a reservation: emit the stock signal, then update the order's risk, in that order."""

from __future__ import annotations

from types import MappingProxyType
from typing import TYPE_CHECKING, cast

from lamina.spine import Coordinator

if TYPE_CHECKING:
    from app.hoc.cus.hoc_spine.orchestrator.coordinators.bridges.inventory_bridge import InventoryBridge
    from app.hoc.cus.hoc_spine.orchestrator.coordinators.bridges.orders_bridge import OrdersBridge

# Which order risk follows from which signal severity.
RISK_BY_SEVERITY = MappingProxyType({"warning": "elevated", "critical": "high"})


class SignalCoordinator(Coordinator):
    """Turns a low stock level into a stock signal and an order risk marker."""

    uses = frozenset({"inventory", "orders"})

    def evaluate(self, *, tenant_id: str, order_id: int, sku: str, now: str) -> dict[str, object] | None:
        """Return the emitted signal, or ``None`` when the level is above both thresholds."""
        inventory = cast("InventoryBridge", self.domains.get("inventory"))
        level = inventory.stock().level(tenant_id=tenant_id, sku=sku)
        signals = inventory.signals()
        severity = signals.classify(level)
        if severity is None:
            return None
        # Emit first: the signal is the evidence; the risk marker is derived from it.
        signal = signals.emit(tenant_id=tenant_id, sku=sku, severity=severity, level=level, now=now)
        orders = cast("OrdersBridge", self.domains.get("orders"))
        orders.orders().mark_risk(tenant_id=tenant_id, order_id=order_id, risk=RISK_BY_SEVERITY[severity])
        return {"signal_id": signal.id, "severity": severity, "level": level, "risk": RISK_BY_SEVERITY[severity]}
