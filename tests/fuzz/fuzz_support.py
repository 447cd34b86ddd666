"""The fuzz harness's property, shared by the bounded CI run and `bash dev.sh fuzz N`.

The property (issue: hostile input never takes the gate down): for any project tree -
sources of any bytes under any names, any pack, any baseline - every run of
``lamina check`` exits 0, 1 or 2; nothing on stderr looks like a traceback or an internal
error; JSON and SARIF outputs parse; and a cached run (cold cache, then warm) prints exactly
what a ``--no-cache`` run prints.

Runs are in-process (click's CliRunner): a crash of the parser cannot take this process
down because lamina isolates the parser itself, which is part of what is being tested.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import NamedTuple

from click.testing import CliRunner

from lamina.cli.main import cli

# A pack that reads calls, definitions, headers and the graph, so that fuzzed sources reach
# every family of rules (import, call, declaration, transaction, cycle).
BASE_PACK = """\
version: 1
roots: ["."]
layers:
  - {name: api, paths: ["app/api/**"]}
  - {name: core, paths: ["app/core/**"]}
rules:
  - code: LAM101
    id: direction
    options: {matrix: {api: [api, core], core: [core]}}
  - code: LAM107
    id: no-cycles
  - code: LAM202
    id: no-reflective-dispatch
  - code: LAM203
    id: no-eval
    options: {calls: [eval, exec]}
  - code: LAM401
    id: transaction-owner
    options: {owners: ["app/api/owner.py"]}
"""

BASE_SOURCES: dict[str, bytes] = {
    "app/__init__.py": b'"""App."""\n',
    "app/api/__init__.py": b"",
    "app/api/views.py": b"from app.core import model\n\n\ndef show(session):\n    session.commit()\n",
    "app/core/__init__.py": b"",
    "app/core/model.py": b"from app.api import views\n\n\ndef load():\n    return eval('1')\n",
}

BASELINE_HEAD = '{"version": 1, "entries": [\n'


class Run(NamedTuple):
    exit_code: int
    stdout: str
    stderr: str


class Violation(AssertionError):
    """The property did not hold; the message names the run and shows its output."""


@contextmanager
def _inside(directory: str) -> Iterator[None]:
    previous = os.getcwd()
    os.chdir(directory)
    try:
        yield
    finally:
        os.chdir(previous)


def write_tree(root: str, files: Mapping[bytes | str, bytes]) -> None:
    """Write every file; names are bytes so that undecodable names reach the file system.
    A name the file system refuses (too long, a reserved character) is skipped: the
    property is about what lamina does with what exists."""
    base = os.fsencode(root)
    os.makedirs(os.path.join(base, b".git"), exist_ok=True)  # stops the configuration search
    for name, data in files.items():
        raw = name if isinstance(name, bytes) else name.encode("utf-8")
        path = os.path.join(base, raw)
        try:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "wb") as handle:
                handle.write(data)
        except (OSError, ValueError):
            continue


def run_lamina(root: str, *args: str) -> Run:
    runner = CliRunner()
    with _inside(root):
        result = runner.invoke(cli, list(args), catch_exceptions=True)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise Violation(f"lamina {' '.join(args)} raised {type(result.exception).__name__}: {result.exception}")
    return Run(result.exit_code, result.stdout, result.stderr)


def _check_one(run: Run, args: tuple[str, ...]) -> None:
    label = "lamina " + " ".join(args)
    detail = f"\n--- stdout\n{run.stdout[-2000:]}\n--- stderr\n{run.stderr[-2000:]}"
    if run.exit_code not in (0, 1, 2):
        raise Violation(f"{label}: exit {run.exit_code}{detail}")
    if "Traceback (most recent call last)" in run.stderr or "internal error" in run.stderr:
        raise Violation(f"{label}: traceback or internal error on stderr{detail}")
    if run.exit_code == 2:
        if not run.stderr.strip():
            raise Violation(f"{label}: exit 2 without a message{detail}")
        return
    if "--format" in args:
        try:
            json.loads(run.stdout)
        except ValueError as error:
            raise Violation(f"{label}: output is not valid JSON ({error}){detail}") from error


def check_property(files: Mapping[bytes | str, bytes]) -> Run:
    """Write the tree, run it uncached, cached-cold and cached-warm (JSON) and as SARIF;
    raise ``Violation`` when the property fails. Returns the uncached run."""
    with tempfile.TemporaryDirectory(prefix="lamina-fuzz-") as root:
        write_tree(root, files)
        uncached_args = ("check", "--format", "json", "--no-cache")
        uncached = run_lamina(root, *uncached_args)
        _check_one(uncached, uncached_args)
        cached_args = ("check", "--format", "json")
        for attempt in ("cold", "warm"):
            cached = run_lamina(root, *cached_args)
            _check_one(cached, cached_args)
            if (cached.exit_code, cached.stdout) != (uncached.exit_code, uncached.stdout):
                raise Violation(
                    f"{attempt} cached run differs from --no-cache: exit {cached.exit_code} vs {uncached.exit_code}"
                    f"\n--- cached\n{cached.stdout[-3000:]}\n--- no-cache\n{uncached.stdout[-3000:]}"
                    f"\n--- cached stderr\n{cached.stderr[-1000:]}"
                )
        sarif_args = ("check", "--format", "sarif", "--no-cache")
        sarif = run_lamina(root, *sarif_args)
        _check_one(sarif, sarif_args)
        if sarif.exit_code != uncached.exit_code:
            raise Violation(f"SARIF run exit {sarif.exit_code} differs from JSON run exit {uncached.exit_code}")
        return uncached


def project(
    sources: Mapping[bytes | str, bytes] | None = None,
    pack: str | bytes = BASE_PACK,
    baseline: bytes | None = None,
) -> dict[bytes | str, bytes]:
    """A whole tree: pyproject, pack, sources (the base sources unless given), baseline."""
    files: dict[bytes | str, bytes] = {
        "pyproject.toml": b'[tool.lamina]\npacks = ["pack.yaml"]\n',
        "pack.yaml": pack.encode("utf-8", "surrogatepass") if isinstance(pack, str) else pack,
    }
    files.update(BASE_SOURCES if sources is None else sources)
    if baseline is not None:
        files["lamina-baseline.json"] = baseline
    return files
