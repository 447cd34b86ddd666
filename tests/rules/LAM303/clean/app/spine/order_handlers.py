"""Handlers defined apart from their registration; this module reaches billing at module level."""

from typing import Any

from app.billing.engine import charge


class AuditHandler:
    def execute(self, ctx: Any) -> None:
        charge(0)
