# Layer: L5 — Domain engine
# Role: Low-stock signals with two thresholds (warning, critical)
"""Stock signals. The two thresholds are domain policy, so they live here, not in a coordinator."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.hoc.cus.inventory.L6_drivers.signal_driver import SignalDriver

if TYPE_CHECKING:
    from app.models.inventory import SignalRecord

WARNING = "warning"
CRITICAL = "critical"


class SignalEngine:
    """Classifies stock levels and stores the resulting signals."""

    def __init__(self, driver: SignalDriver, *, warning_at: int = 5, critical_at: int = 1) -> None:
        if critical_at > warning_at:
            raise ValueError("the critical threshold must not exceed the warning threshold")
        self._driver = driver
        self._warning_at = warning_at
        self._critical_at = critical_at

    def classify(self, level: int) -> str | None:
        """``critical`` at or below the critical threshold, ``warning`` at or below the warning one."""
        if level <= self._critical_at:
            return CRITICAL
        if level <= self._warning_at:
            return WARNING
        return None

    def emit(self, *, tenant_id: str, sku: str, severity: str, level: int, now: str) -> SignalRecord:
        """Store a signal."""
        return self._driver.insert(tenant_id=tenant_id, sku=sku, severity=severity, level=level, created_at=now)

    def list(self, *, tenant_id: str) -> tuple[SignalRecord, ...]:
        """All signals of the tenant."""
        return self._driver.list_for_tenant(tenant_id=tenant_id)
