"""Compatibility shim that service code may still use."""


def shim() -> None:
    return None
