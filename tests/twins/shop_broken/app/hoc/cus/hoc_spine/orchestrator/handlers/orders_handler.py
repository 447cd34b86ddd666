# Layer: L4 — Orchestrator handler
# Role: Orders operations: place (fulfilment job), query, audit, run evidence
"""Orders operations.

Each handler class reaches other domains only through coordinators it imports lazily inside
``execute``: ``orders.place`` reaches inventory and billing, ``orders.query`` reaches nothing else,
so their declarations (and the analyzer's LAM302/LAM303 view of them) stay exact.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, cast

from lamina.spine import (
    DispatchMap,
    JobStateMachine,
    OperationContext,
    OperationRegistry,
    OperationResult,
    RunTrace,
    Step,
    StepContext,
    StepExecutor,
    StepOutcome,
    fail,
    ok,
)

if TYPE_CHECKING:
    from app.hoc.cus.hoc_spine.orchestrator.coordinators.bridges.billing_bridge import BillingBridge
    from app.hoc.cus.hoc_spine.orchestrator.coordinators.bridges.orders_bridge import OrdersBridge
    from app.hoc.cus.orders.L5_engines.order_engine import OrderEngine

FULFILMENT_CONTRACT = "fulfilment.v1"


def _int_param(ctx: OperationContext, name: str) -> int:
    """An integer parameter; a missing or non-integer value is the caller's error (ValueError/KeyError)."""
    value = ctx.params[name]
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"parameter {name!r} must be an integer")
    return value


def _orders(ctx: OperationContext) -> OrderEngine:
    """The own-domain engine of the current operation."""
    return cast("OrdersBridge", ctx.domains.get("orders")).orders()


class PlaceOrderHandler:
    """``orders.place``: open the order, then run the fulfilment job reserve → charge → signal → confirm.

    The job's steps run in one transaction: if any step fails the job stops, the handler fails and the
    registry rolls every write back. The run trace lives in its own file, so the failed run stays proven.
    """

    def __init__(self, trace: RunTrace) -> None:
        self._trace = trace

    def execute(self, ctx: OperationContext) -> OperationResult:
        # Lazy: only this operation combines domains, so only it imports the coordinators.
        from app.hoc.cus.hoc_spine.orchestrator.coordinators.fulfilment_coordinator import FulfilmentCoordinator
        from app.hoc.cus.hoc_spine.orchestrator.coordinators.signal_coordinator import SignalCoordinator

        tenant, now = ctx.tenant_id, ctx.timestamp
        sku, qty = str(ctx.params["sku"]), _int_param(ctx, "qty")
        fulfilment = FulfilmentCoordinator(ctx.domains)
        signals = SignalCoordinator(ctx.domains)
        orders = _orders(ctx)
        try:
            amount = fulfilment.quote(tenant_id=tenant, sku=sku, qty=qty)
        except LookupError as exc:
            return fail(str(exc), "UNKNOWN_SKU")
        run_id = f"fulfil-{uuid.uuid4().hex[:12]}"
        order = orders.open(tenant_id=tenant, sku=sku, qty=qty, amount_cents=amount, run_id=run_id, now=now)

        def reserve(step: StepContext) -> StepOutcome:
            remaining = fulfilment.reserve(tenant_id=tenant, order_id=order.id, sku=sku, qty=qty, now=now)
            return StepOutcome(True, {"remaining": remaining})

        def charge(step: StepContext) -> StepOutcome:
            payment_id = fulfilment.charge(tenant_id=tenant, order_id=order.id, amount_cents=amount, now=now)
            return StepOutcome(True, {"payment_id": payment_id})

        def signal(step: StepContext) -> StepOutcome:
            return StepOutcome(True, signals.evaluate(tenant_id=tenant, order_id=order.id, sku=sku, now=now))

        def confirm(step: StepContext) -> StepOutcome:
            return StepOutcome(True, {"status": orders.confirm(tenant_id=tenant, order_id=order.id).status})

        executor = StepExecutor(
            {"reserve": reserve, "charge": charge, "signal": signal, "confirm": confirm}, trace=self._trace
        )
        job = JobStateMachine(run_id, FULFILMENT_CONTRACT)
        run = executor.run(
            job,
            [Step("reserve", sku), Step("charge", str(order.id)), Step("signal", sku), Step("confirm", str(order.id))],
            health=lambda: {"on_hand": fulfilment.stock_level(tenant_id=tenant, sku=sku)},
            executed_by="orders.place",
        )
        if not run.success:
            return fail(f"fulfilment run {run_id} failed: {job.history[-1].reason}", "FULFILMENT_FAILED")
        return ok(
            {
                "order": orders.get(tenant_id=tenant, order_id=order.id),
                "run_id": run_id,
                "steps": [(s.step_type, s.status.value, s.output) for s in run.steps],
                "on_hand": (run.health_before["on_hand"], run.health_after["on_hand"]),
            }
        )


