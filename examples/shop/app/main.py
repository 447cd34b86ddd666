# Role: Composition root and end-to-end demo of the shop (not a layer of the HOC tree)
"""Run the shop end to end on a fresh sqlite database in a temporary directory.

The demo drives every operation through the L2 API, then prints the audit ledger and the run proofs.
It exits 0 only when every step behaved as expected, so it doubles as a smoke test.
"""

from __future__ import annotations

import asyncio
import sqlite3
import tempfile
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import Any, cast

from lamina.spine import OperationResult, RunTrace

from app.hoc.api.cus.billing import billing_api
from app.hoc.api.cus.inventory import inventory_api
from app.hoc.api.cus.orders import orders_api
from app.hoc.cus.hoc_spine.orchestrator.operation_registry import build_registry, trace_path_for
from app.models.schema import create_schema

TENANT = "acme"


class Demo:
    """Prints each step and remembers whether it matched its expectation."""

    def __init__(self) -> None:
        self.failures: list[str] = []

    def step(self, label: str, result: OperationResult, expect: Callable[[OperationResult], bool]) -> OperationResult:
        """Print one operation outcome and check it."""
        matched = expect(result)
        if not matched:
            self.failures.append(label)
        outcome = "ok  " if result.success else f"FAIL {result.error_code}: {result.error}"
        print(f"{'+' if matched else '!'} {label:<44} {result.operation:<26} {outcome}")
        return result

    def note(self, text: str) -> None:
        """Print a detail line under the previous step."""
        print(f"      {text}")


def data(result: OperationResult) -> Any:
    """The result payload; the demo knows each operation's shape, so it reads it untyped."""
    return cast(Any, result.data)


def succeeded(result: OperationResult) -> bool:
    return result.success


def failed_with(code: str) -> Callable[[OperationResult], bool]:
    return lambda result: result.error_code == code


