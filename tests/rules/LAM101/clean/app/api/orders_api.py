"""Orders API: uses engines only."""

import json

from app.domains.billing.engines.invoice_engine import InvoiceEngine


def total(order_id: str) -> str:
    return json.dumps(InvoiceEngine().total(order_id))
