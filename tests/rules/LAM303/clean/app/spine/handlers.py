"""Order operations whose declarations are all reached."""

from __future__ import annotations

from typing import Any

from app.spine.order_handlers import AuditHandler as Audit
from app.spine.registry import OperationRegistry, operation

DEPS = ["tracez.span"]


class PlaceHandler:
    def execute(self, ctx: Any) -> None:
        from app.spine.coordinators.fulfilment import FulfilmentCoordinator

        FulfilmentCoordinator(ctx).run()


class LedgerHandler:
    def execute(self, ctx: Any) -> None:
        ctx.domains.get("billing").post()


@operation("orders.refund", cross_domain_deps=["billing.refund"])
def refund(ctx: Any) -> None:
    ctx.domains.get("billing").refund()


def register_operations(registry: OperationRegistry) -> None:
    registry.register("orders.place", PlaceHandler(), cross_domain_deps=["billing.charge", "stock.reserve"])
    registry.register("orders.audit", Audit(), cross_domain_deps=["billing.payments"])
    registry.register("orders.ledger", LedgerHandler(), cross_domain_deps=["ledger.post"])
    registry.register("orders.query", LedgerHandler(), cross_domain_deps=DEPS)  # not literal: LAM301's business
    registry.register("orders.list", PlaceHandler())  # absent: nothing declared, nothing stale
