"""A from-import of the replacement is reused; the old binding is left alone."""

from asyncio import iscoroutinefunction as is_co
from inspect import iscoroutinefunction


def probe(fn: object) -> bool:
    if iscoroutinefunction(fn):
        return True
    return False
