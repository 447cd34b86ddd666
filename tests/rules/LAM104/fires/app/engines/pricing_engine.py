# Layer: L3 — Service  # expect: LAM104
"""No layer claims the token L3 (unknown_claims: report)."""


def price(amount: int) -> int:
    return amount
