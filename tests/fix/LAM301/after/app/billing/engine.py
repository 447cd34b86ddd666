"""Billing engine."""


def charge() -> None:
    return None
