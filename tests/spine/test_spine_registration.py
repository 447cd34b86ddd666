"""OperationRegistry.register: every rejection of docs/spine.md#4-wire-the-registry-in-one-function, and
introspection."""

from __future__ import annotations

import pytest
from spine_handlers import Echo, NoExecute

from lamina.spine import OperationRegistry, RegistrationError


def registry_with_domains() -> OperationRegistry:
    return OperationRegistry(domains={"inventory": lambda db: "inv", "billing": lambda db: "bill"})


def test_empty_list_is_an_explicit_valid_declaration() -> None:
    registry = OperationRegistry()
    operation = registry.register("orders.query", Echo(), cross_domain_deps=[])
    assert operation.cross_domain_deps == ()
    assert operation.domain == "orders"
    assert registry.has_operation("orders.query")


def test_declared_dependencies_are_kept_in_order_as_a_tuple() -> None:
    registry = registry_with_domains()
    operation = registry.register("orders.place", Echo(), cross_domain_deps=["inventory.reserve", "billing.charge"])
    assert operation.cross_domain_deps == ("inventory.reserve", "billing.charge")
    assert operation.dependency_domains == frozenset({"inventory", "billing"})


@pytest.mark.parametrize(
    ("name", "deps", "message"),
    [
        ("orders.place", None, "operation 'orders.place' must declare cross_domain_deps (use [] for none)"),
        ("orders.place", "billing.charge", "cross_domain_deps of 'orders.place' must be a list of names, not a string"),
        ("orders.place", {"billing"}, "cross_domain_deps of 'orders.place' must be a list of names, not set"),
        ("Orders", [], "invalid operation name 'Orders'"),
        ("orders", [], "invalid operation name 'orders'"),
        ("orders.place\n", [], "invalid operation name 'orders.place\\n'"),
        ("orders.place", ["Billing"], "invalid dependency 'Billing' of 'orders.place'"),
        ("orders.place", [3], "invalid dependency 3 of 'orders.place'"),
        ("orders.place", ["billing.charge", "billing.charge"], "duplicate dependency 'billing.charge'"),
        ("orders.place", ["orders.query"], "operation 'orders.place' lists its own domain 'orders'"),
        ("orders.place", ["biling.charge"], "operation 'orders.place' depends on unknown domain 'biling'"),
    ],
)
def test_invalid_declarations_are_rejected_and_nothing_is_registered(name: str, deps: object, message: str) -> None:
    registry = registry_with_domains()
    with pytest.raises(RegistrationError) as caught:
        registry.register(name, Echo(), cross_domain_deps=deps)
    assert str(caught.value).startswith(message)
    assert registry.operation_count == 0


def test_missing_cross_domain_deps_keyword_is_a_registration_error() -> None:
    registry = OperationRegistry()
    with pytest.raises(RegistrationError, match=r"must declare cross_domain_deps \(use \[\] for none\)"):
        registry.register("orders.place", Echo())  # type: ignore[call-arg]
    assert registry.operations == ()


def test_duplicate_name_is_rejected_and_the_first_registration_stays() -> None:
    registry = OperationRegistry()
    first = Echo()
    registry.register("orders.place", first, cross_domain_deps=[])
    with pytest.raises(RegistrationError, match="^operation 'orders.place' is already registered$"):
        registry.register("orders.place", Echo(), cross_domain_deps=[])
    assert registry.get("orders.place").handler is first  # type: ignore[union-attr]


def test_frozen_registry_refuses_registration() -> None:
    registry = OperationRegistry()
    registry.freeze()
    assert registry.is_frozen
    with pytest.raises(RegistrationError, match=r"^registry is frozen; cannot register 'orders.place'$"):
        registry.register("orders.place", Echo(), cross_domain_deps=[])


def test_handler_without_callable_execute_is_rejected() -> None:
    registry = OperationRegistry()
    with pytest.raises(RegistrationError, match="^handler for 'orders.place' has no callable execute\\(ctx\\)$"):
        registry.register("orders.place", NoExecute(), cross_domain_deps=[])


def test_unknown_dependency_domains_are_only_checked_when_domains_are_given() -> None:
    registry = OperationRegistry()
    registry.register("orders.place", Echo(), cross_domain_deps=["anything.goes"])
    assert registry.has_operation("orders.place")


def test_non_callable_domain_factory_is_rejected_at_construction() -> None:
    with pytest.raises(RegistrationError, match="factory of domain 'inventory' is not callable"):
        OperationRegistry(domains={"inventory": "not a factory"})  # type: ignore[dict-item]


def test_introspection_is_sorted_and_status_is_json_ready() -> None:
    registry = OperationRegistry()
    for name in ("orders.query", "billing.refund", "orders.place"):
        registry.register(name, Echo(), cross_domain_deps=[], description=f"{name} op")
    registry.freeze()
    assert registry.operations == ("billing.refund", "orders.place", "orders.query")
    assert registry.operation_count == 3
    assert registry.get("orders.place").description == "orders.place op"  # type: ignore[union-attr]
    assert registry.get("nope.nope") is None
    assert registry.status() == {
        "version": "1.0.0",
        "operation_count": 3,
        "frozen": True,
        "operations": ["billing.refund", "orders.place", "orders.query"],
    }


def test_registries_are_independent_values() -> None:
    first, second = OperationRegistry(), OperationRegistry()
    first.register("orders.query", Echo(), cross_domain_deps=[])
    assert second.operations == ()
