# Layer: L4 — Coordinator
# Role: Signal feedback: which stock signals were followed by a restock (reads the audit ledger)
"""Closes the signal loop: a signal counts as acknowledged once a successful restock is audited after it."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from lamina.spine import Coordinator, DomainAccess

from app.hoc.cus.hoc_spine.schemas.ledger import AuditLedger

if TYPE_CHECKING:
    from app.hoc.cus.hoc_spine.orchestrator.coordinators.bridges.inventory_bridge import InventoryBridge

RESTOCK_OPERATION = "inventory.restock"


class SignalFeedbackCoordinator(Coordinator):
    """Joins inventory signals with the audit ledger."""

    uses = frozenset({"inventory"})

    def __init__(self, domains: DomainAccess, ledger: AuditLedger) -> None:
        super().__init__(domains)
        self._ledger = ledger

    def feedback(self, *, tenant_id: str) -> list[dict[str, object]]:
        """One entry per signal with the time of the first successful restock after it (or ``None``)."""
        inventory = cast("InventoryBridge", self.domains.get("inventory"))
        restocks = sorted(
            r.timestamp for r in self._ledger.records(tenant_id=tenant_id, operation=RESTOCK_OPERATION) if r.success
        )
        entries: list[dict[str, object]] = []
        for signal in inventory.signals().list(tenant_id=tenant_id):
            # ISO-8601 UTC timestamps from the same clock sort chronologically as text.
            later = [at for at in restocks if at >= signal.created_at]
            entries.append(
                {
                    "signal_id": signal.id,
                    "sku": signal.sku,
                    "severity": signal.severity,
                    "raised_at": signal.created_at,
                    "acknowledged_at": later[0] if later else None,
                }
            )
        return entries
