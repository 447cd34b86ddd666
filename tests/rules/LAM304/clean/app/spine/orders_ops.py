"""Order operations, each registered once."""

from app.spine.registry import OperationRegistry, operation


class PlaceHandler:
    pass


@operation("orders.audit", cross_domain_deps=[])
def audit() -> None:
    return None


def register_operations(registry: OperationRegistry, skill_registry: OperationRegistry, kind: str) -> None:
    registry.register("orders.place", PlaceHandler(), cross_domain_deps=[])
    registry.register('orders.query', PlaceHandler(), cross_domain_deps=[])
    registry.register("orders.Place", PlaceHandler(), cross_domain_deps=[])  # names are case-sensitive
    skill_registry.register("orders.place", PlaceHandler())  # not an operation registry
    registry.execute("orders.place")  # an execution, not a registration
    registry.register(f"orders.{kind}", PlaceHandler(), cross_domain_deps=[])
    registry.register(f"orders.{kind}", PlaceHandler(), cross_domain_deps=[])
