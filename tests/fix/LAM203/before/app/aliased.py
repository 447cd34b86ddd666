"""An alias the module already has is reused."""

import asyncio as aio


def probe(fn: object) -> bool:
    return aio.iscoroutinefunction(
        fn
    )
