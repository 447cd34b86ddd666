"""Order operations whose handlers reach domains they do not declare."""

from __future__ import annotations

from typing import Any

from app.spine import order_handlers
from app.spine.order_handlers import AuditHandler
from app.spine.registry import OperationRegistry, operation


class PlaceHandler:
    def execute(self, ctx: Any) -> None:
        from app.spine.coordinators.fulfilment import FulfilmentCoordinator

        FulfilmentCoordinator(ctx).run()


class QueryHandler:
    async def execute(self, ctx: Any) -> None:
        ctx.domains.get("billing").payments()


@operation("orders.refund", cross_domain_deps=["billing.refund", "stock"])
def refund(ctx: Any) -> None:
    ctx.domains.get("billing").refund()
    ctx.domains.get(
        'stock'
    ).release()


def register_operations(registry: OperationRegistry) -> None:
    registry.register(
        "orders.place",
        PlaceHandler(),
        cross_domain_deps=["billing.charge", "stock"],  # stock is reached through the stock_check coordinator
    )
    registry.register("orders.query", QueryHandler(), cross_domain_deps=["billing"])
    registry.register("orders.audit", AuditHandler(), cross_domain_deps=["billing.audit", "stock"])
    registry.register("orders.recount", order_handlers.AuditHandler(), cross_domain_deps=["stock"])
    registry.register("orders.list", QueryHandler(), cross_domain_deps=["billing"])
