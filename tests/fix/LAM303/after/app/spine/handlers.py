"""Order operations declaring domains their handlers never reach."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from app.spine.registry import OperationRegistry, operation

if TYPE_CHECKING:
    from app.billing.engine import Ledger


class PlaceHandler:
    def execute(self, ctx: Any) -> None:
        from app.stock.engine import level

        level("sku")


class QueryHandler:
    """Shares the module with PlaceHandler, but not its lazy import of stock."""

    def execute(self, ledger: Ledger) -> None:
        return None


@operation(
    "orders.refund",
    cross_domain_deps=[],
)
def refund(ctx: Any) -> None:
    return None


def register_operations(registry: OperationRegistry) -> None:
    registry.register(
        "orders.place", PlaceHandler(), cross_domain_deps=["stock.reserve"]
    )
    registry.register("orders.query", QueryHandler(), cross_domain_deps=[])
    registry.register("orders.audit", QueryHandler(), cross_domain_deps=[])
    registry.register("orders.list", QueryHandler(), cross_domain_deps=[])
