"""The broken twin of examples/shop: marked static faults, and their runtime counterparts in lamina.spine.

The twin is ``examples/shop`` with the files of ``shop_broken/`` laid over it (``twin_tree``).
Statically, ``lamina check`` on it (bundled HOC pack) must report exactly the
``# expect: LAMnnn`` markers. At runtime, the spine refuses the same faults where it can see them:
an undeclared domain, a duplicate registration, a committing driver, a session-taking coordinator and
an oversized bridge.
"""

from __future__ import annotations

import asyncio
import importlib
import re
import sqlite3
import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from types import ModuleType

import pytest

from lamina.spine import OperationRegistry, RegistrationError, RunTrace, SqliteTransactions

from twin_tree import OVERLAY, assemble

MARKER = re.compile(r"#\s*expect:\s*(LAM\d{3})")
SPINE = "app.hoc.cus.hoc_spine.orchestrator"


@pytest.fixture(scope="module")
def twin(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return assemble(tmp_path_factory.mktemp("twin") / "shop_broken")


def markers() -> set[tuple[str, int, str]]:
    """The markers of the overlay files (the example itself carries none)."""
    found: set[tuple[str, int, str]] = set()
    for path in sorted(OVERLAY.rglob("*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            for code in MARKER.findall(line):
                found.add((path.relative_to(OVERLAY).as_posix(), number, code))
    return found


def test_every_fault_of_the_brief_is_marked_once() -> None:
    codes = Counter(code for _, _, code in markers())
    assert codes == Counter(
        {
            "LAM101": 1,  # engine importing another domain's engine (LAM103 folds into it)
            "LAM201": 1,  # engine calling a coordinator factory
            "LAM202": 1,  # getattr dispatch in a handler
            "LAM203": 1,  # coroutine probing in a handler
            "LAM302": 1,  # handler reaching an undeclared domain
            "LAM303": 1,  # stale declaration
            "LAM304": 2,  # duplicate registration, reported at both sites
            "LAM305": 1,  # L2 executing another domain's operation
            "LAM306": 1,  # coordinator method taking a session
            "LAM307": 1,  # six-method bridge
            "LAM401": 1,  # driver committing
            "LAM402": 1,  # engine importing sqlalchemy
        }
    )


def test_analyzer_reports_exactly_the_markers(twin: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    analysis = pytest.importorskip("lamina.analysis")
    monkeypatch.chdir(twin)
    result = analysis.analyze(analysis.load_project(None, str(twin)), analysis.RunSettings(no_cache=True))
    assert {(f.path, f.line, f.code) for f in result.findings} == markers()


@contextmanager
def twin_app(twin: Path) -> Iterator[None]:
    """Import the twin's top-level ``app`` package without leaking it into other tests."""

    def drop() -> dict[str, ModuleType]:
        names = [name for name in sys.modules if name == "app" or name.startswith("app.")]
        return {name: sys.modules.pop(name) for name in names}

    saved = drop()
    sys.path.insert(0, str(twin))
    importlib.invalidate_caches()
    try:
        yield
    finally:
        sys.path.remove(str(twin))
        drop()
        sys.modules.update(saved)


def module(name: str) -> ModuleType:
    return importlib.import_module(name)


def build(tmp_path: Path) -> OperationRegistry:
    """Wire the twin by hand: its own build_registry would stop at the duplicate registration."""
    db = tmp_path / "twin.sqlite3"
    module("app.models.schema").create_schema(db)
    bridges = f"{SPINE}.coordinators.bridges"
    registry = OperationRegistry(
        transactions=SqliteTransactions(db),
        domains={
            "orders": module(f"{bridges}.orders_bridge").OrdersBridge,
            "inventory": module(f"{bridges}.inventory_bridge").InventoryBridge,
            "billing": module(f"{bridges}.billing_bridge").BillingBridge,
        },
    )
    module(f"{SPINE}.handlers.orders_handler").register_operations(registry, trace=RunTrace(tmp_path / "runs.sqlite3"))
    module(f"{SPINE}.handlers.inventory_handler").register_operations(registry, ledger=None)
    accounts = module(f"{SPINE}.handlers.billing_handler").AccountsHandler()
    registry.register("billing.accounts", accounts, cross_domain_deps=[])
    return registry


def test_undeclared_domain_raises_at_runtime(twin: Path, tmp_path: Path) -> None:
    with twin_app(twin):
        registry = build(tmp_path)
        result = asyncio.run(registry.execute("orders.query", tenant_id="t1", params={"method": "list"}))
    assert result.error_code == "HANDLER_EXCEPTION:UndeclaredDomainError"
    assert result.error == "operation 'orders.query' reached undeclared domain 'billing' (declared: none)"


def test_duplicate_registration_is_refused_at_runtime(twin: Path) -> None:
    with twin_app(twin):
        billing_handler = module(f"{SPINE}.handlers.billing_handler")
        with pytest.raises(RegistrationError, match="operation 'billing.payments' is already registered"):
            billing_handler.register_operations(OperationRegistry())


def test_committing_driver_is_refused_and_the_whole_run_rolls_back(twin: Path, tmp_path: Path) -> None:
    with twin_app(twin):
        registry = build(tmp_path)

        async def scenario() -> list[object]:
            await registry.execute(
                "billing.accounts",
                tenant_id="t1",
                params={"method": "onboard", "credit_limit_cents": 10_000, "payment_method": "card"},
            )
            restock = {"sku": "A1", "qty": 5, "unit_price_cents": 100}
            await registry.execute("inventory.restock", tenant_id="t1", params=restock)
            placed = await registry.execute("orders.place", tenant_id="t1", params={"sku": "A1", "qty": 2})
            level = await registry.execute("inventory.query", tenant_id="t1", params={"method": "level", "sku": "A1"})
            return [placed, level]

        placed, level = asyncio.run(scenario())
    assert placed.error_code == "FULFILMENT_FAILED"  # type: ignore[attr-defined]
    assert "Step 1 failed: Execution error: TransactionOwnershipError" in placed.error  # type: ignore[attr-defined]
    assert level.data == 5, "the reservation was rolled back with the failed charge"  # type: ignore[attr-defined]
    with closing(sqlite3.connect(tmp_path / "twin.sqlite3")) as conn:
        assert conn.execute("SELECT count(*) FROM orders").fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM payments").fetchone()[0] == 0


@pytest.mark.parametrize(
    ("name", "message"),
    [
        (
            f"{SPINE}.coordinators.refund_coordinator",
            "coordinator method 'RefundCoordinator.refund' takes parameter 'session'",
        ),
        (f"{SPINE}.coordinators.bridges.ledger_bridge", r"bridge 'LedgerBridge' has 6 public methods \(max 5\)"),
    ],
)
def test_session_coordinator_and_oversized_bridge_fail_at_import(twin: Path, name: str, message: str) -> None:
    with twin_app(twin), pytest.raises(TypeError, match=message):
        module(name)
