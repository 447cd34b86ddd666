"""What keys a stored result (docs/architecture.md#engine-and-caches): digests of the configuration
files and the baseline, the result key over every input, the state file's name per
configuration, and findings as data-only rows. ``lamina.engine.state`` stores the results;
on a replay no YAML is parsed, no file is parsed, no rule runs, and neither networkx nor
libcst is imported."""

from __future__ import annotations

import hashlib
import os
import stat
from typing import Any

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


PLUGIN_SOURCE = "plugin:"


def source_digest(source: str) -> str:
    """A configuration source's digest: a file's ``file_digest``; for ``plugin:DIST`` (a
    plugin distribution whose rules the pack enables) its installed version, so that
    upgrading a plugin invalidates what its rules computed."""
    if not source.startswith(PLUGIN_SOURCE):
        return file_digest(source)
    from importlib.metadata import PackageNotFoundError, version

    try:
        return "version " + version(source[len(PLUGIN_SOURCE):])
    except PackageNotFoundError:
        return "missing"


def result_key(
    version: str, config_digests: list[tuple[str, str]], baseline_digest: str, files: list[tuple[str, str]]
) -> str:
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


def finding_row(f: Finding) -> list[object]:
    return [f.code, f.rule_id, f.severity.value, f.path, f.line, f.column, f.end_line, f.end_column,
            f.message, f.symbol, f.status.value, f.import_key, f.justification, f.fingerprint]


def finding_from(row: list[Any]) -> Finding:
    # A row decoded from JSON: its cells are whatever json.loads produced (hence Any); the
    # conversions below are what gives them their types.
    (code, rule_id, severity, path, line, column, end_line, end_column, message, symbol, status,
     import_key, justification, fingerprint) = row
    return Finding(str(code), str(rule_id), Severity(severity), str(path), int(line), int(column),
                   int(end_line), int(end_column), str(message), str(symbol), FindingStatus(status),
                   str(import_key), str(justification), str(fingerprint))


def entry_path(cache_dir: str, version: str, config_file: str) -> str:
    name = hashlib.blake2b(config_file.encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()
    return os.path.join(cache_dir, f"result-{version}-{name}.json")
