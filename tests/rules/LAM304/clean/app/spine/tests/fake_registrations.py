"""Tests register a fake handler under a real name; the rule's scope excludes tests."""

from app.spine.registry import OperationRegistry


def fake_place() -> None:
    registry = OperationRegistry()
    registry.register("orders.place", object(), cross_domain_deps=[])
