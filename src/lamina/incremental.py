"""The incremental path: a few files changed, nothing else did (ARCHITECTURE.md 5).

When the configuration, the file set and the baseline are unchanged and every enabled rule
is *local* - a file's findings depend only on its own facts and on the placement of the
modules it imports - only the changed files are parsed and checked; every other finding is
replayed. Placements come from the previous run and are re-derived for the changed files
(a header edit that moves a file, or anything global, falls back to the full analysis).
The validated ``Project`` is replayed too, so no YAML is read.
"""

from __future__ import annotations

from typing import NamedTuple
import json
import os
import time

from lamina.analysis import active_rules, apply_overlap, post_stage, reads_code, run_rules
from lamina.cache.facts_codec import encode_facts
from lamina.cache.facts_store import FactsStore
from lamina.cache.guard import CacheGuard
from lamina.cache.project_codec import decode_project, encode_project
from lamina.cache.result_store import WarmEntry, result_key, save_entry
from lamina.cache.sealed import read_sealed, write_sealed
from lamina.extract import extract_facts
from lamina.layout.index import ImportIndex, build_index
from lamina.layout.placement import Placer
from lamina.model.facts import ModuleFacts
from lamina.model.findings import Finding, Severity
from lamina.model.placement import Placement
from lamina.model.project import Project
from lamina.model.result import AnalysisResult, Summary
from lamina.model.source import SourceFile
from lamina.rules.catalog import catalog
from lamina.version import CACHE_TAG

# Findings of a file depend only on that file's facts and its import targets' placements.
LOCAL_CODES = frozenset({
    "LAM001", "LAM002", "LAM003", "LAM101", "LAM102", "LAM103", "LAM104", "LAM201", "LAM202",
    "LAM203", "LAM204", "LAM306", "LAM307", "LAM401", "LAM402", "LAM504", "LAM501", "LAM502",
})  # fmt: skip
# Findings that depend only on paths and placements, which an eligible change keeps.
PATH_CODES = frozenset({"LAM004", "LAM005", "LAM105", "LAM106"})
MAX_CHANGED = 64


def eligible(project: Project, baseline_exists: bool) -> bool:
    """Whether results of this configuration can be updated file by file."""
    if baseline_exists or project.header.fallback:
        return False
    for rule in active_rules(project, catalog()):
        if rule.code == "LAM503":
            continue
        if rule.code not in LOCAL_CODES | PATH_CODES or getattr(rule.options, "transitive", False):
            return False
    return True


class Sidecar(NamedTuple):
    key: str  # the result key of the entry it belongs to
    project: str  # encoded Project
    domains: tuple[str, ...]
    hashes: tuple[str, ...]  # per file of the entry, same order
    placements: tuple[Placement, ...]


def sidecar_path(entry_file: str) -> str:
    return entry_file[: -len(".json")] + ".incremental.json"


def _placement_row(p: Placement) -> list[object]:
    return [p.layer, p.zone, p.domain, list(p.roles), p.header_token, p.header_line, p.by_header,
            [list(a) for a in p.ambiguous]]  # fmt: skip


def _placement(row: list[object]) -> Placement:
    layer, zone, domain, roles, token, line, by_header, ambiguous = row
    return Placement(layer, zone, domain, tuple(roles), token, int(line), bool(by_header),  # type: ignore[arg-type]
                     tuple((str(a), str(b)) for a, b in ambiguous))  # type: ignore[union-attr]


def save_sidecar(entry_file: str, key: str, project: Project, index: ImportIndex, files: tuple[SourceFile, ...],
                 guard: CacheGuard) -> None:  # fmt: skip
    _write_sidecar(entry_file, Sidecar(key, encode_project(project), index.domains,
                                       tuple(s.content_hash for s in files),
                                       tuple(index.placements[s.path] for s in files)), guard)  # fmt: skip


