"""Logs engine; engines are outside the rule's scope."""

from typing import Any


def render(registry: Any) -> object:
    return registry.execute("incidents.list")
