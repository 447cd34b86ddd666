"""Billing driver: importing upward into an engine breaks the direction (relative import)."""

from ..engines.invoice_engine import InvoiceEngine  # expect: LAM101


class InvoiceDriver:
    def amount(self, order_id: str) -> int:
        return len(order_id)

    def engine(self) -> InvoiceEngine:
        return InvoiceEngine()


def fee() -> int:
    return 1
