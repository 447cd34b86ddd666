"""Report service with forbidden imports in several spellings."""

import requests.adapters  # expect: LAM102
from app.db import Incident, get_engine  # expect: LAM102
from app.legacy.exporter import (  # expect: LAM102
    export_rows,
)


def build() -> int:
    import app.legacy.exporter as legacy  # expect: LAM102

    return len(export_rows()) + len(legacy.export_rows()) + id(Incident) + id(get_engine) + id(requests)
