"""No import at all: the new one goes after the docstring."""
import inspect
def probe(fn: object) -> bool:
    import asyncio

    return inspect.iscoroutinefunction(fn)
