"""Billing engine: its own drivers are fine, another domain's driver is not, even lazily."""

from app.domains.billing.drivers.invoice_driver import InvoiceDriver


class InvoiceEngine:
    def total(self, order_id: str) -> int:
        return InvoiceDriver().amount(order_id)

    def ship(self, order_id: str) -> None:
        from app.domains.shipping.drivers.parcel_driver import ParcelDriver  # expect: LAM101

        ParcelDriver().send(order_id)
