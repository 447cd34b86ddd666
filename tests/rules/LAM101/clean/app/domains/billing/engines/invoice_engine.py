"""Billing engine: own-domain drivers (module-level and lazy) are allowed (engines -> drivers@same)."""

from app.domains.billing.drivers.invoice_driver import InvoiceDriver


class InvoiceEngine:
    def total(self, order_id: str) -> int:
        from app.domains.billing.drivers import invoice_driver

        return InvoiceDriver().amount(order_id) + invoice_driver.fee()