def _write_sidecar(entry_file: str, side: Sidecar, guard: CacheGuard) -> None:
    data = {
        "key": side.key,
        "project": side.project,
        "domains": list(side.domains),
        "hashes": list(side.hashes),
        "placements": [_placement_row(p) for p in side.placements],
    }
    write_sealed(sidecar_path(entry_file), json.dumps(data, separators=(",", ":")).encode("utf-8"), guard)


def _load_sidecar(entry_file: str) -> Sidecar | None:
    body = read_sealed(sidecar_path(entry_file))
    if body is None:
        return None
    try:
        data = json.loads(body)
        return Sidecar(str(data["key"]), str(data["project"]), tuple(str(d) for d in data["domains"]),
                       tuple(str(h) for h in data["hashes"]), tuple(_placement(r) for r in data["placements"]))  # fmt: skip
    except (ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError):
        return None


def replay_changed(
    entry_file: str, cache_dir: str, entry: WarmEntry, files: tuple[SourceFile, ...], started: float,
    guard: CacheGuard,
) -> AnalysisResult | None:
    """The updated result when only the contents of a few files changed, else None; a
    cache that cannot be written is reported to ``guard`` and the result still returned."""
    side = _load_sidecar(entry_file)
    stored = [f[0] for f in entry.files]
    if side is None or side.key != entry.key or [s.path for s in files] != stored or len(side.hashes) != len(stored):
        return None
    changed = [s for s, old in zip(files, side.hashes) if s.content_hash != old]
    if not changed or len(changed) > MAX_CHANGED:
        return None
    try:
        project = decode_project(side.project)
    except ValueError:
        return None
    facts: dict[str, ModuleFacts] = {}
    with_code = reads_code(project)
    for source in changed:
        try:
            with open(os.path.join(entry.root, source.path), "rb") as handle:
                facts[source.path] = extract_facts(handle.read(), with_code)
        except OSError:
            return None  # the full analysis reports the file (LAM002)
    placements = dict(zip(stored, side.placements))
    placer = Placer(project, side.domains)
    if any(placer.place_file(s.rel, facts[s.path]) != placements[s.path] for s in changed):
        return None  # a header edit moved a file: everything that imports it may change
    index = build_index(files, facts, placer, entry.namespaces, placements=placements)
    changed_paths = frozenset(facts)
    fresh = post_stage(project, index, apply_overlap(run_rules(project, index, among=changed_paths, skip=PATH_CODES)))
    kept = [f for f in entry.findings if f.path not in changed_paths or f.code in PATH_CODES]
    findings = tuple(sorted([*kept, *fresh], key=lambda f: f.sort_key))
    _store(entry_file, cache_dir, entry, side, files, findings, facts, guard)
    return AnalysisResult(
        project_name=entry.project_name,
        files=tuple(stored),
        findings=findings,
        fail_on=Severity(entry.fail_on),
        summary=Summary.of(len(stored), findings),
        parsed=len(changed),
        timings=(("incremental", time.perf_counter() - started),),
    )


def _store(entry_file: str, cache_dir: str, entry: WarmEntry, side: Sidecar, files: tuple[SourceFile, ...],
           findings: tuple[Finding, ...], facts: dict[str, ModuleFacts], guard: CacheGuard) -> None:  # fmt: skip
    hashes = [(s.path, s.content_hash) for s in files]
    key = result_key(CACHE_TAG, list(entry.config), entry.baseline_digest, hashes)
    updated = entry._replace(
        key=key,
        written_ns=time.time_ns(),
        files=tuple((s.path, s.root, s.rel, s.module, s.is_package, s.size, s.mtime_ns, s.ctime_ns) for s in files),
        findings=findings,
    )
    save_entry(entry_file, updated, guard)
    _write_sidecar(entry_file, Sidecar(key, side.project, side.domains, tuple(h for _, h in hashes), side.placements),
                   guard)  # fmt: skip
    if guard.disabled:
        return
    store = FactsStore(cache_dir, CACHE_TAG, guard)
    by_path = {s.path: s for s in files}
    for path, value in facts.items():
        store.add(by_path[path].content_hash, encode_facts(value))
    store.commit({s.content_hash for s in files})
