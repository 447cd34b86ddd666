"""What ``lamina report`` reads (docs/reports.md): the final findings of the same analysis
``lamina check`` runs, plus per-file facts derived from the import index, precomputed so
that the report views (``audit/``) read this model only and never reach into the pipeline.
"""

from __future__ import annotations

from typing import NamedTuple

from lamina.model.placement import Placement
from lamina.model.project import Project
from lamina.model.result import AnalysisResult

# Import kinds as reports name them: ``importlib`` replaces the kind of an
# ``importlib.import_module``/``__import__`` call that is not a type-checking import.
KIND_MODULE = "module"
KIND_LAZY = "lazy"
KIND_TYPE_CHECKING = "type_checking"
KIND_IMPORTLIB = "importlib"
RUNTIME_KINDS = frozenset({KIND_MODULE, KIND_LAZY, KIND_IMPORTLIB})


class ReportImport(NamedTuple):
    """One resolved import target of a file.

    ``module`` is the discovered module the target resolves to (the raw target for
    external, missing and unresolved ones), ``path`` that module's file (None for
    namespace directories, missing, external and unresolved targets). ``import_key``
    identifies the import the way import-family findings do (``Finding.import_key``).
    """

    line: int
    kind: str
    module: str
    status: str  # lamina.model.placement.TargetStatus value
    path: str | None
    placement: Placement
    import_key: str

    @property
    def runtime(self) -> bool:
        """Counted by reach, wiring and the dependency map (never ``type_checking``)."""
        return self.kind in RUNTIME_KINDS


class TransactionCall(NamedTuple):
    """A ``<receiver>.<method>()`` call with a transaction method (docs/reports.md#rows-and-columns)."""

    line: int
    method: str  # commit | begin | begin_nested | rollback | flush
    text: str  # the callee text with ``()``: ``conn.commit()``


class OperationRegistration(NamedTuple):
    """``declared`` holds the declared domains when ``deps_state`` is ``literal``."""

    line: int
    name: str | None  # None when not a string literal
    text: str  # callee text, for non-literal names
    deps_state: str  # absent | literal | not_literal
    declared: tuple[str, ...]
    actual: tuple[str, ...]


class OperationExecution(NamedTuple):
    line: int
    name: str | None
    text: str


class ReportFile(NamedTuple):
    """One analysed file with everything a report row or script page shows."""

    path: str  # project-relative
    root: str  # its source root
    rel: str  # root-relative
    module: str
    placement: Placement
    docstring: str | None  # ast.get_docstring(clean=True)
    role_field: str | None  # the header's Role value
    trivial_init: bool
    transactions: tuple[TransactionCall, ...]
    reach: tuple[str, ...]  # docs/reports.md#cross-domain D, sorted
    imports: tuple[ReportImport, ...]  # in fact order
    importers: tuple[str, ...]  # modules of the files importing this file, sorted
    registrations: tuple[OperationRegistration, ...]
    executions: tuple[OperationExecution, ...]
    classes: tuple[str, ...]  # top-level class names, sorted
    functions: tuple[str, ...]  # top-level function names, sorted


class EnabledRule(NamedTuple):
    code: str
    id: str


class ReportInput(NamedTuple):
    project: Project
    files: tuple[ReportFile, ...]  # sorted by path
    result: AnalysisResult  # the final findings, exactly as ``lamina check`` reports them
    enabled: tuple[EnabledRule, ...]  # enabled rule instances, always-on codes included
