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


@operation("orders.audit", cross_domain_deps=[])
def audit() -> None:
    return None


@operation("orders.bill", cross_domain_deps=["billing"])
def bill() -> None:
    from app.billing import engine

    engine.charge()


def register_operations(registry: OperationRegistry, kind: str, options: dict[str, object]) -> None:
    registry.register("orders.list", ListHandler(), cross_domain_deps=[])
    registry.register("orders.charge", ChargeHandler(), description="one line, keyword last", cross_domain_deps=["billing"])
    registry.register(
        "orders.recharge",
        ChargeHandler(),
        cross_domain_deps=["billing"],
    )
    registry.register("orders.outside", handler_from_elsewhere(), cross_domain_deps=[])
    registry.register("orders.inline", lambda ctx: None, cross_domain_deps=["billing"])
    registry.register(
        'orders.query',
        ListHandler(),
        description="no declaration on any of these lines",
        cross_domain_deps=[],
    )
    registry.register("orders.place", ListHandler(), cross_domain_deps=DEPS)
    registry.register("orders.ship", ListHandler(), cross_domain_deps=["billing." + kind])
    registry.register("orders.cancel", ListHandler(), **options)
    registry.register(f"orders.{kind}", ListHandler(), cross_domain_deps=[])
    get_operation_registry().register(name="orders.export", handler=ListHandler(), cross_domain_deps=[])
    spine.get_operation_registry().register("orders.archive", ListHandler(), cross_domain_deps=[])
