"""Receiver resolution reads other files' facts: a factory's return annotation decides
whether its importer's ``ops.register(...)`` is an operation registration. Editing only the
factory's module must flip the importer's finding, and the warm cache must print exactly
what ``--no-cache`` prints (issue 13 item 1; the property of ``test_differential``)."""

from __future__ import annotations

import json
import os
import traceback
from collections.abc import Sequence
from pathlib import Path

from click.testing import CliRunner

from lamina.cli.main import cli

# Old, increasing file times: no edit ever falls in the cache's racy window by accident.
CLOCK_START_NS = 1_700_000_000 * 1_000_000_000

PACK = """\
version: 1
roots: ["."]
domains: {from: ["app/{domain}"], exclude: ["spine"]}
layers:
  - {name: spine, paths: ["app/spine/**"]}
  - {name: domain, paths: ["app/{domain}/**"]}
operations:
  register:
    - {call: "**.register", receiver_class: [OperationRegistry], name: [0], handler: [1], deps: cross_domain_deps}
rules:
  - {code: LAM301, id: ops-declare-deps, paths: {include: ["layer:spine"]}}
"""

REGISTRY = """\
class OperationRegistry:
    def register(self, name, handler, **options): ...


class StageRegistry:
    def register(self, handler): ...
"""

FACTORY = """\
from app.spine.registry import OperationRegistry, StageRegistry


def make_ops() -> {returns}:
    return {returns}()
"""

HANDLERS = """\
from app.spine.factories import make_ops


def wire() -> None:
    ops = make_ops()
    ops.register("orders.list", object())
"""


def run(root: Path, args: Sequence[str]) -> tuple[int, str]:
    previous = os.getcwd()
    os.chdir(root)
    try:
        result = CliRunner().invoke(cli, list(args), catch_exceptions=True)
    finally:
        os.chdir(previous)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        assert result.exc_info is not None
        raise AssertionError("".join(traceback.format_exception(*result.exc_info)))
    return result.exit_code, result.stdout


def lam301_paths(stdout: str) -> list[str]:
    return [str(f["path"]) for f in json.loads(stdout)["findings"] if f["code"] == "LAM301"]


def test_a_factory_return_annotation_edit_flips_the_importers_finding(tmp_path: Path) -> None:
    clock = iter(range(CLOCK_START_NS, CLOCK_START_NS + 10**15, 10**9))

    def write(rel: str, text: str) -> None:
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        now = next(clock)
        os.utime(path, ns=(now, now))

    write("pyproject.toml", '[tool.lamina]\npacks = ["pack.yaml"]\n')
    write("pack.yaml", PACK)
    write("app/orders/engine.py", "def list_orders():\n    return []\n")
    write("app/spine/registry.py", REGISTRY)
    write("app/spine/factories.py", FACTORY.format(returns="OperationRegistry"))
    write("app/spine/handlers.py", HANDLERS)
    for directory in (tmp_path / "app" / "spine", tmp_path / "app", tmp_path):
        now = next(clock)
        os.utime(directory, ns=(now, now))

    def both() -> tuple[int, str]:
        cached = run(tmp_path, ["check", "--format", "json"])
        plain = run(tmp_path, ["check", "--format", "json", "--no-cache"])
        assert cached == plain
        return cached

    exit_code, stdout = both()
    assert (exit_code, lam301_paths(stdout)) == (1, ["app/spine/handlers.py"])
    # The factory now builds a StageRegistry: the importer's register() is no registration.
    write("app/spine/factories.py", FACTORY.format(returns="StageRegistry"))
    exit_code, stdout = both()
    assert (exit_code, lam301_paths(stdout)) == (0, [])
    write("app/spine/factories.py", FACTORY.format(returns="OperationRegistry"))
    assert lam301_paths(both()[1]) == ["app/spine/handlers.py"]
