"""Bridges, coordinators and tolerant evidence gathering (docs/spine.md#3-domains-bridges-and-the-tables-they-own)."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

import pytest

from lamina.spine import (
    Bridge,
    Coordinator,
    DomainAccess,
    EvidenceGap,
    UndeclaredDomainError,
    gather_evidence,
    gather_evidence_async,
)


class InventoryBridge(Bridge):
    domain = "inventory"

    def stock(self) -> tuple[str, object]:
        return ("stock", self.db)


def test_bridge_is_bound_to_the_handle() -> None:
    assert InventoryBridge("HANDLE").stock() == ("stock", "HANDLE")


def test_bridge_with_too_many_public_methods_is_rejected_at_class_creation() -> None:
    with pytest.raises(TypeError, match=r"^bridge 'WideBridge' has 6 public methods \(max 5\)$"):

        class WideBridge(Bridge):
            def a(self) -> None: ...
            def b(self) -> None: ...
            def c(self) -> None: ...
            def d(self) -> None: ...
            def e(self) -> None: ...
            def f(self) -> None: ...


def test_private_methods_do_not_count_and_the_limit_is_a_class_attribute() -> None:
    class Roomy(Bridge):
        max_public_methods = 1

        def one(self) -> None: ...
        def _helper(self) -> None: ...

    with pytest.raises(TypeError, match="has 2 public methods"):

        class Grown(Roomy):
            def two(self) -> None: ...


def test_bridge_method_with_session_parameter_is_rejected() -> None:
    with pytest.raises(TypeError, match="^bridge method 'LeakyBridge.engine' takes parameter 'session'$"):

        class LeakyBridge(Bridge):
            def engine(self, session: object) -> None: ...


class Fulfilment(Coordinator):
    uses = {"inventory", "billing"}  # type: ignore[assignment]  # a set literal is normalised

    def reserve(self, sku: str) -> object:
        return self.domains.get("inventory")


def access(*allowed: str) -> DomainAccess:
    return DomainAccess(
        allowed,
        factories={"inventory": lambda db: "inv", "billing": lambda db: "bill", "orders": lambda db: "ord"},
        operation="orders.place",
        own_domain="orders",
    )


def test_coordinator_uses_are_frozen_and_reach_only_its_domains() -> None:
    assert Fulfilment.uses == frozenset({"inventory", "billing"})
    coordinator = Fulfilment(access("orders", "inventory", "billing"))
    assert coordinator.reserve("A1") == "inv"
    with pytest.raises(UndeclaredDomainError):
        coordinator.domains.get("orders")


def test_coordinator_built_by_an_operation_that_did_not_declare_its_domains_fails_immediately() -> None:
    with pytest.raises(UndeclaredDomainError, match="reached undeclared domain 'billing' \\(declared: inventory\\)"):
        Fulfilment(access("orders", "inventory"))


@pytest.mark.parametrize("parameter", ["session", "db"])
def test_coordinator_methods_never_take_a_session_or_db(parameter: str) -> None:
    source = f"def charge(self, {parameter}): ...\n"
    namespace: dict[str, object] = {}
    exec(source, namespace)  # builds the method with the parametrised parameter name
    with pytest.raises(TypeError, match=f"takes parameter '{parameter}'$"):
        type("Leaky", (Coordinator,), {"charge": namespace["charge"]})


def test_coordinator_uses_must_be_names() -> None:
    with pytest.raises(TypeError, match="must declare uses as a set of domain names"):

        class Bad(Coordinator):
            uses = "inventory"  # type: ignore[assignment]


def incidents() -> Sequence[str]:
    return ["i1", "i2"]


def policies() -> Sequence[str]:
    raise ConnectionError("policies store unreachable")


def test_gather_evidence_tolerates_a_failing_source() -> None:
    order: list[str] = []

    def tracked(name: str, source):  # type: ignore[no-untyped-def]
        def call() -> Sequence[str]:
            order.append(name)
            return source()

        return call

    sources = {"policies": tracked("policies", policies), "incidents": tracked("incidents", incidents)}
    evidence = gather_evidence(sources)
    assert order == ["incidents", "policies"], "sorted name order"
    assert dict(evidence.items) == {"incidents": ("i1", "i2"), "policies": ()}
    assert evidence.gaps == (EvidenceGap("policies", "ConnectionError", "policies store unreachable"),)
    assert not evidence.complete
    with pytest.raises(TypeError):
        evidence.items["x"] = ()  # type: ignore[index]


def test_gather_evidence_async_awaits_in_sorted_order() -> None:
    async def controls() -> Sequence[int]:
        return (1,)

    async def broken() -> Sequence[int]:
        raise KeyError("gone")

    evidence = asyncio.run(gather_evidence_async({"z": broken, "controls": controls}))
    assert list(evidence.items) == ["controls", "z"]
    assert evidence.gaps[0].source == "z" and evidence.gaps[0].error_type == "KeyError"
    assert gather_evidence({}).complete
