"""Every operation is owned: by its first segment, or by the domain an alias maps it to."""


class Handler:
    def execute(self) -> None:
        return None


def register_operations(registry: object, name: str) -> None:
    registry.register("orders.list", Handler(), cross_domain_deps=[])
    registry.register("traces.get", Handler(), cross_domain_deps=[])  # aliased to orders
    registry.register(name, Handler(), cross_domain_deps=[])  # not a literal: nothing to judge
    cache = {}
    cache.register("proxy.ops")  # not an operation registry
