"""Billing engine reaching into the shipping domain's engine."""

from app.shipping.engines.parcel_engine import ParcelEngine  # expect: LAM103


def bill_and_ship(order_id: str) -> None:
    from app.shipping.engines import parcel_engine  # expect: LAM103

    ParcelEngine().ship(order_id)
    parcel_engine.ParcelEngine().ship(order_id)
