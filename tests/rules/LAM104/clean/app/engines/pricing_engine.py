# Layer: L3 — Service
"""Unknown token, but this pack sets unknown_claims: ignore."""


def price(amount: int) -> int:
    return amount
