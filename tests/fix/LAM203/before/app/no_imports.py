"""No import at all: the new one goes after the docstring."""
def probe(fn: object) -> bool:
    import asyncio

    return asyncio.iscoroutinefunction(fn)
