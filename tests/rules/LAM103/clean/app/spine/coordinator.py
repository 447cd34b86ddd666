"""The spine has no domain and is outside the rule's scope: it may use every domain's engines."""

from app.billing.engines.invoice_engine import bill
from app.shipping.engines.parcel_engine import ParcelEngine

STEPS = (bill, ParcelEngine)
