"""The frozen view models the report templates print (docs/reports.md#templates).

Every value here is decided: sorted, escaped, counted. Templates only loop over these
fields and print them; the modules next to this one (``folders``, ``assessment``,
``depmap``, ``pairing``, ``pages``, ``overview``) compute them from ``lamina.model``.
"""

from __future__ import annotations

from dataclasses import dataclass

VERDICT_OK = "OK"
VERDICT_VIOLATION = "VIOLATION"
VERDICT_BASELINED = "BASELINED"


# -- folder summary ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class InventoryRow:
    path: str  # project-relative: the row's key
    name: str  # relative to the table's (sub)folder
    link: str  # page link, relative to the summary
    purpose: str
    transaction: str
    cross_domain: str
    verdict: str


@dataclass(frozen=True, slots=True)
class InventoryTable:
    """The rows directly in the folder (``directory`` "") or in one subdirectory."""

    directory: str  # relative to the folder, "" for the folder itself
    title: str  # "Coordinators" (subdirectories only)
    description: str | None
    rows: tuple[InventoryRow, ...]
    shown_directory: str = ""  # "`coordinators/`": the directory as a code span, for printing


@dataclass(frozen=True, slots=True)
class Places:
    """The lines of one file that a count or a grouped finding refers to."""

    path: str  # "`handlers/x.py`": relative to the folder, or project-relative for the codebase
    lines: str  # "12, 14, 19"


@dataclass(frozen=True, slots=True)
class MissingItem:
    label: str
    detail: str
    # The places a rule count counts ("8 places in 6 files"), one entry per file: the
    # count is the number of lines listed, so it can be traced without another file.
    places: tuple[Places, ...] = ()


@dataclass(frozen=True, slots=True)
class ViolationGroup:
    """Open findings of one code with one message. A single finding prints as before
    ("`path:line` — CODE message"); repeated ones print once with their count and places."""

    count: int
    text: str  # "`path:line` — CODE message" when count is 1, else "CODE message"
    places: tuple[Places, ...]  # empty when count is 1

    def __str__(self) -> str:
        # A custom template written for the ungrouped list prints ``{{ item }}``.
        return self.text if self.count == 1 else f"{self.text} (×{self.count})"


@dataclass(frozen=True, slots=True)
class ScriptCount:
    """A script and how many of the counted findings it holds (its page lists them)."""

    name: str  # "`handlers/x.py`" relative to the folder
    link: str  # its page, relative to the summary
    count: int


@dataclass(frozen=True, slots=True)
class AssessmentView:
    correct: int  # rows with verdict OK
    total: int
    violations: tuple[ViolationGroup, ...]  # grouped by (code, message), by first place
    violation_count: int  # findings: the sum of the groups' counts
    baselined_findings: int
    baselined_scripts: int
    below_threshold: int
    missing: tuple[MissingItem, ...]
    clean: bool  # no violations and nothing missing
    baselined_by_script: tuple[ScriptCount, ...] = ()  # sums to baselined_findings
    below_by_script: tuple[ScriptCount, ...] = ()  # sums to below_threshold


@dataclass(frozen=True, slots=True)
class PairingRow:
    script: str  # relative to the folder
    serves: str  # "incidents, policies" or "_none_"
    wired: int
    gaps: int


@dataclass(frozen=True, slots=True)
class DependencyMap:
    lines: tuple[str, ...]  # the mermaid source, one line each
    note: str | None  # "… and N more groups"
    legend: str | None = None  # what an edge label counts and where those imports are listed


@dataclass(frozen=True, slots=True)
class FolderSummaryView:
    title: str
    path: str  # project-relative, with a trailing "/"
    layers: str
    count: str  # "2 + 1 coordinators + 2 handlers"
    purpose: str | None
    belongs: tuple[str, ...]
    must_not: tuple[str, ...]
    direct: InventoryTable
    subtables: tuple[InventoryTable, ...]
    assessment: AssessmentView
    pairing_configured: bool
    pairing: tuple[PairingRow, ...]  # rows that wire at least one entry module
    dependency_map: DependencyMap
    # Rows that wire no entry module: one line instead of a "_none_ | 0 | 0" row each.
    pairing_idle: tuple[str, ...] = ()
    pairing_idle_count: str = ""  # "3 scripts"


