"""Order operations registered without a literal declaration."""

from app.spine import registry as spine
from app.spine.registry import OperationRegistry, get_operation_registry, operation

DEPS = ["billing.charge"]


class ListHandler:
    def execute(self) -> None:
        return None


@operation("orders.audit")  # expect: LAM301
def audit() -> None:
    return None


def register_operations(registry: OperationRegistry, kind: str, options: dict[str, object]) -> None:
    registry.register("orders.list", ListHandler())  # expect: LAM301
    registry.register(  # expect: LAM301
        'orders.query',
        ListHandler(),
        description="no declaration on any of these lines",
    )
    registry.register("orders.place", ListHandler(), cross_domain_deps=DEPS)  # expect: LAM301
    registry.register("orders.ship", ListHandler(), cross_domain_deps=["billing." + kind])  # expect: LAM301
    registry.register("orders.cancel", ListHandler(), **options)  # expect: LAM301
    registry.register(f"orders.{kind}", ListHandler(), cross_domain_deps=[])  # expect: LAM301
    get_operation_registry().register(name="orders.export", handler=ListHandler())  # expect: LAM301
    spine.get_operation_registry().register("orders.archive", ListHandler())  # expect: LAM301
