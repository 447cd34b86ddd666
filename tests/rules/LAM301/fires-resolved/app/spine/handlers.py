"""Operations registered through receivers that no name glob would recognise."""

from __future__ import annotations

from app.spine.factories import make_ops
from app.spine.registry import OperationRegistry
from app.spine.registry import OperationRegistry as R
from app.spine.registry import get_operation_registry


class ListHandler:
    def execute(self) -> None:
        return None


def through_alias() -> None:
    R().register("orders.alias", ListHandler())  # expect: LAM301


def through_parameter(ops: OperationRegistry) -> None:
    ops.register("orders.parameter", ListHandler())  # expect: LAM301


def through_annotated_local() -> None:
    ops: R = make_ops()
    ops.register("orders.local", ListHandler())  # expect: LAM301


def through_factory_call() -> None:
    ops = get_operation_registry()
    ops.register("orders.factory", ListHandler())  # expect: LAM301


def through_chain() -> None:
    ops = get_operation_registry()
    table = ops
    table.register("orders.chain", ListHandler())  # expect: LAM301


def through_other_module() -> None:
    ops = make_ops()
    ops.register("orders.other_module", ListHandler())  # expect: LAM301


def through_fallback(registry) -> None:  # type: ignore[no-untyped-def]
    registry.register("orders.fallback", ListHandler())  # expect: LAM301


class Wiring:
    _table: OperationRegistry

    def __init__(self, table: OperationRegistry) -> None:
        self._ops = get_operation_registry()
        self._table = table

    def wire(self) -> None:
        self._ops.register("orders.init", ListHandler())  # expect: LAM301
        self._table.register("orders.class_body", ListHandler())  # expect: LAM301


class OrdersRegistry(OperationRegistry):
    @classmethod
    def default(cls) -> None:
        ops = cls()
        ops.register("orders.default", ListHandler())  # expect: LAM301
