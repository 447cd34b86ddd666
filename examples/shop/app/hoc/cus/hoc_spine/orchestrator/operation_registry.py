# Layer: L4 — Orchestrator
# Role: The shop's operation registry: transactions, domains, audit and every operation
"""Operation registry: the only dispatcher.

Handlers never call session.commit(); the registry owns the transaction. This module is the composition
of the shop's registry: one sqlite file for data and audit, one for run proofs, one bridge per domain.
"""

from __future__ import annotations

from os import PathLike
from pathlib import Path
from typing import cast

from lamina.spine import OperationRegistry as SpineRegistry
from lamina.spine import RunTrace, SqliteAuditSink, SqliteTransactions, allow_all

from app.hoc.cus.hoc_spine.orchestrator.coordinators.bridges.billing_bridge import BillingBridge
from app.hoc.cus.hoc_spine.orchestrator.coordinators.bridges.inventory_bridge import InventoryBridge
from app.hoc.cus.hoc_spine.orchestrator.coordinators.bridges.orders_bridge import OrdersBridge
from app.hoc.cus.hoc_spine.orchestrator.handlers import billing_handler, inventory_handler, orders_handler


def trace_path_for(db_path: str | PathLike[str]) -> Path:
    """Where run proofs of the database at ``db_path`` are kept (a separate file, see RunTrace)."""
    path = Path(db_path)
    return path.with_name(f"{path.stem}-runs{path.suffix or '.sqlite3'}")


class OperationRegistry(SpineRegistry):
    """lamina.spine's registry configured for the shop: sqlite transactions, three domains, audit."""

    __slots__ = ("audit_ledger", "run_trace")

    def __init__(self, db_path: str | PathLike[str], *, trace_path: str | PathLike[str] | None = None) -> None:
        # audit=True: each call's audit record commits in the same transaction as its work.
        transactions = SqliteTransactions(db_path, audit=True)
        self.audit_ledger: SqliteAuditSink = cast(SqliteAuditSink, transactions.audit)
        self.run_trace = RunTrace(trace_path if trace_path is not None else trace_path_for(db_path))
        super().__init__(
            transactions=transactions,
            domains={"orders": OrdersBridge, "inventory": InventoryBridge, "billing": BillingBridge},
            authority=allow_all,
        )


def build_registry(db_path: str | PathLike[str], *, trace_path: str | PathLike[str] | None = None) -> OperationRegistry:
    """Build, fill and freeze the registry. Called once by the composition root; nothing registers on import."""
    registry = OperationRegistry(db_path, trace_path=trace_path)
    orders_handler.register_operations(registry, trace=registry.run_trace)
    inventory_handler.register_operations(registry, ledger=registry.audit_ledger)
    billing_handler.register_operations(registry)
    registry.freeze()
    return registry
