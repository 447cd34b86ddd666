"""Section 7 of a folder summary (docs/reports.md#folder-summary): a mermaid ``flowchart LR`` of the
folder's outgoing internal imports, grouped by "layer[:zone][ domain]" of the target, with
edges that carry a failing import finding drawn red."""

from __future__ import annotations

from typing import TYPE_CHECKING

from lamina.audit.cells import failing
from lamina.audit.views import DependencyMap
from lamina.model.escape import one_line
from lamina.model.placement import TargetStatus
from lamina.model.report_input import ReportImport, ReportInput

if TYPE_CHECKING:
    from lamina.audit.folders import Folder

MAX_GROUPS = 30
RED = "stroke:#d00,stroke-width:2px"
_INTERNAL = (TargetStatus.INTERNAL, TargetStatus.MISSING)
LEGEND = (
    "An edge label counts distinct (script, imported module) pairs; each script page lists its imports "
    "with their layer and domain."
)


def group_of(target: ReportImport) -> str:
    """``L5 policies``, ``L4:services``, ``unplaced``."""
    placement = target.placement
    label = placement.label()
    return f"{label} {placement.domain}" if placement.domain else label


def quoted(label: str) -> str:
    # A domain may be named after a directory: no newline may end the node's line.
    return '"' + one_line(label).replace('"', "#quot;") + '"'


def dependency_map(folder: Folder, inp: ReportInput) -> DependencyMap:
    # An edge is red when one of its imports carries a failing import-family finding; such
    # findings name their import by ``import_key`` (statement position + resolved target).
    red_keys = {
        (f.path, f.import_key) for f in inp.result.findings if f.import_key and failing(f, inp.result.fail_on)
    }
    pairs: dict[str, set[tuple[str, str]]] = {}
    red: set[str] = set()
    own = folder.module
    for row in folder.rows:
        for target in row.imports:
            if not target.runtime or target.status not in _INTERNAL:
                continue
            if target.module == own or target.module.startswith(own + "."):
                continue  # outgoing imports only: the folder's own modules are the node n0
            group = group_of(target)
            pairs.setdefault(group, set()).add((row.path, target.module))
            if (row.path, target.import_key) in red_keys:
                red.add(group)
    ranked = sorted(pairs, key=lambda g: (-len(pairs[g]), g))
    kept = sorted(ranked[:MAX_GROUPS])
    lines = ["flowchart LR", f"    n0[{quoted(folder.spec.path.rstrip('/') + '/')}]"]
    for number, group in enumerate(kept, start=1):
        lines.append(f"    n{number}[{quoted(group)}]")
    styles = []
    for number, group in enumerate(kept, start=1):
        lines.append(f'    n0 -->|"{len(pairs[group])}"| n{number}')
        if group in red:
            styles.append(f"    linkStyle {number - 1} {RED}")
    lines.extend(styles)
    more = len(ranked) - len(kept)
    legend = LEGEND if kept else None
    return DependencyMap(tuple(lines), f"… and {more} more groups" if more else None, legend)
