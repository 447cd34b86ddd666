"""Fulfilment coordinator: billing at module level, stock through another coordinator."""

from typing import Any

from app.billing.engine import charge


class FulfilmentCoordinator:
    def __init__(self, domains: Any) -> None:
        self.domains = domains

    def run(self) -> None:
        from app.spine.coordinators.stock_check import StockCheck

        StockCheck(self.domains).check()
        charge(1)
