"""``lamina fix``: analyse, apply the fixes of the open findings, re-analyse, repeat.

Each round runs the same analysis as ``lamina check`` (the engine, with the facts cache),
plans the fixes of the findings in PATHS, and writes every file it changed atomically. A
file is written only when its bytes are still the ones the round analysed (read again
just before the write) and the fixed text parses. Rounds stop when a round changes
nothing, or after ``MAX_ROUNDS``; a fix can expose another (a dropped entry makes room
for a missing one), which is why there are rounds at all.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import NamedTuple

from lamina.cache.atomic import write_atomic
from lamina.cache.guard import CacheGuard
from lamina.cache.hashing import content_hash
from lamina.engine.clock import Clock
from lamina.engine.compute import compute
from lamina.engine.narrow import narrow
from lamina.fix.apply import apply_fixes, parses
from lamina.fix.context import FixContext
from lamina.fix.plan import fix_table, fixable, plan
from lamina.fix.source import FixSource
from lamina.layout.index import ImportIndex
from lamina.model.findings import Finding
from lamina.model.fixes import Applicability, Fix, FixTable
from lamina.model.project import Project
from lamina.model.result import AnalysisResult
from lamina.model.settings import RunSettings
from lamina.runtime import gc_paused

MAX_ROUNDS = 10


class FixOptions(NamedTuple):
    unsafe: bool = False
    diff: bool = False
    select: frozenset[str] | None = None  # None: every code
    ignore: frozenset[str] = frozenset()

    def wants(self, finding: Finding, fix: Fix) -> bool:
        if self.select is not None and finding.code not in self.select:
            return False
        if finding.code in self.ignore:
            return False
        allowed = (Applicability.SAFE, Applicability.UNSAFE) if self.unsafe else (Applicability.SAFE,)
        return fix.applicability in allowed


class FileChange(NamedTuple):
    path: str
    before: bytes  # as analysed
    after: bytes
    codes: tuple[str, ...]  # the code of each finding fixed, sorted


class FixOutcome(NamedTuple):
    result: AnalysisResult  # the last analysis (after the writes), narrowed to PATHS
    fixes: FixTable  # the fixes still available for its findings
    changes: tuple[FileChange, ...]  # in the order written (one per file and round)
    skipped: tuple[str, ...]  # files with fixes left alone because they changed on disk


def analyse(project: Project, settings: RunSettings) -> tuple[AnalysisResult, ImportIndex]:
    """The whole analysis (nothing replayed: the fixers need the index) and its index."""
    with gc_paused():
        return compute(project, settings._replace(paths=()), Clock(), CacheGuard(settings.warn), save=False)


def fixes_for(project: Project, result: AnalysisResult, index: Callable[[], ImportIndex]) -> FixTable:
    """The fix of each fixable open finding of ``result``."""
    wanted = fixable(result.findings)
    if not wanted:
        return FixTable()
    return fix_table(plan(FixContext(project, result.findings, index), wanted))


def _given(index: ImportIndex) -> Callable[[], ImportIndex]:
    """The index of one round, bound now (a closure over the loop variable would see a later round's)."""
    return lambda: index


def run_fix(project: Project, settings: RunSettings, options: FixOptions) -> FixOutcome:
    changes: list[FileChange] = []
    skipped: set[str] = set()
    for _ in range(MAX_ROUNDS):
        full, index = analyse(project, settings)
        ctx = FixContext(project, full.findings, _given(index))
        narrowed = narrow(full, settings, project.fail_on)
        planned = plan(ctx, fixable(narrowed.findings))
        by_path: dict[str, list[tuple[Finding, Fix]]] = {}
        for finding, fix in planned.items():
            if options.wants(finding, fix):
                by_path.setdefault(finding.path, []).append((finding, fix))
        wrote = False
        for path in sorted(by_path):
            source, analysed = ctx.source(path), index.files.get(path)
            if source is None or not parses(source.text):
                continue  # unreadable, not UTF-8 or not parsable: never touched
            if analysed is None or content_hash(source.data) != analysed.content_hash:
                skipped.add(path)  # changed since the analysis: its findings may point anywhere now
                continue
            change = _change(source, path, by_path[path])
            if change is None:
                continue
            if not options.diff:
                absolute = os.path.join(project.root, path)
                if _read(absolute) != change.before:
                    skipped.add(path)
                    continue
                write_atomic(absolute, change.after)
                wrote = True
            changes.append(change)
        if options.diff or not wrote:
            return FixOutcome(narrowed, fixes_for(project, narrowed, _given(index)), tuple(changes),
                              tuple(sorted(skipped)))  # fmt: skip
    full, index = analyse(project, settings)
    narrowed = narrow(full, settings, project.fail_on)
    fixes = fixes_for(project, narrowed, _given(index))
    return FixOutcome(narrowed, fixes, tuple(changes), tuple(sorted(skipped)))


def _change(source: FixSource, path: str, fixes: list[tuple[Finding, Fix]]) -> FileChange | None:
    applied = apply_fixes(source, [fix for _, fix in fixes])
    if applied is None:
        return None
    codes = tuple(sorted(finding.code for finding, fix in fixes if fix in applied.fixes))
    return FileChange(path, source.data, source.encode(applied.text), codes)


def _read(path: str) -> bytes | None:
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except OSError:
        return None
