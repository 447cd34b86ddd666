# Layer: L5 — Domain engine
# Role: Order rules: placing, confirming and risk-marking orders
"""The orders engine. It knows order states; it does not know stock, money or transactions."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.hoc.cus.orders.L6_drivers.order_driver import OrderDriver

if TYPE_CHECKING:
    # Type-only: engines never depend on the persistence layer at runtime.
    from app.models.order import OrderRecord

PENDING = "PENDING"
CONFIRMED = "CONFIRMED"
RISK_LEVELS = frozenset({"normal", "elevated", "high"})


class OrderNotFound(LookupError):
    """The tenant has no order with that id."""


class OrderEngine:
    """Order lifecycle for one tenant at a time."""

    def __init__(self, driver: OrderDriver, hooks: object | None = None) -> None:
        self._driver = driver
        self._hooks = hooks

    def place_express(self, *, tenant_id: str, sku: str, qty: int, now: str) -> object:
        """Fault: the engine drives fulfilment itself instead of being driven by the orchestrator."""
        coordinator = self._hooks.get_fulfilment_coordinator()  # expect: LAM201
        return coordinator.quote(tenant_id=tenant_id, sku=sku, qty=qty)

    def open(self, *, tenant_id: str, sku: str, qty: int, amount_cents: int, run_id: str, now: str) -> OrderRecord:
        """Create a PENDING order; fulfilment confirms it later."""
        if qty <= 0:
            raise ValueError(f"quantity must be positive, got {qty}")
        order_id = self._driver.insert(
            tenant_id=tenant_id, sku=sku, qty=qty, amount_cents=amount_cents, status=PENDING, run_id=run_id,
            created_at=now,
        )
        return self.get(tenant_id=tenant_id, order_id=order_id)

    def confirm(self, *, tenant_id: str, order_id: int) -> OrderRecord:
        """PENDING → CONFIRMED; any other starting state is an error."""
        order = self.get(tenant_id=tenant_id, order_id=order_id)
        if order.status != PENDING:
            raise ValueError(f"order {order_id} is {order.status}, not {PENDING}")
        self._driver.set_status(tenant_id=tenant_id, order_id=order_id, status=CONFIRMED)
        return self.get(tenant_id=tenant_id, order_id=order_id)

    def mark_risk(self, *, tenant_id: str, order_id: int, risk: str) -> None:
        """Record how risky fulfilling this order was (set by stock signals)."""
        if risk not in RISK_LEVELS:
            raise ValueError(f"unknown risk level {risk!r}")
        if self._driver.set_risk(tenant_id=tenant_id, order_id=order_id, risk=risk) != 1:
            raise OrderNotFound(f"order {order_id} not found")

    def get(self, *, tenant_id: str, order_id: int) -> OrderRecord:
        """The order, or ``OrderNotFound``."""
        order = self._driver.get(tenant_id=tenant_id, order_id=order_id)
        if order is None:
            raise OrderNotFound(f"order {order_id} not found")
        return order

    def list(self, *, tenant_id: str) -> tuple[OrderRecord, ...]:
        """All orders of the tenant."""
        return self._driver.list_for_tenant(tenant_id=tenant_id)
