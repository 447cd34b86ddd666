"""The stages of one analysis, each reusing its stored output when its inputs did not
change (see ``pipeline`` for the order and ``state`` for what is stored)."""

from __future__ import annotations

import os
import time
from typing import NamedTuple

from lamina.cache.facts_store import FactsStore
from lamina.cache.guard import CacheGuard
from lamina.cache.hashing import hash_files
from lamina.cache.layout import prepare_cache_dir
from lamina.cache.manifest import EMPTY_MANIFEST, Manifest, load_manifest, save_manifest
from lamina.cache.project_codec import encode_project
from lamina.cache.result_store import file_digest, result_key, source_digest
from lamina.discovery import Discovery, discover
from lamina.engine.clock import Clock
from lamina.engine.stages import (
    Catalog,
    baseline_join,
    by_path,
    enabled_localities,
    hygiene_rules,
    kinds_of,
    known_codes,
    post_file,
    reads_code,
    run_rules,
    texts_of,
    total_order,
)
from lamina.engine.state import Body, FileMemo, Head, Scan, Stored, head_manifest, load_body, save_state
from lamina.engine.walk import discovery_digest, restat, result_inputs, unchanged_walk
from lamina.extract.collect import collect
from lamina.layout.index import ImportIndex, build_index
from lamina.layout.placement import Placer, derive_domains
from lamina.model.codes import Locality
from lamina.model.facts import ModuleFacts
from lamina.model.findings import Finding
from lamina.model.placement import Placement
from lamina.model.project import Project
from lamina.model.result import AnalysisResult, Summary
from lamina.model.settings import RunSettings
from lamina.model.source import SourceFile
from lamina.version import CACHE_TAG


class Memo(NamedTuple):
    """The previous run's outputs that this run may reuse (same project, same facts mode)."""

    head: Head
    body: Body


def absolute(root: str, chosen: str) -> str:
    return chosen if os.path.isabs(chosen) else os.path.join(root, chosen)


def cache_directory(project: Project, settings: RunSettings) -> str | None:
    if settings.no_cache:
        return None
    return absolute(project.root, settings.cache_dir or project.cache_dir)


def config_digests(project: Project) -> list[tuple[str, str]]:
    return [(path, source_digest(path)) for path in sorted(set(project.sources))]


