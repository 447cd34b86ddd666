# Layer: L5/L6 — Engine and driver
"""The token `L5/L6` is claimed by L6 (and L5)."""


def run() -> None:
    return None
