"""Runner that guesses whether handlers are coroutine functions."""

from __future__ import annotations

import asyncio
import asyncio as aio
import inspect
from inspect import iscoroutinefunction as is_co
from typing import Any, Callable


async def run(fn: Callable[..., Any]) -> object:
    if asyncio.iscoroutinefunction(fn):  # expect: LAM203
        return await fn()
    if aio.iscoroutinefunction(fn):  # expect: LAM203
        return await fn()
    if is_co(fn):  # expect: LAM203
        return await fn()
    if inspect.iscoroutinefunction(  # expect: LAM203
        fn,
    ):
        return await fn()
    return fn()


def probe_lazily(fn: Callable[..., Any]) -> bool:
    from asyncio import iscoroutinefunction

    return iscoroutinefunction(fn)  # expect: LAM203
