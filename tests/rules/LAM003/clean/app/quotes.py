"""f-strings that alternate quote characters are valid in Python 3.11."""


def greet(name: str) -> str:
    return f"{'hello'} {name}"