def compute(
    project: Project,
    settings: RunSettings,
    clock: Clock,
    guard: CacheGuard,
    stored: Stored | None = None,
    *,
    with_code: bool = False,
    save: bool = True,
) -> tuple[AnalysisResult, ImportIndex]:
    """Analyze the project, reusing whatever ``stored`` proves still valid, and store what
    this run computed (unless ``save`` is false). Also returns the import index (the
    reports read it; it holds facts only for the files this run had to read)."""
    kinds = kinds_of(project)
    with_code = with_code or reads_code(project, kinds)
    cache_dir = cache_directory(project, settings)
    store = None
    if cache_dir is not None:
        try:
            # Before discovery: creating the directory changes the root's mtime, which the
            # walk records (created after, every later run would walk the tree again).
            prepare_cache_dir(cache_dir)
        except (OSError, ValueError) as error:  # a cache problem never fails the check
            guard.failed(cache_dir, error)
        if not guard.disabled:
            store = FactsStore(cache_dir, CACHE_TAG, guard)
    # The configuration was digested and the body read while the project was reused.
    digests = list(stored.digests) if stored is not None and stored.digests is not None else config_digests(project)
    memo = _memo(stored, digests, with_code) if not guard.disabled else None
    previous = memo.head if memo is not None else (stored.head if stored is not None else None)
    if previous is not None and previous.root != project.root:
        previous = None

    scan = stored.scan if memo is not None and stored is not None else None
    with clock.stage("discover"):
        found, how = _discover(project, memo, scan)
        clock.note("discover", how)
    with clock.stage("hash"):
        if scan is not None:
            hashed, baseline_digest = scan.hashed, scan.baseline_digest
            clock.note("hash", "done by the replay attempt")
        else:
            hashed = hash_files(project.root, found.files, _manifest(previous, cache_dir, guard))
            baseline_digest = file_digest(os.path.join(project.root, project.baseline))
    run = _Run(project, settings, clock, guard, store, memo, found, hashed, with_code, kinds)
    findings, index, memos, raw, post = run.analyze()
    result = AnalysisResult(
        project_name=project.name,
        files=tuple(sorted(s.path for s in hashed)),
        findings=tuple(sorted(findings, key=total_order)),
        fail_on=settings.fail_on or project.fail_on,
        summary=Summary.of(len(hashed), tuple(findings)),
        parsed=run.parsed,
        timings=clock.timings(),
    )
    if settings.on_analysis is not None:
        settings.on_analysis(project, index, result)
    if save and stored is not None and cache_dir is not None and not guard.disabled and digests:
        discovered = discovery_digest(found)
        key = result_key(CACHE_TAG, result_inputs(digests, discovered), baseline_digest,
                         [(s.path, s.content_hash) for s in hashed])  # fmt: skip
        head = Head(key, tuple(digests), project.root, project.name, project.fail_on.value, project.baseline,
                    project.roots, project.exclude, project.cache_dir, baseline_digest, with_code, discovered,
                    found.walked,
                    time.time_ns(),
                    tuple(sorted(hashed, key=lambda s: s.path)), result.findings, "")  # fmt: skip
        body = Body(encode_project(project), found.namespace_modules, found.directories, found.shadowed,
                    found.unreadable, index.domains, memos, *raw, tuple(post))  # fmt: skip
        save_state(stored.path, head, body, guard)
    if cache_dir is not None and not guard.disabled and memo is None:
        # Other configurations of this tree (and this one's next cold start) hash by it.
        save_manifest(cache_dir, CACHE_TAG, {s.path: (s.size, s.mtime_ns, s.ctime_ns, s.content_hash)
                                             for s in hashed}, guard)  # fmt: skip
    return result, index


def _memo(stored: Stored | None, digests: list[tuple[str, str]], with_code: bool) -> Memo | None:
    if stored is None or stored.head is None:
        return None
    if list(stored.head.config) != digests or stored.head.with_code != with_code:
        return None
    body = stored.body if stored.body is not None else load_body(stored.path, stored.head)
    return Memo(stored.head, body) if body is not None else None


def _discover(project: Project, memo: Memo | None, scan: Scan | None) -> tuple[Discovery, str]:
    """The discovery, and how it was had: from the replay attempt's scan, by reusing the
    stored walk (a stat of every file), or by walking."""
    if scan is not None and scan.found is not None:
        return scan.found, "walked by the replay attempt"
    if memo is not None and (scan is not None or unchanged_walk(memo.head)):
        files = scan.hashed if scan is not None else restat(memo.head)
        if files is not None:
            body = memo.body
            return Discovery(files, body.namespaces, body.directories, body.shadowed, memo.head.walked,
                             body.unreadable), "walk reused"  # fmt: skip
    return discover(project), "walked"


def _manifest(previous: Head | None, cache_dir: str | None, guard: CacheGuard) -> Manifest:
    if previous is not None:
        return head_manifest(previous)
    if cache_dir is None or guard.disabled:
        return EMPTY_MANIFEST
    return load_manifest(cache_dir, CACHE_TAG, guard)


Raw = tuple[tuple[Finding, ...], tuple[Finding, ...], tuple[Finding, ...]]


