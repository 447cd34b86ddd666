"""DispatchMap: explicit method tables instead of getattr reflection
(docs/spine.md#3-domains-bridges-and-the-tables-they-own)."""

from __future__ import annotations

import asyncio

import pytest

from lamina.spine import DispatchMap, OperationContext, fail
from lamina.spine.context import frozen_params


def ctx(**params: object) -> OperationContext:
    return OperationContext(tenant_id="t1", params=frozen_params(params))


def get(*, order_id: int, tenant_id: str) -> dict[str, object]:
    if order_id == 0:
        raise LookupError("order 0 not found")
    return {"id": order_id, "tenant": tenant_id}


async def list_orders(*, tenant_id: str, limit: int = 10) -> list[int]:
    return list(range(limit))


def crash(*, tenant_id: str) -> None:
    raise RuntimeError("engine crashed")


DISPATCH = DispatchMap(
    sync={"get": get, "crash": crash, "explicit": lambda tenant_id: fail("custom", "CUSTOM")},
    async_={"list": list_orders},
    error_codes={LookupError: "NOT_FOUND"},
)


def test_sync_method_gets_params_and_tenant() -> None:
    result = asyncio.run(DISPATCH.call(ctx(method="get", order_id=3)))
    assert result.success and result.data == {"id": 3, "tenant": "t1"}


def test_async_method_is_awaited_and_private_params_are_dropped() -> None:
    result = asyncio.run(DISPATCH.call(ctx(method="list", limit=2, _trace="x")))
    assert result.data == [0, 1]


@pytest.mark.parametrize("params", [{}, {"method": 3}])
def test_missing_method(params: dict[str, object]) -> None:
    result = asyncio.run(DISPATCH.call(ctx(**params)))
    assert (result.error_code, result.error) == ("MISSING_METHOD", "Missing 'method' in params")


def test_unknown_method_is_not_resolved_by_reflection() -> None:
    result = asyncio.run(DISPATCH.call(ctx(method="__class__")))
    assert (result.error_code, result.error) == ("UNKNOWN_METHOD", "Unknown method: __class__")


def test_mapped_exception_becomes_its_code_and_others_propagate() -> None:
    result = asyncio.run(DISPATCH.call(ctx(method="get", order_id=0)))
    assert (result.error_code, result.error) == ("NOT_FOUND", "order 0 not found")
    with pytest.raises(RuntimeError, match="engine crashed"):
        asyncio.run(DISPATCH.call(ctx(method="crash")))


def test_returned_operation_result_passes_through() -> None:
    result = DISPATCH.call_sync(ctx(method="explicit"))
    assert (result.error_code, result.error) == ("CUSTOM", "custom")


def test_call_sync_refuses_async_entries() -> None:
    result = DISPATCH.call_sync(ctx(method="list"))
    assert result.error_code == "ASYNC_METHOD_IN_SYNC_CALL"
    assert DISPATCH.call_sync(ctx(method="get", order_id=1)).success


def test_explicit_tenant_param_wins_and_pass_tenant_can_be_disabled() -> None:
    assert DISPATCH.call_sync(ctx(method="get", order_id=1, tenant_id="other")).data == {"id": 1, "tenant": "other"}
    bare = DispatchMap(sync={"args": lambda **kw: sorted(kw)}, pass_tenant=False)
    assert bare.call_sync(ctx(method="args", a=1)).data == ["a"]


def test_methods_are_sorted_and_the_tables_are_frozen() -> None:
    assert DISPATCH.methods == ("crash", "explicit", "get", "list")
    source = {"a": get}
    frozen = DispatchMap(sync=source)
    source["b"] = get
    assert frozen.methods == ("a",)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"sync": {"": get}}, "invalid method name ''"),
        ({"sync": {1: get}}, "invalid method name 1"),
        ({"sync": {"a": "not callable"}}, "dispatch entry 'a' is not callable"),
        ({"sync": {"a": get}, "async_": {"a": list_orders}}, "method 'a' is in both"),
        ({"error_codes": {"LookupError": "X"}}, "is not an exception type"),
    ],
)
def test_construction_rejects_bad_tables(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        DispatchMap(**kwargs)  # type: ignore[arg-type]
