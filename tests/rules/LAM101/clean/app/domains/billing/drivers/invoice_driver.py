"""Billing driver: an upward import under TYPE_CHECKING is ignored by default."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.domains.billing.engines.invoice_engine import InvoiceEngine


class InvoiceDriver:
    def amount(self, order_id: str) -> int:
        return len(order_id)

    def engine(self) -> InvoiceEngine | None:
        return None


def fee() -> int:
    return 1
