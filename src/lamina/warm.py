"""The warm path: replay the previous result when nothing changed (ARCHITECTURE.md 5).

Proving "nothing changed" costs a stat of every walked directory and every file, a
read of the configuration files and the baseline, and two small JSON reads. It imports
neither YAML, networkx, libcst nor jinja2, and parses nothing. A stat proves a file
unchanged only when its size, mtime and ctime all match: the ctime catches an edit whose
mtime was set back, which the mtime alone cannot see.
"""

from __future__ import annotations

import os
import time
from typing import NamedTuple, TYPE_CHECKING

from lamina.version import CACHE_TAG
from lamina.cache.guard import CacheGuard
from lamina.cache.manifest import RACY_WINDOW_NS, load_manifest
from lamina.cache.result_store import WarmEntry, entry_path, file_digest, load_entry, result_key
from lamina.cache.hashing import hash_files
from lamina.model.findings import Finding, Severity
from lamina.model.result import AnalysisResult, Summary
from lamina.model.source import SourceFile
from lamina.model.settings import RunSettings

if TYPE_CHECKING:
    from lamina.model.project import Project


class Located(NamedTuple):
    """The configuration file and project root, found without parsing any YAML."""

    config_file: str
    root: str
    cache_dir: str


def locate(config: str | None, cwd: str, cache_dir: str | None) -> Located | None:
    """Find the configuration like the loader does; None when unsure (the slow path decides)."""
    start = os.path.abspath(cwd)
    if config is not None:
        path = os.path.abspath(os.path.join(start, config))
        if not os.path.isfile(path):
            return None
        if path.endswith(".toml"):
            root = os.path.dirname(path)
            table = _tool_table(path)
            if table is None:
                return None
        else:
            found = _walk_up(start)
            root = found[0] if found else start
            table = found[1] if found else {}
    else:
        found = _walk_up(start)
        if found is None:
            return None
        root, table = found
        path = os.path.join(root, "pyproject.toml")
    chosen = cache_dir or str(table.get("cache_dir", ".lamina_cache"))
    return Located(path, root, chosen if os.path.isabs(chosen) else os.path.join(root, chosen))


def _tool_table(path: str) -> dict[str, object] | None:
    try:
        with open(path, "rb") as handle:
            raw = handle.read()
    except OSError:
        return None
    if b"[tool.lamina]" not in raw:
        return None
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib  # type: ignore[no-redef]
    try:
        table = tomllib.loads(raw.decode("utf-8")).get("tool", {}).get("lamina")
    except (ValueError, UnicodeDecodeError):
        return None
    return table if isinstance(table, dict) else None


def _walk_up(start: str) -> tuple[str, dict[str, object]] | None:
    directory = start
    while True:
        candidate = os.path.join(directory, "pyproject.toml")
        if os.path.isfile(candidate):
            table = _tool_table(candidate)
            if table is not None:
                return directory, table
        if os.path.exists(os.path.join(directory, ".git")):
            return None
        parent = os.path.dirname(directory)
        if parent == directory:
            return None
        directory = parent


def _unchanged_walk(entry: WarmEntry) -> bool:
    """True when no walked directory (or .gitignore) changed since the entry was written."""
    limit = entry.written_ns - RACY_WINDOW_NS
    for rel, mtime, ctime in entry.walked:
        try:
            info = os.stat(os.path.join(entry.root, rel))
        except OSError:
            return False
        # The racy window applies to the mtime only, as for files (cache/manifest.py).
        if info.st_mtime_ns != mtime or info.st_ctime_ns != ctime or mtime >= limit:
            return False
    return True


