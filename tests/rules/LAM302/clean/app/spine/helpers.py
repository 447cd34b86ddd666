"""A spine helper without a role: what it imports is not part of an operation's reach."""

from app.stock.engine import level


def stock_level() -> int:
    return level("sku")
