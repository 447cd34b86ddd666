"""Coordinators, re-exported: callers import them from the package."""

from .execution_coordinator import ExecutionCoordinator

__all__ = ["ExecutionCoordinator"]
