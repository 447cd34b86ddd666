"""Where the stages meet: discover → collect facts → place and index → rules →
overlap policy → inline suppressions → baseline → result (ARCHITECTURE.md section 1).
Prints nothing."""

from __future__ import annotations

import gc
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from lamina.version import CACHE_TAG
from lamina.cache.facts_store import FactsStore
from lamina.cache.guard import CacheGuard
from lamina.cache.layout import prepare_cache_dir
from lamina.cache.manifest import EMPTY_MANIFEST, load_manifest, save_manifest
from lamina.discovery import Discovery, Shadowing, discover
from lamina.extract.collect import Collected, collect
from lamina.layout.index import ImportIndex, build_index
from lamina.layout.placement import Placer, derive_domains
from lamina.model.codes import Needs
from lamina.model.findings import Finding, Severity
from lamina.model.project import Project, RuleInstance
from lamina.model.result import AnalysisResult, Summary
from lamina.model.settings import RunSettings

if TYPE_CHECKING:
    from lamina.model.report_input import ReportInput
from lamina.rules.base import RuleContext, rule_scope
from lamina.rules.catalog import OVERLAP_ORDER, RuleKind, catalog
from lamina.parsing.source_text import read_source_texts
from lamina.suppression import (
    HYGIENE_CODES, Hygiene, HygieneRule, apply_baseline, apply_inline, fingerprinted, parse_baseline, read_baseline,
)
from lamina.warm import located_in


class _Clock:
    def __init__(self) -> None:
        self.stages: list[tuple[str, float]] = []

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.stages.append((name, time.perf_counter() - start))


def cache_directory(project: Project, settings: RunSettings) -> str | None:
    if settings.no_cache:
        return None
    chosen = settings.cache_dir or project.cache_dir
    return chosen if os.path.isabs(chosen) else os.path.join(project.root, chosen)


def analyze(project: Project, settings: RunSettings = RunSettings()) -> AnalysisResult:
    """Analyze the project and return sorted findings. Never prints."""
    return _analyze(project, settings)[0]


def check(
    config: str | None, cwd: str, settings: RunSettings = RunSettings(), *, warm_tried: bool = False
) -> AnalysisResult:
    """``lamina check``: replay the cached result when nothing changed, else analyze and
    store the result for the next run. Path filters and ``--fail-on`` apply after the cache."""
    from lamina.warm import check_warm, narrow

    cached = None if warm_tried else check_warm(config, cwd, settings)
    if cached is not None:
        return cached
    from lamina.config.load import load_project

    project = load_project(config, cwd)
    kept: list[ImportIndex] = []
    guard = CacheGuard(settings.warn)
    result, found, collected = _analyze(project, settings._replace(paths=()), kept, guard=guard)
    cache_dir = cache_directory(project, settings)
    if cache_dir is not None and not guard.disabled:
        _store(project, cache_dir, result, found, collected, kept[0], guard)
    return narrow(result, settings, project.fail_on)


def _store(
    project: Project,
    cache_dir: str,
    result: AnalysisResult,
    found: Discovery,
    collected: Collected,
    index: ImportIndex,
    guard: CacheGuard,
) -> None:
    from lamina.cache.result_store import WarmEntry, entry_path, file_digest, result_key, save_entry

    config = [(path, file_digest(path)) for path in sorted(set(project.sources))]
    if not config:
        return  # without the list of configuration files, a replay could not be proven safe
    baseline_digest = file_digest(os.path.join(project.root, project.baseline))
    key = result_key(CACHE_TAG, config, baseline_digest, [(s.path, s.content_hash) for s in collected.files])
    entry = WarmEntry(
        key=key,
        config=tuple(config),
        root=project.root,
        roots=project.roots,
        exclude=project.exclude,
        cache_dir=project.cache_dir,
        baseline=project.baseline,
        baseline_digest=baseline_digest,
        project_name=project.name,
        fail_on=project.fail_on.value,
        walked=found.walked,
        written_ns=time.time_ns(),
        files=tuple((s.path, s.root, s.rel, s.module, s.is_package, s.size, s.mtime_ns, s.ctime_ns)
                    for s in collected.files),  # fmt: skip
        namespaces=found.namespace_modules,
        findings=result.findings,
    )
    config_file = os.path.abspath(os.path.join(project.root, project.config_file))
    entry_file = entry_path(cache_dir, CACHE_TAG, config_file)
    save_entry(entry_file, entry, guard)
    from lamina.incremental import eligible, save_sidecar  # the next run may update file by file

    if not guard.disabled and eligible(project, baseline_digest != "missing"):
        save_sidecar(entry_file, key, project, index, collected.files, guard)


