"""Order operations registered without a literal declaration."""

from app.spine import registry as spine
from app.spine.registry import OperationRegistry, get_operation_registry, handler_from_elsewhere, operation

DEPS = ["billing.charge"]


class ListHandler:
    def execute(self) -> None:
        return None


class ChargeHandler:
    def execute(self) -> None:
        from app.billing.engine import charge

        charge()


@operation("orders.audit")
def audit() -> None:
    return None


@operation("orders.bill")
def bill() -> None:
    from app.billing import engine

    engine.charge()


def register_operations(registry: OperationRegistry, kind: str, options: dict[str, object]) -> None:
    registry.register("orders.list", ListHandler())
    registry.register("orders.charge", ChargeHandler(), description="one line, keyword last")
    registry.register(
        "orders.recharge",
        ChargeHandler(),
    )
    registry.register("orders.outside", handler_from_elsewhere())
    registry.register("orders.inline", lambda ctx: None)
    registry.register(
        'orders.query',
        ListHandler(),
        description="no declaration on any of these lines",
    )
    registry.register("orders.place", ListHandler(), cross_domain_deps=DEPS)
    registry.register("orders.ship", ListHandler(), cross_domain_deps=["billing." + kind])
    registry.register("orders.cancel", ListHandler(), **options)
    registry.register(f"orders.{kind}", ListHandler(), cross_domain_deps=[])
    get_operation_registry().register(name="orders.export", handler=ListHandler())
    spine.get_operation_registry().register("orders.archive", ListHandler())
