"""
Layer: L6

A docstring is not a header: only comment lines form the header block.
"""


def run() -> None:
    return None
