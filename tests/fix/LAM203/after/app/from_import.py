"""A from-import of the replacement is reused; the old binding is left alone."""

from inspect import iscoroutinefunction


def probe(fn: object) -> bool:
    if iscoroutinefunction(fn):
        return True
    return False
