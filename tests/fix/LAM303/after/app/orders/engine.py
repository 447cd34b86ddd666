"""Orders engine."""


def list_orders() -> list[str]:
    return []
