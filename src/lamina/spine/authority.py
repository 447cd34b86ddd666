"""The authority hook: may this operation run for this context?"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from lamina.spine.context import OperationContext
    from lamina.spine.operations import Operation

__all__ = ["Authority", "AuthorityDecision", "allow_all"]


@dataclass(frozen=True, slots=True)
class AuthorityDecision:
    """A yes/no with the reason that is written to the audit record."""

    allowed: bool
    reason: str = ""


Authority = Callable[["Operation", "OperationContext[Any]"], AuthorityDecision | Awaitable[AuthorityDecision]]
"""``authority(operation, ctx)``; raising fails closed with ``AUTHORITY_ERROR``."""


def allow_all(operation: Operation, ctx: OperationContext[Any]) -> AuthorityDecision:
    """The default hook: every operation is allowed."""
    return AuthorityDecision(allowed=True, reason="allow_all")
