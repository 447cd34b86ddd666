# Layer: L5 — Engine
"""An agreeing header next to the two lying ones."""


def tax(amount: int) -> int:
    return amount // 5
