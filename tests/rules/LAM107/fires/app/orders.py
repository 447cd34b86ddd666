"""Orders need invoices."""

from app.invoices import Invoice


class Order:
    invoice_type = Invoice
