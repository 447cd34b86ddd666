"""OperationRegistry.execute / execute_sync: result mapping, authority, audit
(docs/spine.md#4-wire-the-registry-in-one-function)."""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timezone

import pytest
from spine_handlers import AsyncEcho, Echo
from spine_support import ListSink

from lamina.spine import (
    AuditRecord,
    AuthorityDecision,
    Operation,
    OperationContext,
    OperationRegistry,
    OperationResult,
    fail,
    ok,
)


def fixed_clock() -> datetime:
    return datetime(2026, 1, 31, 12, 0, tzinfo=timezone.utc)


class Raises:
    def execute(self, ctx: OperationContext) -> OperationResult:
        raise LookupError("no such order")


class ReturnsWrongType:
    def execute(self, ctx: OperationContext) -> OperationResult:
        return "done"  # type: ignore[return-value]


class Captures:
    def __init__(self) -> None:
        self.seen: list[OperationContext] = []

    def execute(self, ctx: OperationContext) -> OperationResult:
        self.seen.append(ctx)
        return ok()


def test_unknown_operation_is_a_result_not_an_exception(sink: ListSink) -> None:
    registry = OperationRegistry(audit=sink)
    result = asyncio.run(registry.execute("orders.nope", tenant_id="t1"))
    assert (result.success, result.error_code) == (False, "UNKNOWN_OPERATION")
    assert result.error == "No handler registered for operation: orders.nope"
    assert result.operation == "orders.nope"
    assert sink.records[0].operation == "orders.nope" and sink.records[0].cross_domain_deps == ()


@pytest.mark.parametrize("handler", [Echo(), AsyncEcho()], ids=["sync", "async"])
def test_sync_and_async_handlers_both_run_under_execute(handler: object) -> None:
    registry = OperationRegistry()
    registry.register("orders.echo", handler, cross_domain_deps=[])
    result = asyncio.run(registry.execute("orders.echo", tenant_id="t1", params={"a": 1}))
    assert result.success and result.data == {"a": 1}
    assert result.operation == "orders.echo" and result.duration_ms >= 0.0


def test_handler_exception_becomes_handler_exception_code(caplog: pytest.LogCaptureFixture) -> None:
    registry = OperationRegistry()
    registry.register("orders.get", Raises(), cross_domain_deps=[])
    with caplog.at_level(logging.ERROR, logger="lamina.spine"):
        result = asyncio.run(registry.execute("orders.get", tenant_id="t1"))
    assert (result.error_code, result.error) == ("HANDLER_EXCEPTION:LookupError", "no such order")
    assert any(r.exc_info for r in caplog.records), "the traceback is logged"


def test_non_result_return_value_is_invalid_result() -> None:
    registry = OperationRegistry()
    registry.register("orders.get", ReturnsWrongType(), cross_domain_deps=[])
    result = registry.execute_sync("orders.get", tenant_id="t1")
    assert (result.error_code, result.error) == ("INVALID_RESULT", "handler returned str")


def test_context_is_built_by_the_registry_with_read_only_params() -> None:
    handler = Captures()
    registry = OperationRegistry(clock=fixed_clock)
    registry.register("orders.get", handler, cross_domain_deps=[])
    params = {"id": 7}
    registry.execute_sync("orders.get", tenant_id="t1", params=params)
    ctx = handler.seen[0]
    assert (ctx.tenant_id, ctx.operation, ctx.timestamp) == ("t1", "orders.get", "2026-01-31T12:00:00+00:00")
    assert ctx.db is None
    with pytest.raises(TypeError):
        ctx.params["id"] = 8  # type: ignore[index]
    params["id"] = 9
    assert ctx.params["id"] == 7, "a copy, not a view of the caller's dict"


def test_authority_denial_skips_the_handler_and_is_audited(sink: ListSink) -> None:
    handler = Captures()
    registry = OperationRegistry(authority=lambda op, ctx: AuthorityDecision(False, "tenant suspended"), audit=sink)
    registry.register("orders.get", handler, cross_domain_deps=[])
    result = asyncio.run(registry.execute("orders.get", tenant_id="t1"))
    assert (result.error_code, result.error) == ("AUTHORITY_DENIED", "tenant suspended")
    assert handler.seen == []
    assert sink.records[0].authority_reason == "tenant suspended"


def test_authority_error_fails_closed() -> None:
    def broken(operation: Operation, ctx: OperationContext) -> AuthorityDecision:
        raise RuntimeError("policy store down")

    handler = Captures()
    registry = OperationRegistry(authority=broken)
    registry.register("orders.get", handler, cross_domain_deps=[])
    result = registry.execute_sync("orders.get", tenant_id="t1")
    assert (result.error_code, result.error) == ("AUTHORITY_ERROR", "RuntimeError: policy store down")
    assert handler.seen == []