def reads_code(project: Project) -> bool:
    """Whether an enabled rule reads calls or definitions; if none does, files are
    extracted without them (a statements-only walk, much cheaper on a cold cache)."""
    kinds = catalog()
    return any(kinds[rule.code].info.reads_code for rule in active_rules(project, kinds))


def _analyze(
    project: Project,
    settings: RunSettings,
    keep_index: list[ImportIndex] | None = None,
    with_code: bool = False,
    guard: CacheGuard | None = None,
) -> tuple[AnalysisResult, Discovery, Collected]:
    # An analysis builds millions of small, acyclic objects (facts, resolved imports); the
    # cyclic collector would rescan them again and again for nothing (measured: the rules
    # stage of the full HOC pack ran 3x slower with it on).
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _analyze_stages(project, settings, keep_index, with_code or reads_code(project),
                               guard if guard is not None else CacheGuard(settings.warn))  # fmt: skip
    finally:
        if enabled:
            gc.enable()


def _analyze_stages(
    project: Project, settings: RunSettings, keep_index: list[ImportIndex] | None, with_code: bool, guard: CacheGuard
) -> tuple[AnalysisResult, Discovery, Collected]:
    clock = _Clock()
    cache_dir = cache_directory(project, settings)
    with clock.stage("discover"):
        found = discover(project)
    with clock.stage("facts"):
        store = None
        manifest = EMPTY_MANIFEST
        if cache_dir is not None:
            try:
                prepare_cache_dir(cache_dir)
            except (OSError, ValueError) as error:  # a cache problem never fails the check
                guard.failed(cache_dir, error)
            if not guard.disabled:
                store = FactsStore(cache_dir, CACHE_TAG, guard)
                manifest = load_manifest(cache_dir, CACHE_TAG, guard)
        jobs = settings.jobs if settings.jobs is not None else project.jobs
        collected = collect(project.root, found.files, store, manifest, jobs, settings.progress, with_code)
        if cache_dir is not None and not guard.disabled:
            save_manifest(cache_dir, CACHE_TAG, collected.manifest, guard)
    with clock.stage("index"):
        domains = derive_domains(project, [s.rel for s in collected.files])
        placer = Placer(project, domains)
        index = build_index(collected.files, collected.facts, placer, found.namespace_modules)
        if keep_index is not None:  # lamina report reads the index too (analyze_for_report)
            keep_index.append(index)
    with clock.stage("rules"):
        findings = run_rules(project, index, found.shadowed, unreadable=found.unreadable)
        findings = apply_overlap(findings)
    with clock.stage("post"):
        findings = post_stage(project, index, findings)
    fail_on = settings.fail_on or project.fail_on
    reported = tuple(sorted(located_in(findings, settings.paths), key=lambda f: f.sort_key))
    result = AnalysisResult(
        project_name=project.name,
        files=tuple(sorted(index.files)),
        findings=reported,
        fail_on=fail_on,
        summary=Summary.of(len(index.files), reported),
        parsed=collected.parsed,
        timings=tuple(clock.stages),
    )
    return result, found, collected


def analyze_for_report(project: Project, settings: RunSettings = RunSettings()) -> "ReportInput":
    """``lamina report``: the same analysis as ``check`` (all paths, no replay), plus the
    per-file facts the reports show. A configured folder without Python files is a
    configuration error here (exit 2): a report of nothing would pass vacuously."""
    from lamina.errors import UserError
    from lamina.layout.report_facts import report_files
    from lamina.model.report_input import EnabledRule, ReportInput

    kept: list[ImportIndex] = []
    result = _analyze(project, settings._replace(paths=()), kept, with_code=True)[0]  # pages list definitions
    index = kept[0]
    rels = [source.rel for source in index.files.values()]
    for folder in project.folders:
        prefix = folder.path.rstrip("/") + "/"
        if not folder.allow_empty and not any(rel.startswith(prefix) for rel in rels):
            mark = folder.mark
            raise UserError(f"folder '{folder.path}' has no Python files", path=mark.file or None,
                            line=mark.line or None, column=mark.column or None,
                            hint="fix the folder path in the pack or mark the folder allow_empty: true")
    enabled = tuple(EnabledRule(rule.code, rule.id) for rule in active_rules(project, catalog()))
    return ReportInput(project=project, files=report_files(index, project), result=result, enabled=enabled)


