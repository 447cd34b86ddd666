"""Shipping engine."""

from ..schemas.parcel import Parcel


class ParcelEngine:
    def ship(self, parcel: Parcel) -> None:
        print(parcel)
