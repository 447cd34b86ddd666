"""The fixes of the last run's findings, stored next to the result cache.

Planning fixes needs the project and, for some codes, the import index: a whole analysis.
A replayed ``lamina check`` must not pay that, so the table planned for a state of the
project is stored under that state's result key (plus the findings it was planned for) and
replayed with it. Only cheap modules are imported here: this runs on the warm path.
"""

from __future__ import annotations

import json
import os
from typing import Any, NamedTuple

from lamina.cache.result_store import entry_path
from lamina.cache.sealed import read_sealed, write_sealed
from lamina.engine.state import load_head
from lamina.locate import locate
from lamina.model.fixes import Applicability, Edit, Fix, FixTable
from lamina.model.settings import RunSettings
from lamina.version import CACHE_TAG

DEFAULT_CACHE_DIR = ".lamina_cache"  # as the engine's (engine.pipeline.DEFAULT_CACHE_DIR)

Keys = list[list[object]]
FindingKey = tuple[str, str, int, int, int, int, str]


class FixState(NamedTuple):
    """Where the fix table of a run lives and what it was planned from: the state key of the
    run, its configuration digests, and the content hash of each file of the run."""

    path: str
    key: str
    config: str
    digests: dict[str, str]


def state_of(config: str | None, cwd: str, settings: RunSettings) -> FixState | None:
    """The state the last run stored (its fix table's file, key and inputs); None without a cache."""
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
    return FixState(path[: -len(".json")] + ".fixes.json", head.key, json.dumps(head.config),
                    {source.path: source.content_hash for source in head.files})


def load_table(state: FixState, findings: Keys) -> FixTable | None:
    """The stored table when it was planned for this state and exactly these findings."""
    data = _stored(state)
    if data is None or data.get("key") != state.key or data.get("findings") != findings:
        return None
    try:
        return FixTable(tuple((_key(key), _fix(fix)) for key, fix in data["table"]))
    except (ValueError, KeyError, TypeError, IndexError):
        return None


def reusable(state: FixState, findings: Keys) -> tuple[dict[FindingKey, Fix], Keys]:
    """The previous run's fixes that still hold, and the findings left to plan.

    Only for a run that re-ran no global rule (no file's facts changed, or no global rule is
    enabled), so what a fix reads of other files is as it was: a finding of the previous run,
    under the same configuration, in a file whose content is unchanged keeps its fix (or its
    lack of one). Everything else is planned again."""
    data = _stored(state)
    if data is None or data.get("config") != state.config:
        return {}, findings
    try:
        before = {path: sorted(json.dumps(row) for row in rows) for path, rows in _by_path(data["findings"]).items()}
        files = data["files"]
        fixes = {_key(key): _fix(fix) for key, fix in data["table"]}
    except (ValueError, KeyError, TypeError, IndexError):
        return {}, findings
    # A file's fixes are planned together (LAM302 and LAM303 on one registration make one
    # edit), so a file keeps its fixes only when its open fixable findings are those of before.
    kept: dict[FindingKey, Fix] = {}
    left: Keys = []
    for path, rows in _by_path(findings).items():
        unchanged = files.get(path) is not None and files.get(path) == state.digests.get(path)
        if unchanged and sorted(json.dumps(row) for row in rows) == before.get(path):
            kept.update((key, fixes[key]) for key in (_key(row[:7]) for row in rows) if key in fixes)
        else:
            left.extend(rows)
    return kept, left


def _by_path(findings: Keys) -> dict[str, Keys]:
    grouped: dict[str, Keys] = {}
    for row in findings:
        grouped.setdefault(str(row[0]), []).append(row)
    return grouped


def save_table(state: FixState, findings: Keys, table: FixTable) -> None:
    files = {str(row[0]): state.digests.get(str(row[0])) for row in findings}
    data = {"key": state.key, "config": state.config, "findings": findings, "files": files,
            "table": [[list(key), _data(fix)] for key, fix in table.entries]}  # fmt: skip
    # ASCII escapes: a finding's path may hold a lone surrogate (an undecodable file name).
    write_sealed(state.path, json.dumps(data, sort_keys=True).encode("ascii"))


def _stored(state: FixState) -> dict[str, Any] | None:
    raw = read_sealed(state.path)
    if raw is None:
        return None
    try:
        data = json.loads(raw)
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


def _key(row: list[Any]) -> FindingKey:
    path, code, line, column, end_line, end_column, message = row[:7]
    return (str(path), str(code), int(line), int(column), int(end_line), int(end_column), str(message))


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