def active_rules(project: Project, kinds: dict[str, RuleKind]) -> list[RuleInstance]:
    """The pack's enabled instances plus a default instance of every unlisted always-on code."""
    listed = {rule.code for rule in project.rules}
    active = [rule for rule in project.rules if rule.severity is not None]
    for code, kind in kinds.items():
        if kind.info.always_on and code not in listed:
            active.append(RuleInstance(code=code, id=kind.info.name, severity=kind.info.severity))
    return active


def run_rules(
    project: Project,
    index: ImportIndex,
    shadowed: tuple[Shadowing, ...] = (),
    among: frozenset[str] | None = None,
    skip: frozenset[str] = frozenset(),
    unreadable: tuple[tuple[str, str], ...] = (),
) -> list[Finding]:
    """Run every enabled rule over its scope; ``among`` narrows every scope to those files
    and ``skip`` leaves codes out (the incremental path re-checks only changed files).
    ``shadowed`` and ``unreadable`` come from discovery (the full analysis only)."""
    kinds = catalog()
    rules = active_rules(project, kinds)
    graph = None
    if any(kinds[r.code].check and (kinds[r.code].info.needs is Needs.GRAPH or getattr(r.options, "transitive", False))
           for r in rules):  # fmt: skip
        from lamina.graph.build import build_graph

        graph = build_graph(index)
    findings: list[Finding] = []
    for rule in rules:
        kind = kinds[rule.code]
        if kind.check is None or rule.code in skip:
            continue
        scope = rule_scope(index, rule, among)
        if among is not None and not scope:
            continue
        ctx = RuleContext(project, index, kind.info, rule, scope, graph, shadowed, unreadable=unreadable)
        findings.extend(kind.check(ctx))
    return findings


def apply_overlap(findings: list[Finding]) -> list[Finding]:
    """Keep one import-family finding per import: the first code of ``OVERLAP_ORDER``."""
    rank = {code: position for position, code in enumerate(OVERLAP_ORDER)}
    best: dict[tuple[str, str], Finding] = {}
    kept: list[Finding] = []
    for finding in findings:
        if finding.code not in rank or not finding.import_key:
            kept.append(finding)
            continue
        key = (finding.path, finding.import_key)
        current = best.get(key)
        if current is None or (rank[finding.code], finding.sort_key) < (rank[current.code], current.sort_key):
            best[key] = finding
    kept.extend(best.values())
    return kept


def hygiene_rules(project: Project, index: ImportIndex) -> Hygiene:
    """LAM501-LAM503 as the pack configures them (severity, off, paths.exclude): the post
    stage reports these codes itself, so their instances are resolved here."""
    kinds = catalog()
    chosen: dict[str, HygieneRule] = {}
    for rule in active_rules(project, kinds):
        if rule.code in HYGIENE_CODES:
            severity = rule.severity or kinds[rule.code].info.severity
            scope = frozenset(rule_scope(index, rule)) if rule.exclude else None
            chosen[rule.code] = HygieneRule(rule.code, rule.id, severity, scope)
    return Hygiene.of(chosen)


def post_stage(project: Project, index: ImportIndex, findings: list[Finding]) -> list[Finding]:
    """Inline suppressions, then the baseline (RULES.md section 6); every finding leaves
    with its fingerprint. Reads only the files that have findings, and the baseline."""
    hygiene = hygiene_rules(project, index)
    findings = apply_inline(findings, index.facts, hygiene, frozenset(catalog()))
    texts = read_source_texts(project.root, {f.path for f in findings if f.path in index.files})
    findings = fingerprinted(findings, texts)
    data = read_baseline(os.path.join(project.root, project.baseline), project.baseline)
    baseline = parse_baseline(data, project.baseline) if data is not None else None
    return apply_baseline(findings, baseline, index.files, hygiene)

