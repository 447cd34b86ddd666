"""Policies bridge that grew too large."""

from __future__ import annotations

from dataclasses import dataclass


class PoliciesEngineBridge:  # expect: LAM307
    def rules_capability(self) -> object:
        return object()

    async def evaluation_capability(self) -> object:
        return object()

    def limits_capability(self) -> object:
        return object()

    @property
    def version(self) -> int:
        return 1

    @version.setter
    def version(self, value: int) -> None:
        return None


@dataclass
class LogsBridge:  # expect: LAM307
    name: str

    def a(self) -> None: ...
    def b(self) -> None: ...
    def c(self) -> None: ...
    def d(self) -> None: ...
