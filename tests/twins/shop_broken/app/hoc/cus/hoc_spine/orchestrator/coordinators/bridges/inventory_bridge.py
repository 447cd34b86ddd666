# Layer: L4 — Bridge
# Role: Inventory capability factory bound to the current transaction
"""Capabilities of the inventory domain."""

from __future__ import annotations

from typing import cast

from lamina.spine import Bridge

from app.hoc.cus.hoc_spine.schemas.db import SqlConnection
from app.hoc.cus.inventory.L5_engines.signal_engine import SignalEngine
from app.hoc.cus.inventory.L5_engines.stock_engine import StockEngine
from app.hoc.cus.inventory.L6_drivers.signal_driver import SignalDriver
from app.hoc.cus.inventory.L6_drivers.stock_driver import StockDriver


class InventoryBridge(Bridge):
    """``ctx.domains.get("inventory")``."""

    domain = "inventory"

    def stock(self) -> StockEngine:
        """Stock levels and reservations."""
        return StockEngine(StockDriver(cast(SqlConnection, self.db)))

    def signals(self) -> SignalEngine:
        """Low-stock signals (warning at 5 units, critical at 1)."""
        return SignalEngine(SignalDriver(cast(SqlConnection, self.db)))
