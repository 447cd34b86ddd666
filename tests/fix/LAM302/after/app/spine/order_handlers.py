"""Handlers defined apart from their registration; each class has its own lazy imports."""

from typing import Any


class AuditHandler:
    def execute(self, ctx: Any) -> None:
        from app.stock.engine import level

        level("sku")


class TraceHandler:
    def execute(self, ctx: Any) -> None:
        return None
