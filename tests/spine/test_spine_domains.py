"""Declared domains are enforced at runtime (docs/spine.md#3-domains-bridges-and-the-tables-they-own)."""

from __future__ import annotations

import asyncio

import pytest

from lamina.spine import (
    NO_DOMAINS,
    DomainAccess,
    OperationContext,
    OperationRegistry,
    OperationResult,
    SpineError,
    UndeclaredDomainError,
    ok,
)


class Reaches:
    """Reaches the domains listed in ``params['reach']`` through ``ctx.domains``."""

    def execute(self, ctx: OperationContext) -> OperationResult:
        reached = [ctx.domains.get(str(name)) for name in ctx.params["reach"]]  # type: ignore[union-attr]
        return ok(reached)


def build(created: list[str]) -> OperationRegistry:
    def factory(name: str):  # type: ignore[no-untyped-def]
        def make(db: object) -> str:
            created.append(name)
            return f"{name}-capability"

        return make

    registry = OperationRegistry(domains={n: factory(n) for n in ("orders", "inventory", "billing")})
    registry.register("orders.place", Reaches(), cross_domain_deps=["inventory.reserve"])
    return registry


def test_own_and_declared_domains_are_reachable() -> None:
    created: list[str] = []
    params = {"reach": ["orders", "inventory"]}
    result = asyncio.run(build(created).execute("orders.place", tenant_id="t", params=params))
    assert result.data == ["orders-capability", "inventory-capability"]


def test_undeclared_domain_raises_and_is_reported_as_handler_exception() -> None:
    created: list[str] = []
    result = asyncio.run(build(created).execute("orders.place", tenant_id="t", params={"reach": ["billing"]}))
    assert result.error_code == "HANDLER_EXCEPTION:UndeclaredDomainError"
    assert result.error == "operation 'orders.place' reached undeclared domain 'billing' (declared: inventory)"
    assert created == [], "the undeclared factory never ran"


def test_capabilities_are_created_on_first_use_and_cached_per_execution() -> None:
    created: list[str] = []
    registry = build(created)
    registry.execute_sync("orders.place", tenant_id="t", params={"reach": ["inventory", "inventory"]})
    registry.execute_sync("orders.place", tenant_id="t", params={"reach": ["inventory"]})
    assert created == ["inventory", "inventory"], "once per execution, fresh for the next one"


def test_factory_receives_the_transaction_handle() -> None:
    access = DomainAccess({"inventory"}, factories={"inventory": lambda db: ("bound", db)}, db="HANDLE")
    assert access.get("inventory") == ("bound", "HANDLE")


def test_declared_domain_without_factory_is_a_spine_error() -> None:
    access = DomainAccess({"orders", "inventory"}, factories={}, operation="orders.place", own_domain="orders")
    with pytest.raises(SpineError, match="^domain 'inventory' is not provided by this registry$"):
        access.get("inventory")


def test_restricted_view_narrows_and_shares_the_cache() -> None:
    created: list[str] = []
    access = DomainAccess(
        {"orders", "inventory", "billing"},
        factories={"inventory": lambda db: created.append("inventory") or object()},
        operation="orders.place",
        own_domain="orders",
    )
    narrow = access.restricted({"inventory"})
    assert narrow.allowed == frozenset({"inventory"})
    assert narrow.get("inventory") is access.get("inventory")
    assert created == ["inventory"]
    with pytest.raises(UndeclaredDomainError, match="reached undeclared domain 'billing'"):
        narrow.get("billing")


def test_restricting_beyond_the_view_raises() -> None:
    access = DomainAccess({"orders"}, operation="orders.query", own_domain="orders")
    with pytest.raises(UndeclaredDomainError) as caught:
        access.restricted({"billing", "orders"})
    assert str(caught.value) == "operation 'orders.query' reached undeclared domain 'billing' (declared: none)"


def test_no_domains_refuses_everything() -> None:
    with pytest.raises(UndeclaredDomainError):
        NO_DOMAINS.get("orders")
    assert NO_DOMAINS.allowed == frozenset()
