"""Per-file facts for ``lamina report`` (docs/reports.md#rows-and-columns and docs/reports.md#script-page), derived
from the
import index with the same reach and operation code the rules use, so that a report
column can never disagree with a rule.

Everything here reads facts (never docstrings or strings as code): the Transaction column
comes from call facts, Cross-domain from ``layout.reach``, operations from
``layout.operations``.
"""

from __future__ import annotations

from lamina.layout.index import ImportIndex
from lamina.layout.operations import declared_domains, find_executions, find_registrations
from lamina.layout.reach import ReachModel
from lamina.model.facts import ImportFact, ImportKind, ImportOrigin, ModuleFacts
from lamina.model.placement import TargetStatus, import_key
from lamina.model.project import OperationsSpec, Project
from lamina.model.report_input import (
    KIND_IMPORTLIB,
    KIND_LAZY,
    KIND_MODULE,
    KIND_TYPE_CHECKING,
    OperationExecution,
    OperationRegistration,
    ReportFile,
    ReportImport,
    TransactionCall,
)

TRANSACTION_METHODS = frozenset({"commit", "begin", "begin_nested", "rollback", "flush"})
# A bare ``self``/``cls`` receiver calls the object's own method, not a transaction
# (the same default as LAM401's ``ignore_receivers``).
OWN_RECEIVERS = frozenset({"self", "cls"})


def report_files(index: ImportIndex, project: Project) -> tuple[ReportFile, ...]:
    """One ``ReportFile`` per analysed file, sorted by path."""
    spec = project.operations or OperationsSpec()
    reach = ReachModel(index, spec)
    paths = tuple(sorted(index.files))
    registrations: dict[str, list[OperationRegistration]] = {}
    for found in find_registrations(index, spec, paths):
        actual = reach.actual_domains(found)
        registrations.setdefault(found.path, []).append(
            OperationRegistration(
                line=found.fact.line,
                name=found.name,
                text=found.text,
                deps_state=found.deps_state.value,
                declared=tuple(sorted(declared_domains(found, spec))),
                actual=tuple(sorted(actual)),
            )
        )
    executions: dict[str, list[OperationExecution]] = {}
    for run in find_executions(index, spec, paths):
        executions.setdefault(run.path, []).append(OperationExecution(run.fact.line, run.name, run.fact.text or ""))
    importers = _importers(index)
    out = []
    for path in paths:
        source = index.files[path]
        facts = index.facts[path]
        out.append(
            ReportFile(
                path=path,
                root=source.root,
                rel=source.rel,
                module=source.module,
                placement=index.placements[path],
                docstring=facts.docstring,
                role_field=_field(facts, project.header.role_field),
                trivial_init=facts.trivial_init and source.rel.rsplit("/", 1)[-1] == "__init__.py",
                transactions=_transactions(facts),
                reach=tuple(sorted(reach.file_domains(path))),
                imports=_imports(index, path),
                importers=importers.get(path, ()),
                registrations=tuple(registrations.get(path, ())),
                executions=tuple(executions.get(path, ())),
                classes=_top_level_classes(facts),
                functions=_top_level_functions(facts),
            )
        )
    return tuple(out)


def _field(facts: ModuleFacts, key: str) -> str | None:
    """The first header field named ``key`` (case-insensitively), docs/packs.md#8-header."""
    wanted = key.casefold()
    for field in facts.header:
        if field.key.casefold() == wanted:
            return field.value
    return None


def _top_level_classes(facts: ModuleFacts) -> tuple[str, ...]:
    return tuple(sorted({c.name for c in facts.classes if c.top_level and "." not in c.qualname}))


def _top_level_functions(facts: ModuleFacts) -> tuple[str, ...]:
    names = {f.name for f in facts.functions if not f.nested and not f.in_class_body and "." not in f.qualname}
    return tuple(sorted(names))


def _transactions(facts: ModuleFacts) -> tuple[TransactionCall, ...]:
    calls = []
    for call in facts.calls:
        if call.text is None:
            continue
        receiver, dot, method = call.text.rpartition(".")
        if dot and method in TRANSACTION_METHODS and receiver not in OWN_RECEIVERS:
            calls.append(TransactionCall(call.line, method, f"{call.text}()"))
    return tuple(calls)


def report_kind(fact: ImportFact) -> str:
    if fact.kind is ImportKind.TYPE_CHECKING:
        return KIND_TYPE_CHECKING
    if fact.origin in (ImportOrigin.IMPORTLIB, ImportOrigin.DUNDER_IMPORT):
        return KIND_IMPORTLIB
    return KIND_LAZY if fact.kind is ImportKind.LAZY else KIND_MODULE


def _imports(index: ImportIndex, path: str) -> tuple[ReportImport, ...]:
    facts = index.facts[path].imports
    out = []
    for resolved in index.imports.get(path, ()):
        fact = facts[resolved.fact]
        out.append(
            ReportImport(
                line=fact.line,
                kind=report_kind(fact),
                module=resolved.module or resolved.target,
                status=resolved.status,
                path=resolved.path,
                placement=resolved.placement,
                import_key=import_key(fact.line, fact.column, resolved),
            )
        )
    return tuple(out)


def _importers(index: ImportIndex) -> dict[str, tuple[str, ...]]:
    """Modules of the files whose imports resolve to each file (by path, so a shadowed
    module's losing file is imported by nobody)."""
    found: dict[str, set[str]] = {}
    for source, resolved_imports in index.imports.items():
        for resolved in resolved_imports:
            if resolved.status == TargetStatus.INTERNAL and resolved.path is not None:
                found.setdefault(resolved.path, set()).add(index.files[source].module)
    return {path: tuple(sorted(modules)) for path, modules in found.items()}
