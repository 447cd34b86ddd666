"""No import at all: the new one goes after the docstring."""
import inspect


def probe(fn: object) -> bool:

    return inspect.iscoroutinefunction(fn)
