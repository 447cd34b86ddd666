"""Billing engine: another domain's schemas (allowed_targets) and its own schemas are fine."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.billing.schemas.invoice import Invoice
from app.shipping.schemas.parcel import Parcel

if TYPE_CHECKING:  # type-only imports are ignored by default
    from app.shipping.engines.parcel_engine import ParcelEngine


def bill(parcel: Parcel, engine: ParcelEngine | None = None) -> Invoice:
    return Invoice()
