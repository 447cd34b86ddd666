# Layer: L4 — Orchestrator
# Role: Billing-account onboarding and offboarding stages with their gates
"""The account lifecycle: NONE → PENDING → ACTIVE (onboarding) and ACTIVE → CLOSED (offboarding).

Phase transitions belong to the orchestrator; the billing engine only stores the status it is given.
"""

from __future__ import annotations

from lamina.spine import AuthorityDecision, Stage, StagedLifecycle

from app.models.billing import AccountRecord


def has_payment_method(subject: object) -> AuthorityDecision:
    """Activation gate: an account needs a payment method before it may be charged."""
    if isinstance(subject, AccountRecord) and subject.payment_method:
        return AuthorityDecision(True, "payment method on file")
    return AuthorityDecision(False, "no payment method on file")


def balance_settled(subject: object) -> AuthorityDecision:
    """Offboarding gate: nothing may be owed when the account closes."""
    if isinstance(subject, AccountRecord) and subject.balance_cents == 0:
        return AuthorityDecision(True, "balance settled")
    owed = subject.balance_cents if isinstance(subject, AccountRecord) else "unknown"
    return AuthorityDecision(False, f"balance of {owed} cents outstanding")


def account_lifecycle() -> StagedLifecycle:
    """A fresh lifecycle value (built on demand: no module-level state)."""
    return StagedLifecycle(
        [
            Stage("open", "NONE", "PENDING"),
            Stage("activate", "PENDING", "ACTIVE", gate=has_payment_method),
            Stage("close", "ACTIVE", "CLOSED", gate=balance_settled),
        ]
    )
