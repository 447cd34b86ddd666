"""The example application examples/shop: it runs end to end and keeps the runtime's invariants."""

from __future__ import annotations

import asyncio
import importlib
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from types import ModuleType

import pytest

from lamina.spine import DomainAccess, UndeclaredDomainError

REPO = Path(__file__).resolve().parents[2]
SHOP = REPO / "examples" / "shop"
SPINE = "app.hoc.cus.hoc_spine.orchestrator"


@pytest.mark.parametrize(
    ("cwd", "module"), [(SHOP, "app"), (REPO, "examples.shop")], ids=["from-examples-shop", "from-repo-root"]
)
def test_demo_runs_end_to_end_and_exits_zero(cwd: Path, module: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", module], cwd=cwd, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
    out = done.stdout
    assert "9 operations, frozen=True" in out
    assert "order 1 CONFIRMED, 2500 cents, risk elevated" in out
    assert "reserve=COMPLETED, charge=COMPLETED, signal=COMPLETED, confirm=COMPLETED; on hand 6 -> 4" in out
    assert "first_bad_index=1 (modified entry)" in out
    assert out.rstrip().endswith("all steps behaved as expected")


@contextmanager
def shop_app() -> Iterator[None]:
    """Import the example's top-level ``app`` package without leaking it into other tests."""

    def drop() -> dict[str, ModuleType]:
        names = [name for name in sys.modules if name == "app" or name.startswith("app.")]
        return {name: sys.modules.pop(name) for name in names}

    saved = drop()
    sys.path.insert(0, str(SHOP))
    importlib.invalidate_caches()
    try:
        yield
    finally:
        sys.path.remove(str(SHOP))
        drop()
        sys.modules.update(saved)


def test_registry_declares_every_cross_domain_reach(tmp_path: Path) -> None:
    with shop_app():
        registry = importlib.import_module(f"{SPINE}.operation_registry").build_registry(tmp_path / "shop.sqlite3")
    declared = {name: registry.get(name).cross_domain_deps for name in registry.operations}
    assert declared == {
        "billing.accounts": (),
        "billing.payments": (),
        "inventory.query": (),
        "inventory.restock": (),
        "inventory.signal_feedback": (),
        "orders.audit": ("billing.payments",),
        "orders.evidence": ("inventory.reservations", "billing.payments"),
        "orders.place": ("inventory.reserve", "billing.charge"),
        "orders.query": (),
    }
    assert registry.is_frozen


def test_coordinator_outside_the_declaration_is_refused() -> None:
    with shop_app():
        fulfilment = importlib.import_module(f"{SPINE}.coordinators.fulfilment_coordinator")
        query_view = DomainAccess({"orders"}, operation="orders.query", own_domain="orders")
        with pytest.raises(UndeclaredDomainError, match="reached undeclared domain 'billing'"):
            fulfilment.FulfilmentCoordinator(query_view)


def test_failed_fulfilment_rolls_back_every_domain(tmp_path: Path) -> None:
    db = tmp_path / "shop.sqlite3"
    with shop_app():
        importlib.import_module("app.models.schema").create_schema(db)
        registry = importlib.import_module(f"{SPINE}.operation_registry").build_registry(db)
        orders_api = importlib.import_module("app.hoc.api.cus.orders.orders_api")
        billing_api = importlib.import_module("app.hoc.api.cus.billing.billing_api")
        inventory_api = importlib.import_module("app.hoc.api.cus.inventory.inventory_api")

        async def scenario() -> tuple[object, object]:
            await billing_api.onboard_account(registry, tenant_id="t", credit_limit_cents=1_000, payment_method="card")
            await inventory_api.restock(registry, tenant_id="t", sku="A1", qty=5, unit_price_cents=400)
            over_limit = await orders_api.place_order(registry, tenant_id="t", sku="A1", qty=3)  # 1200 > 1000
            ok = await orders_api.place_order(registry, tenant_id="t", sku="A1", qty=2)
            return over_limit, ok

        over_limit, placed = asyncio.run(scenario())
    assert over_limit.error_code == "FULFILMENT_FAILED"  # type: ignore[attr-defined]
    assert "ChargeDeclined" in over_limit.error  # type: ignore[attr-defined]
    assert placed.success  # type: ignore[attr-defined]
    with closing(sqlite3.connect(db)) as conn:
        assert conn.execute("SELECT id, status FROM orders").fetchall() == [(1, "CONFIRMED")]
        assert conn.execute("SELECT order_id, qty FROM reservations").fetchall() == [(1, 2)]
        assert conn.execute("SELECT on_hand FROM stock").fetchone() == (3,)
        assert conn.execute("SELECT balance_cents FROM accounts").fetchone() == (800,)
    audited = [(r.operation, r.success) for r in registry.audit_ledger.records()]  # type: ignore[attr-defined]
    assert audited[-2:] == [("orders.place", False), ("orders.place", True)]
    assert registry.audit_ledger.verify().ok  # type: ignore[attr-defined]
    run_id = placed.data["run_id"]  # type: ignore[attr-defined]
    assert registry.run_trace.verify(run_id).ok
