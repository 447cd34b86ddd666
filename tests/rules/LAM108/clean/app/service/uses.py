from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

import requests
import yaml.constructor

import app.logs.store
from app.logs import RETENTION_DAYS, Store
from app.logs import store
from app.ns import thing
from . import helpers
from .helpers import clamp

if TYPE_CHECKING:
    from app.logs.store import Store as StoreType

try:
    import app.plugins.optional
except ImportError:
    pass

import nsonly.other


def export() -> object:
    return importlib.import_module("app.logs.store"), requests, yaml, clamp, helpers, thing, store, RETENTION_DAYS, Store