def test_authority_hook_sees_the_operation_and_context() -> None:
    seen: list[tuple[str, str]] = []

    def hook(operation: Operation, ctx: OperationContext) -> AuthorityDecision:
        seen.append((operation.name, ctx.tenant_id))
        return AuthorityDecision(True, "ok by policy")

    registry = OperationRegistry(authority=hook)
    registry.register("orders.get", Echo(), cross_domain_deps=[])
    assert registry.execute_sync("orders.get", tenant_id="t9").success
    assert seen == [("orders.get", "t9")]


def test_audit_record_carries_the_declaration_and_outcome(sink: ListSink) -> None:
    registry = OperationRegistry(audit=sink, clock=fixed_clock)
    registry.register("orders.place", Raises(), cross_domain_deps=["billing.charge"])
    result = asyncio.run(registry.execute("orders.place", tenant_id="t1", request_id="r-1", actor_id="alice"))
    assert sink.records == [
        AuditRecord(
            operation="orders.place",
            tenant_id="t1",
            success=False,
            error_code="HANDLER_EXCEPTION:LookupError",
            duration_ms=result.duration_ms,
            timestamp="2026-01-31T12:00:00+00:00",
            cross_domain_deps=("billing.charge",),
            authority_reason="allow_all",
            request_id="r-1",
            actor_id="alice",
        )
    ]


def test_failing_audit_never_changes_or_fails_the_call(caplog: pytest.LogCaptureFixture) -> None:
    class BrokenSink:
        def record(self, record: AuditRecord) -> None:
            raise OSError("disk full")

    registry = OperationRegistry(audit=BrokenSink())
    registry.register("orders.echo", Echo(), cross_domain_deps=[])
    with caplog.at_level(logging.ERROR, logger="lamina.spine"):
        assert asyncio.run(registry.execute("orders.echo", tenant_id="t1")).success
        assert registry.execute_sync("orders.echo", tenant_id="t1").success
    assert sum("audit of operation" in r.getMessage() for r in caplog.records) == 2


def test_async_audit_sink_is_awaited_by_execute() -> None:
    class AsyncSink:
        def __init__(self) -> None:
            self.records: list[AuditRecord] = []

        async def record(self, record: AuditRecord) -> None:
            self.records.append(record)

    sink = AsyncSink()
    registry = OperationRegistry(audit=sink)
    registry.register("orders.echo", Echo(), cross_domain_deps=[])
    asyncio.run(registry.execute("orders.echo", tenant_id="t1"))
    assert [r.operation for r in sink.records] == ["orders.echo"]


def test_execute_sync_refuses_async_handlers_without_leaking_the_coroutine() -> None:
    registry = OperationRegistry()
    registry.register("orders.echo", AsyncEcho(), cross_domain_deps=[])
    with _no_runtime_warning():
        result = registry.execute_sync("orders.echo", tenant_id="t1")
    assert (result.error_code, result.error) == (
        "ASYNC_HANDLER_IN_SYNC_CALL",
        "operation 'orders.echo' is async; use execute()",
    )


def test_execute_sync_refuses_an_async_boundary_before_anything_runs() -> None:
    class AsyncBoundary:
        is_async = True

        def begin(self) -> object:
            raise AssertionError("must not be called")

    handler = Captures()
    registry = OperationRegistry(transactions=AsyncBoundary())  # type: ignore[arg-type]
    registry.register("orders.get", handler, cross_domain_deps=[])
    result = registry.execute_sync("orders.get", tenant_id="t1")
    assert result.error_code == "ASYNC_TRANSACTION_IN_SYNC_CALL"
    assert handler.seen == []


def test_handler_result_fields_pass_through_and_are_stamped() -> None:
    class Custom:
        def execute(self, ctx: OperationContext) -> OperationResult:
            return fail("insufficient stock", "OUT_OF_STOCK")

    registry = OperationRegistry()
    registry.register("orders.place", Custom(), cross_domain_deps=[])
    result = registry.execute_sync("orders.place", tenant_id="t1")
    assert (result.success, result.error, result.error_code, result.operation) == (
        False, "insufficient stock", "OUT_OF_STOCK", "orders.place",
    )


def test_result_factories() -> None:
    assert ok(3) == OperationResult(success=True, data=3)
    assert fail("x") == OperationResult(success=False, error="x", error_code="OPERATION_FAILED")
    assert OperationResult.ok is ok and OperationResult.fail is fail


class _no_runtime_warning:
    """Turn 'coroutine was never awaited' into a test failure."""

    def __enter__(self) -> None:
        import warnings

        self._catcher = warnings.catch_warnings()
        self._catcher.__enter__()
        warnings.simplefilter("error", RuntimeWarning)

    def __exit__(self, *exc: object) -> None:
        import gc

        gc.collect()
        self._catcher.__exit__(*exc)
