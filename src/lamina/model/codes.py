"""The table of every rule code (RULES.md section 4): identity, family, default severity.

This is data, on floor 1, so that the config loader can validate codes and option
types without importing the rule implementations. ``rules/catalog.py`` pairs each code
with its implementation and documentation.
"""


from typing import NamedTuple

from enum import Enum

from lamina.model import options as o
from lamina.model.findings import Severity


class Needs(str, Enum):
    NOTHING = "-"
    FACTS = "facts"
    GRAPH = "graph"


class Locality(str, Enum):
    """What a code's findings depend on, which decides what a run may reuse.

    - ``local``: a file's findings depend only on its own facts and placement and on the
      placements of the modules it imports; they are recomputed for the files whose facts
      changed (and the importers of a file whose placement changed).
    - ``path``: findings depend only on the file set, discovery and placements.
    - ``global``: findings anywhere may change when any file's facts change (operation
      tables, import cycles, transitive chains); recomputed whenever a file's facts change.
    """

    LOCAL = "local"
    PATH = "path"
    GLOBAL = "global"


class CodeInfo(NamedTuple):
    code: str
    name: str
    family: str
    severity: Severity
    needs: Needs
    always_on: bool
    options: type
    status: str = "stable"
    since: str = "0.1.0"
    # Reads calls or definitions (``ModuleFacts.code``); when no enabled rule does, files
    # are extracted without them.
    reads_code: bool = False
    locality: Locality = Locality.LOCAL


def code_table() -> tuple[CodeInfo, ...]:
    """Every code lamina knows, sorted by code. Codes are never reused."""
    e, w, i = Severity.ERROR, Severity.WARNING, Severity.INFO
    f, g, n = Needs.FACTS, Needs.GRAPH, Needs.NOTHING
    p, G = Locality.PATH, Locality.GLOBAL  # every other code is local
    return (
        CodeInfo("LAM001", "syntax-error", "input", e, f, True, o.NoOptions),
        CodeInfo("LAM002", "undecodable-file", "input", e, f, True, o.NoOptions),
        CodeInfo("LAM003", "fallback-parse", "input", i, f, True, o.NoOptions),
        CodeInfo("LAM004", "empty-scope", "input", e, f, True, o.NoOptions, locality=p),
        CodeInfo("LAM005", "shadowed-module", "input", w, f, True, o.NoOptions, locality=p),
        CodeInfo("LAM101", "layer-violation", "imports", e, f, False, o.LayerMatrixOptions),
        CodeInfo("LAM102", "forbidden-import", "imports", e, f, False, o.ForbiddenImportOptions),
        CodeInfo("LAM103", "cross-domain-import", "imports", e, f, False, o.CrossDomainOptions),
        CodeInfo("LAM104", "header-layer-mismatch", "imports/layers", w, f, False, o.HeaderLayerOptions),
        CodeInfo("LAM105", "ambiguous-layer", "imports/layers", e, f, True, o.NoOptions, locality=p),
        CodeInfo("LAM106", "unassigned-module", "imports/layers", w, f, False, o.NoOptions, locality=p),
        CodeInfo("LAM107", "import-cycle", "imports", e, g, False, o.CycleOptions, locality=G),
        CodeInfo("LAM108", "unresolved-import", "imports", e, f, True, o.NoOptions),
        CodeInfo("LAM201", "orchestrator-reach", "calls", e, f, False, o.OrchestratorReachOptions, reads_code=True),
        CodeInfo("LAM202", "reflective-dispatch", "calls", e, f, False, o.ReflectiveDispatchOptions, reads_code=True),
        CodeInfo("LAM203", "banned-call", "calls", e, f, False, o.BannedCallOptions, reads_code=True),
        CodeInfo("LAM204", "dynamic-import", "calls", w, f, False, o.DynamicImportOptions, reads_code=True),
        CodeInfo("LAM301", "missing-cross-domain-deps", "operations", e, f, False, o.NoOptions, reads_code=True, locality=G),
        CodeInfo("LAM302", "undeclared-domain-dependency", "operations", e, f, False, o.NoOptions, reads_code=True, locality=G),
        CodeInfo("LAM303", "stale-domain-declaration", "operations", w, f, False, o.NoOptions, reads_code=True, locality=G),
        CodeInfo("LAM304", "duplicate-operation", "operations", e, f, False, o.NoOptions, reads_code=True, locality=G),
        CodeInfo("LAM305", "foreign-operation-execution", "operations", e, f, False, o.NoOptions, reads_code=True, locality=G),
        CodeInfo("LAM306", "forbidden-parameter", "declarations", e, f, False, o.ForbiddenParameterOptions, reads_code=True),
        CodeInfo("LAM307", "oversized-class", "declarations", e, f, False, o.OversizedClassOptions, reads_code=True),
        CodeInfo("LAM308", "unowned-operation", "operations", e, f, False, o.NoOptions, reads_code=True, locality=G),
        CodeInfo("LAM401", "transaction-outside-owner", "transactions", e, f, False, o.TransactionOwnerOptions, reads_code=True),
        CodeInfo("LAM402", "database-import", "transactions", e, f, False, o.DatabaseImportOptions),
        CodeInfo("LAM501", "unused-suppression", "hygiene", w, n, True, o.NoOptions),
        CodeInfo("LAM502", "invalid-suppression", "hygiene", e, n, True, o.NoOptions),
        CodeInfo("LAM503", "stale-baseline-entry", "hygiene", e, n, True, o.NoOptions, locality=G),
        CodeInfo("LAM504", "missing-header-field", "hygiene", i, f, False, o.MissingHeaderFieldOptions),
    )


def code_index() -> dict[str, CodeInfo]:
    return {info.code: info for info in code_table()}
