"""Order operations whose declarations match what their handlers reach."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from app.orders.engine import list_orders
from app.spine import helpers, order_handlers
from app.spine.order_handlers import AuditHandler
from app.spine.registry import OperationRegistry, operation

if TYPE_CHECKING:  # type-checking imports never count
    from app.billing.engine import Ledger


class PlaceHandler:
    def execute(self, ctx: Any) -> None:
        from app.spine.coordinators.fulfilment import FulfilmentCoordinator

        FulfilmentCoordinator(ctx).run()


class QueryHandler:
    """Shares the module with PlaceHandler, but not its lazy imports."""

    def execute(self, ctx: Any, name: str) -> list[str]:
        ctx.domains.get(name)  # not a literal: no domain
        ctx.domains.get("orders")  # the own domain never counts
        helpers.stock_level()  # helpers has no follow role: its imports are not followed
        return list_orders()


class LedgerHandler:
    def execute(self, ledger: Ledger) -> None:
        from app.billing.engine import charge

        charge(1)


class SkillHandler:
    def execute(self, ctx: Any) -> None:
        ctx.domains.get("billing")


@operation("orders.refund", cross_domain_deps=["billing.refund", "stock.release"])
def refund(ctx: Any) -> None:
    ctx.domains.get("billing").refund()
    ctx.domains.get("stock").release()


def register_operations(registry: OperationRegistry, skill_registry: OperationRegistry) -> None:
    registry.register(
        "orders.place",
        PlaceHandler(),
        cross_domain_deps=["billing.charge", "stock.reserve"],
    )
    registry.register("orders.query", QueryHandler(), cross_domain_deps=[])
    registry.register("orders.audit", AuditHandler(), cross_domain_deps=["stock.levels"])
    registry.register("orders.trace", order_handlers.TraceHandler(), cross_domain_deps=[])
    registry.register("orders.ledger", LedgerHandler(), cross_domain_deps=["ledger.post"])  # aliases: ledger → billing
    skill_registry.register("orders.skill", SkillHandler(), cross_domain_deps=[])  # not an operation registry
