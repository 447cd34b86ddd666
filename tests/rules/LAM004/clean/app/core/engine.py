"""The only Python file of layer core."""


def run() -> int:
    return 0
