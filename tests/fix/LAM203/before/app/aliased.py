"""An alias the module already has is reused."""

import asyncio as aio
import inspect as ins


def probe(fn: object) -> bool:
    return aio.iscoroutinefunction(
        fn
    )
