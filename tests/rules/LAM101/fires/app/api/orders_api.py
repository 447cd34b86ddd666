"""Orders API: allowed to use engines, not drivers."""

from app.domains.billing.drivers import invoice_driver  # expect: LAM101
from app.domains.billing.engines.invoice_engine import InvoiceEngine


def total(order_id: str) -> int:
    return InvoiceEngine().total(order_id) + invoice_driver.fee()
