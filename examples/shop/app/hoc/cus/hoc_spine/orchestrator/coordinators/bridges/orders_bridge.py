# Layer: L4 — Bridge
# Role: Orders capability factory bound to the current transaction
"""Capabilities of the orders domain."""

from __future__ import annotations

from typing import cast

from lamina.spine import Bridge

from app.hoc.cus.hoc_spine.schemas.db import SqlConnection
from app.hoc.cus.orders.L5_engines.order_engine import OrderEngine
from app.hoc.cus.orders.L6_drivers.order_driver import OrderDriver


class OrdersBridge(Bridge):
    """``ctx.domains.get("orders")``."""

    domain = "orders"

    def orders(self) -> OrderEngine:
        """The order engine over this transaction."""
        return OrderEngine(OrderDriver(cast(SqlConnection, self.db)))
