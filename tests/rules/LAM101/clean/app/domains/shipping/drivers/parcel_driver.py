"""Shipping driver."""


class ParcelDriver:
    def send(self, order_id: str) -> None:
        print(order_id)
