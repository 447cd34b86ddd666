"""Order operations, each with a literal declaration.

A docstring is never code: registry.register("orders.ghost", handler) registers nothing.
"""

from app.spine.registry import OperationRegistry, get_operation_registry, operation


class ListHandler:
    def execute(self) -> None:
        return None


class SkillRegistry:
    def register(self, name: str, handler: object) -> None:
        return None


def register(name: str, handler: object) -> None:
    return None


@operation("orders.audit", cross_domain_deps=["billing.payments"])
def audit() -> None:
    return None


def register_operations(registry: OperationRegistry, skill_registry: SkillRegistry) -> None:
    registry.register("orders.list", ListHandler(), cross_domain_deps=[])
    registry.register(
        'orders.query',
        ListHandler(),
        cross_domain_deps=(),
    )
    registry.register("orders." "place", ListHandler(), cross_domain_deps=("billing.charge", 'stock.reserve'))
    get_operation_registry().register(name="orders.export", handler=ListHandler(), cross_domain_deps=[])
    # Receivers are matched on their last segment: these are not operation registrations.
    skill_registry.register("orders.skill", ListHandler())
    register("orders.bare", ListHandler())
