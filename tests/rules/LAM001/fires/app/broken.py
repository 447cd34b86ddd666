"""A function whose parameter list was never finished (libcst rejects it too)."""


def broken(:  # expect: LAM001
    pass
