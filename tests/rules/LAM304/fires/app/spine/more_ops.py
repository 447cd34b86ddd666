"""More order operations, repeating names registered elsewhere."""

from app.spine.registry import OperationRegistry, operation


@operation("orders.place", cross_domain_deps=[])  # expect: LAM304
def place_again() -> None:
    return None


def register_more(registry: OperationRegistry) -> None:
    registry.register(name="orders.query", handler=place_again, cross_domain_deps=[])  # expect: LAM304