# -- script page ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ImportRow:
    kind: str
    module: str
    layer: str
    domain: str


@dataclass(frozen=True, slots=True)
class TransactionRow:
    line: int
    call: str


@dataclass(frozen=True, slots=True)
class RegistrationRow:
    operation: str
    declared: str
    actual: str
    line: int


@dataclass(frozen=True, slots=True)
class ExecutionRow:
    operation: str
    line: int


@dataclass(frozen=True, slots=True)
class FindingRow:
    line: int
    code: str
    severity: str
    status: str
    message: str


@dataclass(frozen=True, slots=True)
class ScriptPageView:
    file_name: str
    path: str
    module: str
    layer: str  # "L4:orchestrator", with " — header claims X" when the header differs
    domain: str
    roles: str
    verdict: str
    purpose: str
    docstring: str | None
    fence: str  # a backtick fence longer than any backtick run in the docstring
    imports: tuple[ImportRow, ...]
    externals: str | None  # "`os`, `sqlalchemy`"
    importers: tuple[str, ...]  # at most 50 modules
    importers_more: int
    transactions: tuple[TransactionRow, ...]
    registrations: tuple[RegistrationRow, ...]
    executions: tuple[ExecutionRow, ...]
    findings: tuple[FindingRow, ...]


# -- pairing report ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PairingDomainRow:
    domain: str
    entries: int
    wired: int
    orphans: int
    bypasses: int


@dataclass(frozen=True, slots=True)
class EntryRow:
    path: str
    wired_by: str  # "`a.py`, `b.py`" or "—"
    imported_by: str


@dataclass(frozen=True, slots=True)
class PairingSection:
    domain: str
    entries: tuple[EntryRow, ...]
    orphans: str  # "`a.py`, `b.py`" or "none"
    bypasses: tuple[str, ...]  # "`path:line` imports `module` (L5)"


@dataclass(frozen=True, slots=True)
class PairingReportView:
    configured: bool
    domains: int
    entries: int
    wired: int
    orphans: int
    bypasses: int
    rows: tuple[PairingDomainRow, ...]
    sections: tuple[PairingSection, ...]


# -- index ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class IndexFolderRow:
    title: str
    link: str
    layers: str
    scripts: int
    ok: int
    violations: int
    purpose: str


@dataclass(frozen=True, slots=True)
class IndexViolationRow:
    folder: str
    script: str  # "[rel:line](page link)", comma-separated when findings are grouped
    code: str
    message: str


@dataclass(frozen=True, slots=True)
class IndexView:
    folders: int
    scripts: int
    ok: int
    violations: int
    baselined: int
    rows: tuple[IndexFolderRow, ...]
    open_violations: tuple[IndexViolationRow, ...]  # one row per (folder, code, message), places listed


# -- the set of documents -----------------------------------------------------------------

TEMPLATE_SUMMARY = "folder_summary.md.j2"
TEMPLATE_PAGE = "script_page.md.j2"
TEMPLATE_PAIRING = "pairing.md.j2"
TEMPLATE_INDEX = "index.md.j2"
TEMPLATES = (TEMPLATE_SUMMARY, TEMPLATE_PAGE, TEMPLATE_PAIRING, TEMPLATE_INDEX)

View = FolderSummaryView | ScriptPageView | PairingReportView | IndexView


@dataclass(frozen=True, slots=True)
class Document:
    """One report file: its path relative to the output directory, the template that
    renders it and the view it prints. ``folders`` are the configured folders (root-relative
    paths) the document belongs to; empty for the index and the pairing report."""

    path: str
    template: str
    view: View
    folders: tuple[str, ...]
