"""The one analysis path: configuration → discovery → hashes → facts → placements and
the import index → rules by locality → per-file post stage → baseline join → result.

Every stage is a function of its inputs and reuses its stored output when they did not
change (``state``): the project when no configuration file changed, the walk when no
directory changed, a file's facts when its content did not change, a file's local findings
when its facts and the placements it reads did not change, path findings when no file
moved, global findings when no file's facts changed, a file's post stage when its raw
findings and content did not change. The baseline is joined on every run that is not a
pure replay. A cold run (nothing stored), a warm run (nothing changed) and a run after a
one-file edit are this same code with different hit rates, which ``--timings`` shows.
"""

from __future__ import annotations

import os

from lamina.cache.guard import CacheGuard
from lamina.cache.result_store import entry_path, file_digest, result_key, source_digest
from lamina.engine.clock import Clock
from lamina.engine.narrow import narrow
from lamina.engine.state import Scan, Stored, head_manifest, load_body, load_head, save_head
from lamina.engine.walk import discovery_digest, restat, result_inputs, unchanged_walk
from lamina.locate import locate
from lamina.model.findings import Severity
from lamina.model.project import Project
from lamina.model.result import AnalysisResult, Summary
from lamina.model.settings import RunSettings
from lamina.runtime import gc_paused
from lamina.version import CACHE_TAG

DEFAULT_CACHE_DIR = ".lamina_cache"  # the loader's default too (model.project.Project.cache_dir)


def check(config: str | None, cwd: str, settings: RunSettings = RunSettings()) -> AnalysisResult:
    """``lamina check``: the whole analysis, reusing what the previous run of the same
    configuration computed; PATHS and ``--fail-on`` apply after it."""
    clock = Clock()
    guard = CacheGuard(settings.warn)
    with gc_paused():
        with clock.stage("config"):
            stored, digests = _stored(config, cwd, settings)
            replay, stored = _replay(stored, digests, clock) if stored is not None else (None, stored)
            if replay is None:
                project, stored = _project(config, cwd, settings, stored, digests, clock)
        if replay is not None:
            return narrow(replay._replace(timings=clock.timings()), settings)
        from lamina.engine.compute import compute  # rules, parsers and layout: only when something changed

        result = compute(project, settings._replace(paths=()), clock, guard, stored)[0]
    return narrow(result, settings, project.fail_on)


def _stored(config: str | None, cwd: str, settings: RunSettings) -> tuple[Stored | None, list[tuple[str, str]]]:
    """The previous run's head for this configuration, with the current digests of the
    configuration files it names; no YAML is read."""
    if settings.no_cache:
        return None, []
    located = locate(config, cwd)
    if located is None:
        return None, []
    chosen = settings.cache_dir or str(located.table.get("cache_dir") or DEFAULT_CACHE_DIR)
    path = entry_path(chosen if os.path.isabs(chosen) else os.path.join(located.root, chosen), CACHE_TAG,
                      located.config_file)
    head = load_head(path)
    if head is None or head.root != located.root:
        return Stored(path, None), []
    return Stored(path, head), [(p, source_digest(p)) for p, _ in head.config]


def _replay(stored: Stored, digests: list[tuple[str, str]], clock: Clock) -> tuple[AnalysisResult | None, Stored]:
    """The stored result when no input changed: configuration, walk, every file's stats
    (or content) and the baseline. Stats, a few small reads and no parse. On a miss, the
    scan it made travels on with ``stored``."""
    head = stored.head
    if head is None or digests != list(head.config):
        return None, stored
    files = restat(head) if unchanged_walk(head) else None
    discovered = head.discovery
    found = None
    if files is None:
        # A directory changed (or was written within the racy window): walk again; an
        # unchanged file set still replays.
        from lamina.discovery import discover
        from lamina.errors import UserError
        from lamina.model.project import Project

        try:
            found = discover(Project(root=head.root, config_file=stored.path, packs=(), roots=head.roots,
                                     exclude=head.exclude, cache_dir=head.cache_dir))  # fmt: skip
        except UserError:  # a root vanished: the full run reports it against the configuration
            return None, stored
        files, discovered = found.files, discovery_digest(found)
    from lamina.cache.hashing import hash_files

    hashed = hash_files(head.root, files, head_manifest(head))
    baseline_digest = file_digest(os.path.join(head.root, head.baseline))
    key = result_key(CACHE_TAG, result_inputs(digests, discovered), baseline_digest,
                     [(s.path, s.content_hash) for s in hashed])  # fmt: skip
    if key != head.key:
        return None, stored._replace(scan=Scan(hashed, found, baseline_digest))
    if found is not None or any((a.size, a.mtime_ns, a.ctime_ns) != (b.size, b.mtime_ns, b.ctime_ns)
                               for a, b in zip(hashed, head.files)):  # fmt: skip
        # Same content, new stats (a checkout, a touch) or a new walk: record them, or every
        # later run would re-hash those files and walk again.
        import time

        from lamina.cache.guard import CacheGuard

        walked = found.walked if found is not None else head.walked
        save_head(stored.path, head._replace(files=tuple(sorted(hashed, key=lambda s: s.path)), walked=walked,
                                             written_ns=time.time_ns()), CacheGuard())  # fmt: skip
    clock.note("config", "result replayed")
    result = AnalysisResult(project_name=head.project_name, files=tuple(s.path for s in hashed),
                            findings=head.findings, fail_on=Severity(head.fail_on),
                            summary=Summary.of(len(hashed), head.findings), from_cache=True)  # fmt: skip
    return result, stored


def _project(
    config: str | None, cwd: str, settings: RunSettings, stored: Stored | None, digests: list[tuple[str, str]],
    clock: Clock,
) -> tuple[Project, Stored | None]:
    """The validated project: decoded from the stored body when no configuration file
    changed, else loaded (YAML) and validated. A stored state of another configuration
    is dropped, except as a manifest of hashes."""
    if stored is not None and stored.head is not None and digests == list(stored.head.config):
        body = load_body(stored.path, stored.head)
        if body is not None:
            from lamina.cache.project_codec import decode_project

            try:
                project = decode_project(body.project)
            except ValueError:
                pass
            else:
                clock.note("config", "project reused")
                return project, stored._replace(digests=tuple(digests), body=body)
    from lamina.engine.configure import load_project

    project = load_project(config, cwd)
    clock.note("config", "project loaded")
    if settings.no_cache:
        return project, None
    chosen = settings.cache_dir or project.cache_dir
    cache_dir = chosen if os.path.isabs(chosen) else os.path.join(project.root, chosen)
    path = entry_path(cache_dir, CACHE_TAG, os.path.abspath(os.path.join(project.root, project.config_file)))
    if stored is None or stored.path != path:
        head = load_head(path)
        stored = Stored(path, head if head is not None and head.root == project.root else None)
    else:
        stored = stored._replace(scan=None)  # the configuration changed: so may the walk
    return project, stored

