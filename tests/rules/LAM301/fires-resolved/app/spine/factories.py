"""A factory in another module: only its return annotation says what it builds."""

from __future__ import annotations

from app.spine.registry import OperationRegistry, get_operation_registry


def make_ops() -> OperationRegistry:
    return get_operation_registry()
