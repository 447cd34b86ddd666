"""Policies engine."""


def policy(name: str) -> str:
    return name
