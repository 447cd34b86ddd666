"""Pricing engine. It never calls app.spine.orchestrator or get_audit_coordinator()."""

from __future__ import annotations

from app.spine.orchestrator_utils import get_coordinator_name
from app.spine.services import clock

NOTE = "use app.spine.orchestrator.coordinators.audit_coordinator.record() from L4 only"


class PricingEngine:
    def __init__(self, deps: object) -> None:
        self._deps = deps

    def price(self) -> int:
        # self._deps.get_signal_coordinator() would be a finding; this is a comment.
        coordinator = self._deps.get_coordinator()  # `get_*_coordinator` needs a middle part
        name = get_coordinator_name()  # last segment does not end in `_coordinator`
        return clock.now() + len(name) + id(coordinator) + len(NOTE)