async def run_demo(workdir: Path) -> int:
    """The end-to-end scenario; returns the process exit code."""
    db_path = workdir / "shop.sqlite3"
    create_schema(db_path)
    registry = build_registry(db_path)
    demo = Demo()
    status = registry.status()
    print(
        f"shop on lamina.spine {status['version']}: {status['operation_count']} operations,"
        f" frozen={status['frozen']}"
    )
    print(f"database {db_path.name} and run proofs {trace_path_for(db_path).name} in a temporary directory")

    # Billing onboarding: the activation gate needs a payment method; the rejected attempt leaves nothing.
    demo.step("onboard without a payment method", await billing_api.onboard_account(
        registry, tenant_id=TENANT, credit_limit_cents=5_000, payment_method=None), failed_with("GATE_REJECTED"))
    demo.step("onboard with a card", await billing_api.onboard_account(
        registry, tenant_id=TENANT, credit_limit_cents=5_000, payment_method="card-4242"), succeeded)
    demo.step("restock 6 x A1 at 12.50", await inventory_api.restock(
        registry, tenant_id=TENANT, sku="A1", qty=6, unit_price_cents=1_250), succeeded)

    placed = demo.step("place 2 x A1", await orders_api.place_order(
        registry, tenant_id=TENANT, sku="A1", qty=2), succeeded)
    if placed.success:
        placement = data(placed)
        order = placement["order"]
        demo.note(f"order {order.id} {order.status}, {order.amount_cents} cents, risk {order.risk}")
        before, after = placement["on_hand"]
        steps = ", ".join(f"{step}={status}" for step, status, _ in placement["steps"])
        demo.note(f"run {placement['run_id']}: {steps}; on hand {before} -> {after}")
    demo.step("place 9 x A1 (not enough stock)", await orders_api.place_order(
        registry, tenant_id=TENANT, sku="A1", qty=9), failed_with("FULFILMENT_FAILED"))
    demo.step("place 3 x A1 (over the credit limit)", await orders_api.place_order(
        registry, tenant_id=TENANT, sku="A1", qty=3), failed_with("FULFILMENT_FAILED"))
    level = demo.step("stock level after the failed orders", await inventory_api.stock_level(
        registry, tenant_id=TENANT, sku="A1"), lambda r: r.data == 4)
    demo.note(f"on hand: {level.data} (the failed runs were rolled back, reservations included)")
    listed = demo.step("list orders", await orders_api.list_orders(
        registry, tenant_id=TENANT), lambda r: len(data(r)) == 1)
    demo.note(f"orders: {[(o.id, o.status) for o in data(listed)]}")
    demo.step("get order 99", await orders_api.get_order(
        registry, tenant_id=TENANT, order_id=99), failed_with("NOT_FOUND"))

    audit = demo.step("audit order 1 (orders x billing)", await orders_api.audit_order(
        registry, tenant_id=TENANT, order_id=1), lambda r: r.success and data(r)["consistent"])
    demo.note(f"{audit.data}")
    evidence = demo.step("evidence of order 1 (3 domains + run proof)", await orders_api.order_evidence(
        registry, tenant_id=TENANT, order_id=1), lambda r: r.success and data(r)["proof"]["ok"])
    demo.note(f"{evidence.data}")

    demo.step("restock 10 x A1", await inventory_api.restock(
        registry, tenant_id=TENANT, sku="A1", qty=10, unit_price_cents=1_250), succeeded)
    feedback = demo.step("signal feedback (signals x audit ledger)", await inventory_api.signal_feedback(
        registry, tenant_id=TENANT), lambda r: bool(data(r)) and all(e["acknowledged_at"] for e in data(r)))
    for entry in data(feedback) or ():
        answered = entry["acknowledged_at"] or "not yet"
        signal = f"signal {entry['signal_id']} ({entry['severity']} on {entry['sku']})"
        demo.note(f"{signal} answered by a restock at {answered}")

    # Billing offboarding: the gate refuses while money is owed.
    demo.step("offboard with a balance outstanding", await billing_api.offboard_account(
        registry, tenant_id=TENANT), failed_with("GATE_REJECTED"))
    demo.step("settle the balance", await billing_api.settle_balance(registry, tenant_id=TENANT), succeeded)
    demo.step("offboard", await billing_api.offboard_account(
        registry, tenant_id=TENANT), lambda r: r.success and data(r).status == "CLOSED")
    payments = await billing_api.list_payments(registry, tenant_id=TENANT)
    demo.note(f"payments: {[(p.kind, p.amount_cents) for p in data(payments)]}")

    print("audit ledger (written by the registry after each transaction):")
    for record in registry.audit_ledger.records(tenant_id=TENANT):
        deps = ",".join(record.cross_domain_deps) or "-"
        print(f"  {record.operation:<26} {'ok' if record.success else record.error_code:<20} deps={deps}")

    if placed.success:
        run_id = str(data(placed)["run_id"])
        proof = registry.run_trace.verify(run_id)
        print(f"run proof {run_id}: ok={proof.ok} entries={proof.length} head={proof.head_hash[:16]}")
        demo.failures.extend([] if proof.ok else ["run proof"])
        tampered = tamper_and_verify(registry.run_trace, trace_path_for(db_path), run_id)
        ok, first_bad, problem = tampered
        print(f"after editing entry 1 behind the trace's back: ok={ok} first_bad_index={first_bad} ({problem})")
        demo.failures.extend([] if tampered[:2] == (False, 1) else ["tamper detection"])

    print("all steps behaved as expected" if not demo.failures else f"unexpected: {', '.join(demo.failures)}")
    return 0 if not demo.failures else 1


def tamper_and_verify(trace: RunTrace, trace_path: Path, run_id: str) -> tuple[bool, int | None, str | None]:
    """Play the attacker: rewrite one trace entry directly in sqlite, then verify again."""
    with closing(sqlite3.connect(trace_path)) as conn:
        conn.execute(
            "UPDATE trace_entries SET payload = replace(payload, 'COMPLETED', 'SKIPPED') WHERE run_id = ? AND idx = 1",
            (run_id,),
        )
        conn.commit()
    result = trace.verify(run_id)
    return result.ok, result.first_bad_index, result.problem


def main() -> int:
    """Entry point: a throwaway directory, so the demo can run any number of times."""
    with tempfile.TemporaryDirectory(prefix="shop-") as workdir:
        return asyncio.run(run_demo(Path(workdir)))
