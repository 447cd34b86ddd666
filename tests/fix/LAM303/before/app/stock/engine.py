"""Stock engine."""


def level(sku: str) -> int:
    return 0
