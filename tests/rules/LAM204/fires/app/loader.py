"""Plugin loader computing module names."""

from __future__ import annotations

import importlib
import importlib as il
from importlib import import_module as im
from types import ModuleType


def load(name: str, parts: tuple[str, ...]) -> list[ModuleType]:
    return [
        importlib.import_module(name),  # expect: LAM204
        il.import_module(f"app.plugins.{name}"),  # expect: LAM204
        im("app.plugins." + name),  # expect: LAM204
        importlib.import_module(*parts),  # expect: LAM204
        importlib.import_module(  # expect: LAM204
            name=name,
        ),
        importlib.__import__(name),  # expect: LAM204
        __import__(name.lower()),  # expect: LAM204
        importlib.import_module(),  # expect: LAM204
    ]


def load_lazily(name: str) -> ModuleType:
    from importlib import import_module

    return import_module(name)  # expect: LAM204
