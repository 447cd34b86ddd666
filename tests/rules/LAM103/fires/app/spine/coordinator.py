"""The spine coordinates both domains."""

from app.billing.engines.invoice_engine import bill_and_ship

RUN = bill_and_ship
