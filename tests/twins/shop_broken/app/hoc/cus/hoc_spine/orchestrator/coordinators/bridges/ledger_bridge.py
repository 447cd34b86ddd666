# Layer: L4 — Bridge
# Role: Billing ledger capabilities (broken twin: too many capabilities in one bridge)
"""Fault: a bridge with six public methods; lamina.spine refuses it at import time too."""

from __future__ import annotations

from typing import cast

from lamina.spine import Bridge

from app.hoc.cus.billing.L5_engines.account_engine import AccountEngine
from app.hoc.cus.billing.L5_engines.payment_engine import PaymentEngine
from app.hoc.cus.billing.L6_drivers.account_driver import AccountDriver
from app.hoc.cus.billing.L6_drivers.payment_driver import PaymentDriver
from app.hoc.cus.hoc_spine.schemas.db import SqlConnection


class LedgerBridge(Bridge):  # expect: LAM307
    """``ctx.domains.get("billing")`` with everything in one place."""

    domain = "billing"

    def accounts(self) -> AccountEngine:
        """Billing accounts."""
        return AccountEngine(self.account_driver())

    def payments(self) -> PaymentEngine:
        """Charges and settlements."""
        return PaymentEngine(self.payment_driver(), self.account_driver())

    def account_driver(self) -> AccountDriver:
        """Raw account rows."""
        return AccountDriver(cast(SqlConnection, self.db))

    def payment_driver(self) -> PaymentDriver:
        """Raw payment rows."""
        return PaymentDriver(cast(SqlConnection, self.db))

    def statements(self) -> PaymentEngine:
        """Statements (same engine, another name)."""
        return self.payments()

    def exports(self) -> AccountEngine:
        """Exports (same engine, another name)."""
        return self.accounts()
