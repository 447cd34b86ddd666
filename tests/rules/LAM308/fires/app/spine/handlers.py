"""Operations named after things that are not domains of the tree."""


class Handler:
    def execute(self) -> None:
        return None


def register_operations(registry: object) -> None:
    registry.register("orders.list", Handler(), cross_domain_deps=[])
    registry.register("proxy.ops", Handler(), cross_domain_deps=[])  # expect: LAM308
    registry.register("proxy.ops", Handler(), cross_domain_deps=[])  # reported once per operation
    registry.register(  # expect: LAM308
        name="killswitch.engage",
        handler=Handler(),
        cross_domain_deps=[],
    )
    registry.register("spine.health", Handler(), cross_domain_deps=[])  # expect: LAM308
