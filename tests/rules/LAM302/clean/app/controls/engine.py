"""Controls engine."""


def evaluate(text: str) -> bool:
    return True
