"""Plugin loader with literal module names. importlib.import_module(name) is not code here."""

from __future__ import annotations

import importlib
from importlib import import_module as im
from types import ModuleType

MESSAGE = "never call __import__(name) with a computed name"


class Registry:
    def import_module(self, name: str) -> str:
        return name


def load(registry: Registry, name: str) -> list[object]:
    # importlib.import_module(name) would be a finding; this is a comment.
    return [
        importlib.import_module("app.plugins.csv_plugin"),
        im(name="app.plugins.csv_plugin"),
        importlib.import_module("app.plugins." "csv_plugin"),
        importlib.import_module(".csv_plugin", "app.plugins"),
        __import__("app.plugins.csv_plugin"),
        registry.import_module(name),
    ]


def plugins() -> ModuleType:
    return importlib.import_module("app.plugins")
