"""Order operations, one of them registered twice."""

from app.spine.registry import OperationRegistry


class PlaceHandler:
    pass


def register_operations(registry: OperationRegistry) -> None:
    registry.register("orders.place", PlaceHandler(), cross_domain_deps=[])  # expect: LAM304
    registry.register('orders.query', PlaceHandler(), cross_domain_deps=[])  # expect: LAM304
    registry.register(  # expect: LAM304
        "orders.place",
        PlaceHandler(),
        cross_domain_deps=[],
    )
