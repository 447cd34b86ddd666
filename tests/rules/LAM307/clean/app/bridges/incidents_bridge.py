"""Incidents bridge at the limit."""

from __future__ import annotations

from typing import overload


class IncidentsBridge:
    def __init__(self) -> None:
        self._cache: dict[str, object] = {}

    def __repr__(self) -> str:
        return "IncidentsBridge()"

    def _private_helper(self) -> None:
        return None

    def triage_capability(self) -> object:
        return object()

    def export_capability(self) -> object:
        return object()

    @overload
    def get(self, key: str) -> object: ...
    @overload
    def get(self, key: int) -> object: ...
    def get(self, key: object) -> object:
        return self._cache.get(str(key))

    class Config:
        def one(self) -> None: ...
        def two(self) -> None: ...


class ExtendedIncidentsBridge(IncidentsBridge):
    def extra_capability(self) -> object:
        return object()


class BridgeRegistry:
    def a(self) -> None: ...
    def b(self) -> None: ...
    def c(self) -> None: ...
    def d(self) -> None: ...
