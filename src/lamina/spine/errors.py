"""Errors raised by the spine runtime on purpose.

Handler failures never surface as these exceptions from ``OperationRegistry.execute``; the registry turns
them into failed ``OperationResult`` values. These classes exist so that programming errors (a bad
registration, an illegal job transition, a tampered trace) fail loudly and precisely.
"""

from __future__ import annotations

__all__ = [
    "ForeignTableError",
    "GateRejected",
    "InvalidTransitionError",
    "JobImmutableError",
    "RegistrationError",
    "SpineError",
    "TraceError",
    "TransactionOwnershipError",
    "UndeclaredDomainError",
]


class SpineError(Exception):
    """Base of every error the spine raises on purpose."""


class RegistrationError(SpineError):
    """An operation declaration is invalid; nothing was registered."""


class UndeclaredDomainError(SpineError):
    """An operation reached a domain it did not declare in ``cross_domain_deps``."""


class TransactionOwnershipError(SpineError):
    """Handler code tried to control the transaction the registry owns."""


class ForeignTableError(SpineError):
    """A statement would write a table owned by another domain (see the registry's table map)."""


class InvalidTransitionError(SpineError):
    """A state change that the job table or a lifecycle stage does not allow."""


class JobImmutableError(SpineError):
    """A job in a terminal state was asked to change."""


class TraceError(SpineError):
    """A run-trace payload cannot be encoded canonically; nothing was written."""


class GateRejected(SpineError):
    """A lifecycle stage's gate refused the subject."""

    def __init__(self, stage: str, reason: str) -> None:
        super().__init__(f"stage '{stage}' rejected: {reason}")
        self.stage = stage
        self.reason = reason
