"""The drift gate (docs/reports.md#files): renderings in memory against committed files.

Pure: the caller reads the committed files and finds stale ones; this module decides
what differs and prints nothing.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

CHANGED = "changed"
MISSING = "missing"
STALE = "stale"


@dataclass(frozen=True, slots=True)
class Drift:
    path: str  # as displayed: the output directory joined with the document path
    state: str  # changed | missing | stale
    diff: str  # unified diff (committed → rendered) for changed files, else ""


def compare(
    rendered: Mapping[str, str],
    committed: Mapping[str, str | None],
    stale: Iterable[str],
    display: Mapping[str, str],
) -> tuple[Drift, ...]:
    """Every rendered document that is missing or differs, and every stale file, sorted
    by displayed path. ``committed`` holds None for a document with no file yet;
    ``display`` maps document paths (and stale paths) to their displayed form."""
    found: list[Drift] = []
    for path, text in rendered.items():
        shown = display[path]
        current = committed.get(path)
        if current is None:
            found.append(Drift(shown, MISSING, ""))
        elif current != text:
            found.append(Drift(shown, CHANGED, unified(current, text, shown)))
    found.extend(Drift(display[path], STALE, "") for path in stale)
    return tuple(sorted(found, key=lambda d: d.path))


def unified(before: str, after: str, shown: str) -> str:
    lines = difflib.unified_diff(
        before.splitlines(keepends=True), after.splitlines(keepends=True), f"a/{shown}", f"b/{shown}", n=3
    )
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


def drift_report(drifts: tuple[Drift, ...], compared: int) -> str:
    """What ``lamina report --check`` prints."""
    if not drifts:
        return f"reports up to date ({compared} files)\n"
    out = []
    for drift in drifts:
        out.append(f"report drift: {drift.path} ({drift.state})\n")
        out.append(drift.diff)
    return "".join(out)
