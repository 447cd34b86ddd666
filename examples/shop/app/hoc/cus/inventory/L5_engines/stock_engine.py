# Layer: L5 — Domain engine
# Role: Stock rules: restocking, quoting and reserving
"""The stock engine: prices, levels and reservations."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.hoc.cus.inventory.L6_drivers.stock_driver import StockDriver

if TYPE_CHECKING:
    from app.models.inventory import ReservationRecord, StockRecord


class UnknownSku(LookupError):
    """The tenant does not stock this SKU."""


class InsufficientStock(ValueError):
    """Not enough on hand to reserve."""


class StockEngine:
    """Stock levels and reservations of one tenant at a time."""

    def __init__(self, driver: StockDriver) -> None:
        self._driver = driver

    def restock(self, *, tenant_id: str, sku: str, qty: int, unit_price_cents: int) -> StockRecord:
        """Add ``qty`` units (creating the SKU if needed) and return the new level."""
        if qty <= 0 or unit_price_cents < 0:
            raise ValueError("restock needs a positive quantity and a non-negative price")
        self._driver.add(tenant_id=tenant_id, sku=sku, qty=qty, unit_price_cents=unit_price_cents)
        return self.stock(tenant_id=tenant_id, sku=sku)

    def stock(self, *, tenant_id: str, sku: str) -> StockRecord:
        """The stock row, or ``UnknownSku``."""
        record = self._driver.get(tenant_id=tenant_id, sku=sku)
        if record is None:
            raise UnknownSku(f"unknown SKU {sku!r}")
        return record

    def level(self, *, tenant_id: str, sku: str) -> int:
        """Units on hand."""
        return self.stock(tenant_id=tenant_id, sku=sku).on_hand

    def quote(self, *, tenant_id: str, sku: str, qty: int) -> int:
        """Price of ``qty`` units in cents."""
        if qty <= 0:
            raise ValueError(f"quantity must be positive, got {qty}")
        return self.stock(tenant_id=tenant_id, sku=sku).unit_price_cents * qty

    def reserve(self, *, tenant_id: str, order_id: int, sku: str, qty: int, now: str) -> int:
        """Take ``qty`` units for ``order_id``; return what is left on hand."""
        if not self._driver.take(tenant_id=tenant_id, sku=sku, qty=qty):
            raise InsufficientStock(f"only {self.level(tenant_id=tenant_id, sku=sku)} of {sku!r} on hand, {qty} wanted")
        self._driver.insert_reservation(tenant_id=tenant_id, order_id=order_id, sku=sku, qty=qty, created_at=now)
        return self.level(tenant_id=tenant_id, sku=sku)

    def reservations(self, *, tenant_id: str, order_id: int) -> tuple[ReservationRecord, ...]:
        """Reservations made for one order."""
        return self._driver.reservations_for_order(tenant_id=tenant_id, order_id=order_id)
