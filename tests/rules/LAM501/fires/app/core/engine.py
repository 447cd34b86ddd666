# lamina: ignore-file[LAM204] dynamic imports were removed in v2  # expect: LAM501
"""Engine: suppressions that suppress nothing."""

from __future__ import annotations

import asyncio

from app.api import views  # lamina: ignore[LAM101] overlap reports LAM102 instead  # expect: LAM102, LAM501


def run(fn: object) -> bool:
    # lamina: ignore[LAM203] probe kept until the v2 handler split  # expect: LAM501
    value = views.render()
    # lamina: ignore[LAM203, LAM401] probe kept until the v2 handler split  # expect: LAM501
    return asyncio.iscoroutinefunction(fn) and bool(value)  # expect: LAM203