class QueryOrdersHandler:
    """``orders.query``: methods ``get`` and ``list`` through an explicit dispatch map."""

    async def execute(self, ctx: OperationContext) -> OperationResult:
        # Fault: a second domain reached without a declaration (static LAM302, runtime UndeclaredDomainError).
        from app.hoc.cus.billing.L5_engines.payment_engine import PaymentEngine

        orders = _orders(ctx)
        payments: PaymentEngine = cast("BillingBridge", ctx.domains.get("billing")).payments()
        dispatch = DispatchMap(
            sync={"get": orders.get, "list": orders.list, "payments": payments.for_order},
            error_codes={LookupError: "NOT_FOUND"},
        )
        return await dispatch.call(ctx)


class AuditOrderHandler:
    """``orders.audit``: does billing agree with the order?"""

    def execute(self, ctx: OperationContext) -> OperationResult:
        from app.hoc.cus.hoc_spine.orchestrator.coordinators.audit_coordinator import AuditCoordinator

        audit = AuditCoordinator(ctx.domains)
        dispatch = DispatchMap(sync={"order": audit.audit_order}, error_codes={LookupError: "NOT_FOUND"})
        return dispatch.call_sync(ctx)


class OrderEvidenceHandler:
    """``orders.evidence``: cross-domain evidence of an order plus the proof of its fulfilment run."""

    def __init__(self, trace: RunTrace) -> None:
        self._trace = trace

    def execute(self, ctx: OperationContext) -> OperationResult:
        from app.hoc.cus.hoc_spine.orchestrator.coordinators.run_evidence_coordinator import RunEvidenceCoordinator

        order_id = _int_param(ctx, "order_id")
        try:
            order = _orders(ctx).get(tenant_id=ctx.tenant_id, order_id=order_id)
        except LookupError as exc:
            return fail(str(exc), "NOT_FOUND")
        evidence = RunEvidenceCoordinator(ctx.domains).evidence(tenant_id=ctx.tenant_id, order_id=order_id)
        proof = self._trace.verify(order.run_id)
        return ok(
            {
                "items": {name: len(items) for name, items in evidence.items.items()},
                "gaps": [f"{gap.source}: {gap.error_type}" for gap in evidence.gaps],
                "run_id": order.run_id,
                "proof": {"ok": proof.ok, "length": proof.length, "head": proof.head_hash[:12]},
            }
        )


def register_operations(registry: OperationRegistry, *, trace: RunTrace) -> None:
    """Register the orders operations with their explicit cross-domain declarations."""
    registry.register(
        "orders.place",
        PlaceOrderHandler(trace),
        cross_domain_deps=["inventory.reserve", "billing.charge"],
        description="Place an order and run its fulfilment job",
    )
    registry.register("orders.query", QueryOrdersHandler(), cross_domain_deps=[])  # expect: LAM302
    registry.register(
        "orders.audit", AuditOrderHandler(), cross_domain_deps=["billing.payments"], description="Audit an order"
    )
    registry.register(
        "orders.evidence",
        OrderEvidenceHandler(trace),
        cross_domain_deps=["inventory.reservations", "billing.payments"],
        description="Evidence and run proof of an order",
    )
