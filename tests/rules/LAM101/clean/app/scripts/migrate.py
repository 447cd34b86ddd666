"""A file with no layer is never checked."""

from app.domains.billing.drivers.invoice_driver import InvoiceDriver

DRIVER = InvoiceDriver
