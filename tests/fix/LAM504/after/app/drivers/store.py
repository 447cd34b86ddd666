# Layer: drivers
"""Storage driver: no header at all."""

ROWS: list[int] = []
