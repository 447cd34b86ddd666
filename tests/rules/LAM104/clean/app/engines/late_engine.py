"""The header block ends at the first line that is neither blank nor a comment."""

# Layer: L6  (after code: not a header field)


def run() -> None:
    return None
