"""Pricing engine reaching the orchestrator in every spelling."""

from __future__ import annotations

from typing import TYPE_CHECKING

import app.spine.orchestrator.coordinators.audit_coordinator as ac  # expect: LAM201
from app.spine import orchestrator  # expect: LAM201

if TYPE_CHECKING:
    from app.spine.orchestrator.coordinators.audit_coordinator import AuditCoordinator  # expect: LAM201


class PricingEngine:
    def __init__(self, deps: object, coordinator: AuditCoordinator) -> None:
        self._deps = deps
        self._coordinator = coordinator

    def price(self) -> int:
        ac.record("priced")  # expect: LAM201
        signals = self._deps.get_signal_coordinator()  # expect: LAM201
        return id(signals) + id(orchestrator)


def price_lazily() -> object:
    from ..spine.orchestrator.coordinators import audit_coordinator as audit  # expect: LAM201

    return audit.get_audit_coordinator(  # expect: LAM201
    )
