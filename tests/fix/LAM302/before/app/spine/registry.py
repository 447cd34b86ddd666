"""The operation registry and its decorator form."""

from collections.abc import Callable


class OperationRegistry:
    def register(self, name: str, handler: object, **options: object) -> None:
        return None


def operation(name: str, **options: object) -> Callable[[object], object]:
    return lambda handler: handler
