"""Result cache: the warm path (ARCHITECTURE.md section 5).

One entry per configuration file holds what a run needs to prove that nothing changed -
the hashes of every configuration file, the discovery inputs and the mtimes of every
walked directory, the manifest of file hashes - and the findings to replay. On a hit no
YAML is parsed, no file is parsed, no rule runs, and neither networkx nor libcst is
imported. The entry is data-only JSON, sealed with the digest of its body (``sealed.py``):
a damaged entry - one flipped byte, emptied findings - is a miss, never a replayed pass.
"""

from __future__ import annotations

from typing import NamedTuple
import hashlib
import json
import os
import stat

from lamina.cache.guard import CacheGuard
from lamina.cache.sealed import read_sealed, write_sealed
from lamina.model.findings import Finding, FindingStatus, Severity
from lamina.version import FACTS_SCHEMA_VERSION


def file_digest(path: str) -> str:
    """Digest of a regular file's bytes; "missing" when it cannot be read, "not-a-file" for
    anything else at the path. Opened non-blocking and checked before reading: a FIFO put
    in place of a pack or the baseline must send the run to the slow path (which reports
    it), not block the warm path forever on open or read."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError:
        return "missing"
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return "not-a-file"
        with os.fdopen(fd, "rb", closefd=False) as handle:
            return hashlib.blake2b(handle.read(), digest_size=16).hexdigest()
    except OSError:
        return "missing"
    finally:
        os.close(fd)


def result_key(version: str, config_digests: list[tuple[str, str]], baseline_digest: str, files: list[tuple[str, str]]) -> str:
    """Hash of everything a result depends on. Paths may carry ``surrogateescape`` bytes
    (file names that are not UTF-8): ``surrogatepass`` hashes them like any other text."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(f"lamina {version} facts {FACTS_SCHEMA_VERSION}\n".encode())
    for path, value in config_digests:
        digest.update(f"config {path} {value}\n".encode("utf-8", "surrogatepass"))
    digest.update(f"baseline {baseline_digest}\n".encode())
    for path, value in files:
        digest.update(f"{path}\0{value}\n".encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


class WarmEntry(NamedTuple):
    key: str
    config: tuple[tuple[str, str], ...]  # (absolute path, digest) of every configuration file
    root: str
    roots: tuple[str, ...]
    exclude: tuple[str, ...]
    cache_dir: str
    baseline: str
    baseline_digest: str
    project_name: str
    fail_on: str
    walked: tuple[tuple[str, int, int], ...]  # path, mtime, ctime
    written_ns: int
    files: tuple[tuple[str, str, str, str, bool, int, int, int], ...]  # path, root, rel, module, pkg, size, mtime, ctime
    namespaces: tuple[str, ...]
    findings: tuple[Finding, ...]


def _finding_row(f: Finding) -> list[object]:
    return [f.code, f.rule_id, f.severity.value, f.path, f.line, f.column, f.end_line, f.end_column,
            f.message, f.symbol, f.status.value, f.import_key, f.justification, f.fingerprint]


def _finding_from(row: list[object]) -> Finding:
    (code, rule_id, severity, path, line, column, end_line, end_column, message, symbol, status,
     import_key, justification, fingerprint) = row
    return Finding(str(code), str(rule_id), Severity(severity), str(path), int(line), int(column),  # type: ignore[arg-type]
                   int(end_line), int(end_column), str(message), str(symbol), FindingStatus(status),  # type: ignore[arg-type]
                   str(import_key), str(justification), str(fingerprint))


def entry_path(cache_dir: str, version: str, config_file: str) -> str:
    name = hashlib.blake2b(config_file.encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()
    return os.path.join(cache_dir, f"result-{version}-{name}.json")


def save_entry(path: str, entry: WarmEntry, guard: CacheGuard | None = None) -> None:
    data = {
        "key": entry.key, "config": [list(c) for c in entry.config], "root": entry.root,
        "roots": list(entry.roots), "exclude": list(entry.exclude), "cache_dir": entry.cache_dir,
        "baseline": entry.baseline, "baseline_digest": entry.baseline_digest, "project_name": entry.project_name, "fail_on": entry.fail_on,
        "walked": [list(w) for w in entry.walked], "written_ns": entry.written_ns,
        "files": [list(f) for f in entry.files], "namespaces": list(entry.namespaces),
        "findings": [_finding_row(f) for f in entry.findings],
    }
    # surrogatepass: see result_key; json.loads of the bytes reads the names back unchanged.
    write_sealed(path, json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode("utf-8", "surrogatepass"), guard)


def load_entry(path: str) -> WarmEntry | None:
    """The entry, or None when it is missing, unreadable, damaged or malformed (a miss: the
    slow path that follows reports a cache directory that cannot be used)."""
    body = read_sealed(path)
    if body is None:
        return None
    try:
        data = json.loads(body)
        return WarmEntry(
            key=str(data["key"]),
            config=tuple((str(p), str(d)) for p, d in data["config"]),
            root=str(data["root"]),
            roots=tuple(str(r) for r in data["roots"]),
            exclude=tuple(str(e) for e in data["exclude"]),
            cache_dir=str(data["cache_dir"]),
            baseline=str(data["baseline"]),
            baseline_digest=str(data["baseline_digest"]),
            project_name=str(data["project_name"]),
            fail_on=str(data["fail_on"]),
            walked=tuple((str(p), int(m), int(c)) for p, m, c in data["walked"]),
            written_ns=int(data["written_ns"]),
            files=tuple((str(a), str(b), str(c), str(d), bool(e), int(f), int(g), int(h))
                        for a, b, c, d, e, f, g, h in data["files"]),  # fmt: skip
            namespaces=tuple(str(n) for n in data["namespaces"]),
            findings=tuple(_finding_from(row) for row in data["findings"]),
        )
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError):
        return None
