"""Stock check coordinator: reaches the stock domain by name only."""

from typing import Any


class StockCheck:
    def __init__(self, domains: Any) -> None:
        self.domains = domains

    def check(self) -> None:
        self.domains.get("stock").level("sku")
