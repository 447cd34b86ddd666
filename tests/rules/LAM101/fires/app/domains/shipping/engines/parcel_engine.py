"""Shipping engine."""

from app.domains.shipping.drivers.parcel_driver import ParcelDriver


def dispatch(order_id: str) -> None:
    ParcelDriver().send(order_id)
