"""Shipping engine."""


class ParcelEngine:
    def ship(self, order_id: str) -> None:
        print(order_id)
