"""Layer tools has no matrix row and the matrix default is `unchecked`."""

from app.domains.shipping.drivers.parcel_driver import ParcelDriver

DRIVER = ParcelDriver
