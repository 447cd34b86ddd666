"""Logs engine."""


def write(text: str) -> None:
    return None
