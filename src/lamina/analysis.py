"""The public entry points of an analysis (docs/architecture.md#data-flow). Every one runs the
same engine (``lamina.engine``): ``check`` with the stored state of the previous run,
``analyze`` and ``analyze_for_report`` from scratch. Prints nothing."""

from __future__ import annotations

from typing import TYPE_CHECKING

from lamina.cache.guard import CacheGuard
from lamina.engine.clock import Clock
from lamina.engine.compute import cache_directory, compute
from lamina.engine.configure import load_project
from lamina.engine.narrow import located_in, narrow
from lamina.engine.pipeline import check
from lamina.engine.stages import active_rules, kinds_of, reads_code, run_rules
from lamina.model.project import Project
from lamina.model.result import AnalysisResult
from lamina.model.settings import RunSettings
from lamina.runtime import gc_paused

if TYPE_CHECKING:
    from lamina.model.report_input import ReportInput

__all__ = ["RunSettings", "active_rules", "analyze", "analyze_for_report", "cache_directory", "check",
           "load_project", "located_in", "reads_code", "run_rules"]  # fmt: skip


def analyze(project: Project, settings: RunSettings = RunSettings()) -> AnalysisResult:
    """Analyze the project and return sorted findings (facts from the cache unless
    ``no_cache``; nothing else reused or stored). Never prints."""
    with gc_paused():
        result = compute(project, settings._replace(paths=()), Clock(), CacheGuard(settings.warn), save=False)[0]
    return narrow(result, settings, project.fail_on)


def analyze_for_report(project: Project, settings: RunSettings = RunSettings()) -> ReportInput:
    """``lamina report``: the same analysis as ``check`` (all paths, no replay), plus the
    per-file facts the reports show. A configured folder without Python files is a
    configuration error here (exit 2): a report of nothing would pass vacuously."""
    from lamina.errors import UserError
    from lamina.layout.report_facts import report_files
    from lamina.model.report_input import EnabledRule, ReportInput

    with gc_paused():  # the pages list definitions: code facts are extracted whatever the pack reads
        result, index = compute(project, settings._replace(paths=()), Clock(), CacheGuard(settings.warn),
                                with_code=True, save=False)  # fmt: skip
    rels = [source.rel for source in index.files.values()]
    for folder in project.folders:
        prefix = folder.path.rstrip("/") + "/"
        if not folder.allow_empty and not any(rel.startswith(prefix) for rel in rels):
            mark = folder.mark
            raise UserError(f"folder '{folder.path}' has no Python files", path=mark.file or None,
                            line=mark.line or None, column=mark.column or None,
                            hint="fix the folder path in the pack or mark the folder allow_empty: true")
    enabled = tuple(EnabledRule(rule.code, rule.id) for rule in active_rules(project, kinds_of(project)))
    return ReportInput(project=project, files=report_files(index, project), result=result, enabled=enabled)
