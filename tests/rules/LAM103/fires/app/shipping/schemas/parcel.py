"""Shipping types."""


class Parcel:
    pass
