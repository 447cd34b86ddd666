# Layer: L4 — Bridge
# Role: Billing capability factory bound to the current transaction
"""Capabilities of the billing domain."""

from __future__ import annotations

from typing import cast

from lamina.spine import Bridge

from app.hoc.cus.billing.L5_engines.account_engine import AccountEngine
from app.hoc.cus.billing.L5_engines.payment_engine import PaymentEngine
from app.hoc.cus.billing.L6_drivers.account_driver import AccountDriver
from app.hoc.cus.billing.L6_drivers.payment_driver import PaymentDriver
from app.hoc.cus.hoc_spine.schemas.db import SqlConnection


class BillingBridge(Bridge):
    """``ctx.domains.get("billing")``."""

    domain = "billing"

    def accounts(self) -> AccountEngine:
        """Billing accounts."""
        return AccountEngine(AccountDriver(cast(SqlConnection, self.db)))

    def payments(self) -> PaymentEngine:
        """Charges and settlements."""
        db = cast(SqlConnection, self.db)
        return PaymentEngine(PaymentDriver(db), AccountDriver(db))
