"""Shipping engine: its own domain's driver is allowed."""

from ..drivers.parcel_driver import ParcelDriver


def dispatch(order_id: str) -> None:
    ParcelDriver().send(order_id)
