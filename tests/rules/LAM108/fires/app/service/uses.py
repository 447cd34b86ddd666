import importlib

import app.logs.archive  # expect: LAM108
from app.logs.gone import Record  # expect: LAM108
from app.logs import store
from app.ns import missing_name  # expect: LAM108
from .absent import helper  # expect: LAM108
from app.logs.purged import (  # expect: LAM108
    first,
    second,
)


def export() -> object:
    from app.ledger.entries import Entry  # expect: LAM108

    return Entry, importlib.import_module("app.logs.vanished")  # expect: LAM108