class _Run:
    """One analysis after hashing: which stage outputs to reuse and which to compute."""

    def __init__(self, project: Project, settings: RunSettings, clock: Clock, guard: CacheGuard,
                 store: FactsStore | None, memo: Memo | None, found: Discovery, hashed: tuple[SourceFile, ...],
                 with_code: bool, kinds: Catalog) -> None:  # fmt: skip
        self.project = project
        self.kinds = kinds
        self.settings = settings
        self.clock = clock
        self.store = store
        self.found = found
        self.hashed = hashed
        self.with_code = with_code
        self.by_path = {s.path: s for s in hashed}
        self.parsed = 0
        previous = memo.head if memo is not None else None
        old_files = {s.path: s for s in previous.files} if previous is not None else {}
        # A different file set or discovery changes module resolution everywhere: then
        # nothing derived from placements or imports is reused (facts still are).
        self.memo = memo if memo is not None and self._same_layout(memo, old_files) else None
        self.changed = [
            s for s in hashed if s.path not in old_files or old_files[s.path].content_hash != s.content_hash
        ]
        self.facts: dict[str, ModuleFacts] = {}
        self.digests: dict[str, str] = {}

    def _same_layout(self, memo: Memo, old_files: dict[str, SourceFile]) -> bool:
        found, body = self.found, memo.body
        return (set(old_files) == set(self.by_path) and found.namespace_modules == body.namespaces
                and found.shadowed == body.shadowed and found.unreadable == body.unreadable)  # fmt: skip

    def _load(self, sources: list[SourceFile]) -> None:
        """Facts of these files (cache or extraction), added to ``self.facts``."""
        wanted = [s for s in sources if s.path not in self.facts]
        if not wanted:
            return
        jobs = self.settings.jobs if self.settings.jobs is not None else self.project.jobs
        collected = collect(self.project.root, wanted, self.store, jobs, self.settings.progress, self.with_code,
                            live=[s.content_hash for s in self.hashed])  # fmt: skip
        self.facts.update(collected.facts)
        self.digests.update(collected.digests)
        self.parsed += collected.parsed

    def analyze(self) -> tuple[list[Finding], ImportIndex, dict[str, FileMemo], Raw, list[Finding]]:
        memo = self.memo
        with self.clock.stage("facts"):
            self._load(self.changed if memo is not None else list(self.hashed))
            old = memo.body.memos if memo is not None else {}
            digests = {p: self.digests[p] if p in self.digests else old[p].facts_digest for p in self.by_path}
            facts_changed = frozenset(p for p in self.by_path if p not in old or old[p].facts_digest != digests[p])
            self.clock.note("facts", f"{self.parsed} parsed, {len(self.facts) - self.parsed} from cache, "
                                     f"{len(self.by_path) - len(self.facts)} not needed")  # fmt: skip
        # Global rules join over every file: any change of facts re-runs them.
        rerun_global = bool(facts_changed) and Locality.GLOBAL in enabled_localities(self.project, self.kinds)
        with self.clock.stage("index"):
            index, placements, dirty, moved = self._index(facts_changed, rerun_global)
        with self.clock.stage("rules"):
            raw = self._rules(index, dirty, moved, rerun_global)
        with self.clock.stage("post"):
            post, final = self._post(index, raw)
        targets = {p: tuple(sorted({r.path for r in resolved if r.path is not None}))
                   for p, resolved in index.imports.items()}  # fmt: skip
        memos = {p: FileMemo(digests[p], placements[p], targets[p] if p in targets else old[p].targets)
                 for p in self.by_path}  # fmt: skip
        return final, index, memos, raw, post

    def _index(self, facts_changed: frozenset[str],
               rerun_global: bool) -> tuple[ImportIndex, dict[str, Placement], frozenset[str], bool]:  # fmt: skip
        """The import index over the files whose rules must run; placements of all files.
        Returns the files whose local findings must be recomputed and whether any file moved."""
        memo, project = self.memo, self.project
        if memo is None:
            domains = derive_domains(project, [s.rel for s in self.hashed])
            placer = Placer(project, domains)
            index = build_index(self.hashed, self.facts, placer, self.found.namespace_modules)
            self.clock.note("index", f"{len(self.hashed)} placed and resolved")
            return index, index.placements, frozenset(self.by_path), True
        old = memo.body.memos
        placer = Placer(project, memo.body.domains)
        placements = {p: old[p].placement for p in self.by_path}
        for path in facts_changed:
            placements[path] = placer.place_file(self.by_path[path].rel, self.facts[path])
        moved = [p for p in facts_changed if placements[p] != old[p].placement]
        dirty = set(facts_changed)
        if moved:
            moved_set = set(moved)
            dirty.update(p for p, m in old.items() if moved_set.intersection(m.targets))
        if rerun_global:
            self._load(list(self.hashed))  # a join over every file: operations, graph, chains
            resolve = self.facts
        else:
            self._load([self.by_path[p] for p in sorted(dirty)])
            resolve = {p: self.facts[p] for p in dirty}
        index = build_index(self.hashed, resolve, placer, self.found.namespace_modules, placements=placements)
        self.clock.note("index", f"{len(resolve)} resolved, {len(self.by_path) - len(resolve)} reused"
                                 + (f", {len(moved)} moved" if moved else ""))  # fmt: skip
        return index, placements, frozenset(dirty), bool(moved)

    def _rules(self, index: ImportIndex, dirty: frozenset[str], moved: bool, rerun_global: bool) -> Raw:
        memo, project, found = self.memo, self.project, self.found
        if memo is None:
            local = run_rules(project, index, (Locality.LOCAL,), None, found.shadowed, found.unreadable, self.kinds)
            path = run_rules(project, index, (Locality.PATH,), None, found.shadowed, found.unreadable, self.kinds)
            glob = run_rules(project, index, (Locality.GLOBAL,), None, found.shadowed, found.unreadable, self.kinds)
            self.clock.note("rules", "every rule over every file")
            return tuple(local), tuple(path), tuple(glob)
        body = memo.body
        notes = []
        local = [f for f in body.raw_local if f.path not in dirty]
        if dirty:
            local += run_rules(project, index, (Locality.LOCAL,), dirty, found.shadowed, found.unreadable, self.kinds)
            notes.append(f"local rules on {len(dirty)} files")
        path = list(body.raw_path)
        if moved:
            path = run_rules(project, index, (Locality.PATH,), None, found.shadowed, found.unreadable, self.kinds)
            notes.append("path rules")
        glob = list(body.raw_global)
        if rerun_global:
            glob = run_rules(project, index, (Locality.GLOBAL,), None, found.shadowed, found.unreadable, self.kinds)
            notes.append("global rules")
        self.clock.note("rules", ", ".join(notes) if notes else "all reused")
        return tuple(local), tuple(path), tuple(glob)

    def _post(self, index: ImportIndex, raw: Raw) -> tuple[list[Finding], list[Finding]]:
        """Each file's post stage (reused when its raw findings and content are unchanged),
        then the baseline joined over all of them."""
        memo, project = self.memo, self.project
        hygiene = hygiene_rules(project, index, self.kinds)
        known = known_codes(project, self.kinds)
        current = by_path(f for group in raw for f in group)
        if memo is None:
            with_suppressions = {p for p, facts in self.facts.items() if facts.suppressions}
            todo = set(current) | with_suppressions
            kept: list[Finding] = []
        else:
            body = memo.body
            before = by_path(f for group in (body.raw_local, body.raw_path, body.raw_global) for f in group)
            changed = {s.path for s in self.changed}
            todo = changed | {p for p in set(current) | set(before)
                              if sorted(current.get(p, ()), key=total_order)
                              != sorted(before.get(p, ()), key=total_order)}  # fmt: skip
            kept = [f for f in body.post if f.path not in todo]
            self._load([self.by_path[p] for p in sorted(todo) if p in self.by_path])
        texts = texts_of(project.root, todo, self.by_path)
        post = list(kept)
        for path in sorted(todo):
            source = path in self.by_path
            post += post_file(current.get(path, []), path, self.facts[path] if source else None,
                              texts.get(path, ""), hygiene, known)  # fmt: skip
        self.clock.note("post", f"{len(todo)} files, baseline joined")
        return post, baseline_join(project, post, index.files, hygiene)

