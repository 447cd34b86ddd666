"""What one run computed, stored for the next (docs/architecture.md#engine-and-caches): the memo table
of the pipeline.

Per configuration file, two sealed, data-only JSON files hold every stage's output with the
inputs it was computed from. The *head* is what a replay needs - the result key, the
configuration digests, the walked directories and every file's stats and content hash, the
final findings - and is all that an unchanged tree reads. The *body* is what an update
needs: the validated project, the rest of the discovery (namespaces, shadowing, unreadable
paths), each file's facts digest, placement and internal import targets, the raw findings
of the rules by locality and each file's post-stage findings. The head names the body's
digest, so a head never pairs with another run's body. A damaged or malformed file is a
miss.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any, NamedTuple

from lamina.cache.guard import CacheGuard
from lamina.cache.manifest import Manifest
from lamina.cache.result_store import finding_from, finding_row
from lamina.cache.sealed import read_sealed, write_sealed
from lamina.discovery import Discovery, Shadowing
from lamina.model.findings import Finding
from lamina.model.placement import Placement
from lamina.model.source import SourceFile

STATE_VERSION = 1


class Head(NamedTuple):
    key: str  # the result key: every input of the final findings
    config: tuple[tuple[str, str], ...]  # (absolute path, digest) of every configuration file
    root: str
    project_name: str
    fail_on: str  # the configured --fail-on default
    baseline: str  # project-relative path of the baseline file
    roots: tuple[str, ...]  # what discovery reads: a replay may have to walk again
    exclude: tuple[str, ...]
    cache_dir: str
    baseline_digest: str
    with_code: bool
    discovery: str  # discovery_digest of the walk
    walked: tuple[tuple[str, int, int], ...]  # directories and .gitignore files read, mtime, ctime
    written_ns: int
    files: tuple[SourceFile, ...]  # sorted by path, content hashes filled in
    findings: tuple[Finding, ...]  # final, sorted
    body_digest: str


class FileMemo(NamedTuple):
    facts_digest: str
    placement: Placement
    targets: tuple[str, ...]  # paths of the project files its imports resolve to


class Body(NamedTuple):
    project: str  # the validated Project, encoded
    namespaces: tuple[str, ...]
    directories: tuple[str, ...]
    shadowed: tuple[Shadowing, ...]
    unreadable: tuple[tuple[str, str], ...]
    domains: tuple[str, ...]
    memos: dict[str, FileMemo]  # by path
    raw_local: tuple[Finding, ...]
    raw_path: tuple[Finding, ...]
    raw_global: tuple[Finding, ...]
    post: tuple[Finding, ...]  # every file's post stage output, before the baseline


class Scan(NamedTuple):
    """The tree as a replay attempt found it, handed on to the analysis when the replay
    missed, so that nothing is walked or hashed twice. ``found`` is None when the stored
    walk was still valid (only the files were stat'ed)."""

    hashed: tuple[SourceFile, ...]
    found: Discovery | None
    baseline_digest: str


class Stored(NamedTuple):
    """Where a configuration's state lives, the head the previous run left there, and what
    was already read for it: the scan a replay attempt made of the tree, the configuration
    digests and the body (all valid for the head's configuration only)."""

    path: str
    head: Head | None
    scan: Scan | None = None
    digests: tuple[tuple[str, str], ...] | None = None
    body: Body | None = None


def head_manifest(head: Head) -> Manifest:
    """The head's file stats and hashes as the manifest a re-hash consults."""
    return Manifest(head.written_ns, {s.path: (s.size, s.mtime_ns, s.ctime_ns, s.content_hash) for s in head.files})


def body_path(head_path: str) -> str:
    return head_path[: -len(".json")] + ".body.json"


def _placement_row(p: Placement) -> list[object]:
    return [p.layer, p.zone, p.domain, list(p.roles), p.header_token, p.header_line, p.by_header,
            [list(a) for a in p.ambiguous]]  # fmt: skip


def _placement(row: list[Any]) -> Placement:
    # A row decoded from JSON (see _placement_row): json.loads types its cells as Any.
    layer, zone, domain, roles, token, line, by_header, ambiguous = row
    return Placement(layer, zone, domain, tuple(roles), token, int(line), bool(by_header),
                     tuple((str(a), str(b)) for a, b in ambiguous))


def _rows(findings: tuple[Finding, ...]) -> list[list[object]]:
    return [finding_row(f) for f in findings]


def _findings(rows: object) -> tuple[Finding, ...]:
    return tuple(finding_from(row) for row in rows)  # type: ignore[attr-defined]


def _encode(data: object) -> bytes:
    # surrogatepass: file names that are not UTF-8 travel as lone surrogates (see result_key).
    return json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode("utf-8", "surrogatepass")


def save_state(path: str, head: Head, body: Body, guard: CacheGuard) -> None:
    """The body first, then the head naming its digest: a reader sees a matching pair or
    a miss, never a head with another run's body."""
    paths = [s.path for s in head.files]
    number = {p: n for n, p in enumerate(paths)}
    memos = [[m.facts_digest, _placement_row(m.placement), sorted(number[t] for t in m.targets if t in number)]
             for m in (body.memos[p] for p in paths)]  # fmt: skip
    encoded_body = _encode({
        "version": STATE_VERSION, "project": body.project, "namespaces": list(body.namespaces),
        "directories": list(body.directories), "shadowed": [list(s) for s in body.shadowed],
        "unreadable": [list(u) for u in body.unreadable], "domains": list(body.domains), "memos": memos,
        "raw_local": _rows(body.raw_local), "raw_path": _rows(body.raw_path), "raw_global": _rows(body.raw_global),
        "post": _rows(body.post),
    })  # fmt: skip
    write_sealed(body_path(path), encoded_body, guard)
    save_head(path, head._replace(body_digest=hashlib.blake2b(encoded_body, digest_size=16).hexdigest()), guard)


def save_head(path: str, head: Head, guard: CacheGuard) -> None:
    """The head alone: a replay that had to re-stat or re-walk records what it found, so
    the next run does not repeat that work (the body it names stays valid)."""
    files = [[s.path, s.root, s.rel, s.module, s.is_package, s.size, s.mtime_ns, s.ctime_ns, s.content_hash]
             for s in head.files]  # fmt: skip
    write_sealed(path, _encode({
        "version": STATE_VERSION, "key": head.key, "config": [list(c) for c in head.config], "root": head.root,
        "project_name": head.project_name, "fail_on": head.fail_on, "baseline": head.baseline,
        "roots": list(head.roots), "exclude": list(head.exclude), "cache_dir": head.cache_dir,
        "baseline_digest": head.baseline_digest, "with_code": head.with_code, "discovery": head.discovery,
        "walked": [list(w) for w in head.walked], "written_ns": head.written_ns, "files": files,
        "findings": _rows(head.findings), "body_digest": head.body_digest,
    }), guard)  # fmt: skip


def load_head(path: str) -> Head | None:
    """The stored head, or None when it is missing, damaged or malformed (a miss)."""
    raw = read_sealed(path)
    if raw is None:
        return None
    try:
        data = json.loads(raw)
        if data["version"] != STATE_VERSION:
            return None
        return Head(
            key=str(data["key"]),
            config=tuple((str(p), str(d)) for p, d in data["config"]),
            root=str(data["root"]),
            project_name=str(data["project_name"]),
            fail_on=str(data["fail_on"]),
            baseline=str(data["baseline"]),
            roots=tuple(str(r) for r in data["roots"]),
            exclude=tuple(str(e) for e in data["exclude"]),
            cache_dir=str(data["cache_dir"]),
            baseline_digest=str(data["baseline_digest"]),
            with_code=bool(data["with_code"]),
            discovery=str(data["discovery"]),
            walked=tuple((str(p), int(m), int(c)) for p, m, c in data["walked"]),
            written_ns=int(data["written_ns"]),
            files=tuple(
                SourceFile(str(p), str(r), str(rel), str(m), bool(pkg), int(size), int(mtime), str(h), int(ctime))
                for p, r, rel, m, pkg, size, mtime, ctime, h in data["files"]
            ),  # fmt: skip
            findings=_findings(data["findings"]),
            body_digest=str(data["body_digest"]),
        )
    except (ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError):
        return None


def load_body(path: str, head: Head) -> Body | None:
    """The body written with ``head``, or None (a miss)."""
    raw = read_sealed(body_path(path))
    if raw is None or hashlib.blake2b(raw, digest_size=16).hexdigest() != head.body_digest:
        return None
    try:
        data = json.loads(raw)
        paths = [s.path for s in head.files]
        rows = data["memos"]
        if data["version"] != STATE_VERSION or len(rows) != len(paths):
            return None
        memos = {path: FileMemo(str(digest), _placement(placement), tuple(paths[int(t)] for t in targets))
                 for path, (digest, placement, targets) in zip(paths, rows)}  # fmt: skip
        return Body(
            project=str(data["project"]),
            namespaces=tuple(str(n) for n in data["namespaces"]),
            directories=tuple(str(d) for d in data["directories"]),
            shadowed=tuple(Shadowing(str(m), str(lo), str(w), bool(ns)) for m, lo, w, ns in data["shadowed"]),
            unreadable=tuple((str(p), str(r)) for p, r in data["unreadable"]),
            domains=tuple(str(d) for d in data["domains"]),
            memos=memos,
            raw_local=_findings(data["raw_local"]),
            raw_path=_findings(data["raw_path"]),
            raw_global=_findings(data["raw_global"]),
            post=_findings(data["post"]),
        )
    except (ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError):
        return None
