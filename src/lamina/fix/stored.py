"""The fixes of the last run's findings, stored next to the result cache.

Planning fixes needs the project and, for some codes, the import index: a whole analysis.
A replayed ``lamina check`` must not pay that, so the table planned for a state of the
project is stored under that state's result key (plus the findings it was planned for) and
replayed with it. Only cheap modules are imported here: this runs on the warm path.
"""

from __future__ import annotations

import json
import os
from typing import Any

from lamina.cache.result_store import entry_path
from lamina.cache.sealed import read_sealed, write_sealed
from lamina.engine.state import load_head
from lamina.locate import locate
from lamina.model.fixes import Applicability, Edit, Fix, FixTable
from lamina.model.settings import RunSettings
from lamina.version import CACHE_TAG

DEFAULT_CACHE_DIR = ".lamina_cache"  # as the engine's (engine.pipeline.DEFAULT_CACHE_DIR)

Keys = list[list[object]]


def state_of(config: str | None, cwd: str, settings: RunSettings) -> tuple[str, str] | None:
    """(the fix table's file, the key of the state the last run stored); None without a cache."""
    if settings.no_cache:
        return None
    located = locate(config, cwd)
    if located is None:
        return None
    chosen = settings.cache_dir or str(located.table.get("cache_dir") or DEFAULT_CACHE_DIR)
    cache_dir = chosen if os.path.isabs(chosen) else os.path.join(located.root, chosen)
    path = entry_path(cache_dir, CACHE_TAG, located.config_file)
    head = load_head(path)
    if head is None or head.root != located.root:
        return None
    return path[: -len(".json")] + ".fixes.json", head.key


def load_table(state: tuple[str, str], findings: Keys) -> FixTable | None:
    """The stored table when it was planned for this state and exactly these findings."""
    raw = read_sealed(state[0])
    if raw is None:
        return None
    try:
        data = json.loads(raw)
        if data["key"] != state[1] or data["findings"] != findings:
            return None
        return FixTable(tuple((tuple(key), _fix(fix)) for key, fix in data["table"]))
    except (ValueError, KeyError, TypeError, IndexError):
        return None


def save_table(state: tuple[str, str], findings: Keys, table: FixTable) -> None:
    data = {"key": state[1], "findings": findings,
            "table": [[list(key), _data(fix)] for key, fix in table.entries]}  # fmt: skip
    # ASCII escapes: a finding's path may hold a lone surrogate (an undecodable file name).
    write_sealed(state[0], json.dumps(data, sort_keys=True).encode("ascii"))


def _data(fix: Fix) -> list[object]:
    return [fix.applicability.value, fix.message, [list(edit) for edit in fix.edits]]


def _fix(data: list[Any]) -> Fix:
    """A stored fix; rows are JSON read back, so their shape is checked by the caller's
    exception handler (a damaged table is planned again)."""
    applicability, message, edits = data
    return Fix(Applicability(applicability), str(message), tuple(_edit(e) for e in edits))


def _edit(row: list[Any]) -> Edit:
    line, column, end_line, end_column, start, end = (int(v) for v in row[:6])
    return Edit(line, column, end_line, end_column, start, end, str(row[6]))