def _restat(entry: WarmEntry) -> tuple[tuple[SourceFile, ...] | None, bool]:
    """The entry's files with their current stats (None when one vanished), and whether
    every file kept its recorded size, mtime and ctime (none racy): then no content changed,
    and neither hashes nor the manifest need to be read."""
    limit = entry.written_ns - RACY_WINDOW_NS
    base = entry.root
    files: list[SourceFile] = []
    same = True
    for path, root, rel, module, is_package, size, mtime, ctime in entry.files:
        try:
            info = os.stat(os.path.join(base, path))
        except OSError:
            return None, False
        if same and (info.st_size != size or info.st_mtime_ns != mtime or info.st_ctime_ns != ctime
                     or mtime >= limit):  # fmt: skip
            same = False
        files.append(SourceFile(path, root, rel, module, is_package, info.st_size, info.st_mtime_ns, "",
                                info.st_ctime_ns))  # fmt: skip
    return tuple(files), same


def discovery_project(entry: WarmEntry, config_file: str) -> "Project":
    from lamina.model.project import Project

    return Project(root=entry.root, config_file=config_file, packs=(), roots=entry.roots,
                   exclude=entry.exclude, cache_dir=entry.cache_dir)


def replay(located: Located, guard: CacheGuard | None = None) -> AnalysisResult | None:
    """The cached result when nothing it depends on changed, else None. Only the incremental
    update writes to the cache; its failures go to ``guard``."""
    started = time.perf_counter()
    entry_file = entry_path(located.cache_dir, CACHE_TAG, located.config_file)
    entry = load_entry(entry_file)
    if entry is None or entry.root != located.root:
        return None
    if any(file_digest(path) != digest for path, digest in entry.config):
        return None
    baseline_digest = file_digest(os.path.join(entry.root, entry.baseline))
    unchanged_walk = _unchanged_walk(entry)
    files, same_stats = _restat(entry) if unchanged_walk else (None, False)
    if files is not None and same_stats and baseline_digest == entry.baseline_digest:
        return _replayed(entry, tuple(f[0] for f in entry.files), started)
    if files is None:
        from lamina.discovery import discover  # only when a directory changed

        files = discover(discovery_project(entry, located.config_file)).files
    manifest = load_manifest(located.cache_dir, CACHE_TAG)
    hashed = hash_files(entry.root, files, manifest)
    key = result_key(CACHE_TAG, list(entry.config), baseline_digest, [(s.path, s.content_hash) for s in hashed])
    if key == entry.key:
        return _replayed(entry, tuple(s.path for s in hashed), started)
    if unchanged_walk and baseline_digest == entry.baseline_digest:
        from lamina.incremental import replay_changed  # only file contents changed

        return replay_changed(entry_file, located.cache_dir, entry, hashed, started, guard or CacheGuard())
    return None


def _replayed(entry: WarmEntry, files: tuple[str, ...], started: float) -> AnalysisResult:
    return AnalysisResult(
        project_name=entry.project_name,
        files=files,
        findings=entry.findings,
        fail_on=Severity(entry.fail_on),
        summary=Summary.of(len(files), entry.findings),
        from_cache=True,
        timings=(("warm", time.perf_counter() - started),),
    )


def narrow(result: AnalysisResult, settings: RunSettings, configured: Severity | None = None) -> AnalysisResult:
    """Apply what is not part of the cache key: the PATHS filter and ``--fail-on``."""
    findings = tuple(located_in(result.findings, settings.paths))
    fail_on = settings.fail_on or configured or result.fail_on
    return result._replace(findings=findings, fail_on=fail_on, summary=Summary.of(len(result.files), findings))


def located_in(findings: tuple[Finding, ...] | list[Finding], paths: tuple[str, ...]) -> list[Finding]:
    """Findings under PATHS, plus those located in packs and the baseline (not source files)."""
    if not paths:
        return list(findings)
    prefixes = tuple(p.rstrip("/") for p in paths)
    return [
        f
        for f in findings
        if not f.path.endswith(".py") or any(f.path == p or f.path.startswith(p + "/") for p in prefixes)
    ]


def check_warm(config: str | None, cwd: str, settings: RunSettings) -> AnalysisResult | None:
    """The replayed, narrowed result, or None when the slow path must run."""
    if settings.no_cache:
        return None
    located = locate(config, cwd, settings.cache_dir)
    if located is None:
        return None
    cached = replay(located, CacheGuard(settings.warn))
    return narrow(cached, settings) if cached is not None else None
