"""Clock service that engines may use."""


def now() -> int:
    return 0
