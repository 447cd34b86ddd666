"""Shipping driver: an importlib call with a literal name is an import like any other."""

import importlib


class ParcelDriver:
    def send(self, order_id: str) -> None:
        api = importlib.import_module("app.api.orders_api")  # expect: LAM101
        api.total(order_id)
