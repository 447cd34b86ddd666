# Layer: L4 — Spine schemas
# Role: Read side of the audit ledger, as coordinators see it
"""The audit ledger protocol (``lamina.spine.SqliteAuditSink`` satisfies it)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from lamina.spine import AuditRecord


class AuditLedger(Protocol):
    """Audit records of past operations, oldest first."""

    def records(self, *, tenant_id: str | None = None, operation: str | None = None) -> Sequence[AuditRecord]: ...
