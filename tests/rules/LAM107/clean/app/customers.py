"""Customers list their orders, but import them lazily and for type checking only: no cycle edge."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.orders import Order


class Customer:
    def orders(self) -> list[Order]:
        from app.orders import Order

        return [Order()]
