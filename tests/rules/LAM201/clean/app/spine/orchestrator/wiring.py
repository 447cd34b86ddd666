"""Orchestrator code is outside the rule's scope: it may use its own coordinators."""

from app.spine.orchestrator.coordinators.audit_coordinator import get_audit_coordinator


def wire() -> object:
    return get_audit_coordinator()
