"""Plugin rules end to end: the example plugin under examples/plugin, installed the way pip
installs any distribution (into a directory put on PYTHONPATH), enabled in a pack by its
code; it fires in ``lamina check``, is cached and re-run when the plugin's version changes,
is explained, exported to SARIF, and a plugin that raises is one error line naming it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
LAMINA = [sys.executable, "-m", "lamina"]

PACK = """\
version: 1
layers:
  - {name: engines, paths: ["app/engines/**"]}
  - {name: api, paths: ["app/api/**"]}
rules:
  - code: EXA001
    paths: {include: ["layer:engines"]}
"""

ENGINE = """\
from datetime import datetime as dt
import time


def due(days):
    return dt.now()  # reported: the alias resolves to datetime.datetime.now


def stamp():
    return time.time()  # reported


def fixed(now):
    return now.replace(hour=0)  # a parameter named like nothing: silent
"""

API = """\
from datetime import datetime


def handler():
    return datetime.now()  # outside the rule's scope: silent
"""


def install(source: Path, target: Path) -> None:
    """``pip install`` a copy of ``source`` into ``target`` (no dependencies, no index)."""
    work = target.parent / (source.name + "-src")
    shutil.copytree(source, work)
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation",
                    "--disable-pip-version-check", "--target", str(target), str(work)], check=True)  # fmt: skip


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("plugin") / "site"
    install(REPO / "examples" / "plugin", target)
    return target


def project(root: Path) -> Path:
    files = {"lamina.yaml": PACK, "app/__init__.py": "", "app/engines/__init__.py": "",
             "app/engines/billing.py": ENGINE, "app/api/__init__.py": "", "app/api/routes.py": API}  # fmt: skip
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    (root / "pyproject.toml").write_text('[tool.lamina]\npacks = ["lamina.yaml"]\n', encoding="utf-8")
    return root


def run(root: Path, site: Path | None, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    paths = [str(site)] if site is not None else []
    env["PYTHONPATH"] = os.pathsep.join([*paths, str(REPO / "src")])
    return subprocess.run([*LAMINA, *args], cwd=root, env=env, capture_output=True, text=True, timeout=120)


def test_plugin_rule_fires_in_check_and_its_findings_are_cached(site: Path, tmp_path: Path) -> None:
    root = project(tmp_path / "p")
    cold = run(root, site, "check", "--format", "json")
    assert cold.returncode == 1, cold.stderr
    found = [(f["code"], f["path"], f["line"]) for f in json.loads(cold.stdout)["findings"]]
    assert found == [("EXA001", "app/engines/billing.py", 6), ("EXA001", "app/engines/billing.py", 10)]
    warm = run(root, site, "check", "--format", "json", "--timings")
    assert warm.returncode == 1
    assert json.loads(warm.stdout)["findings"] == json.loads(cold.stdout)["findings"]
    assert "result replayed" in warm.stderr


def test_a_new_plugin_version_re_runs_its_rule(site: Path, tmp_path: Path) -> None:
    root = project(tmp_path / "p")
    assert run(root, site, "check").returncode == 1
    upgraded = tmp_path / "upgraded"
    shutil.copytree(site, upgraded)
    info = next(upgraded.glob("lamina_example_rules-*.dist-info"))
    metadata = info / "METADATA"
    metadata.write_text(
        metadata.read_text(encoding="utf-8").replace("Version: 0.1.0", "Version: 0.2.0"), encoding="utf-8"
    )
    info.rename(info.with_name("lamina_example_rules-0.2.0.dist-info"))
    rule = upgraded / "lamina_example_rules" / "no_clock.py"
    rule.write_text(rule.read_text(encoding="utf-8").replace('"time.time",', ""), encoding="utf-8")
    again = run(root, upgraded, "check", "--format", "json", "--timings")
    assert "result replayed" not in again.stderr
    assert [f["line"] for f in json.loads(again.stdout)["findings"]] == [6]


def test_rules_explain_and_sarif_describe_the_plugin_rule(site: Path, tmp_path: Path) -> None:
    root = project(tmp_path / "p")
    listing = run(root, site, "rules")
    assert listing.returncode == 0, listing.stderr
    line = next(line for line in listing.stdout.splitlines() if line.startswith("EXA001"))
    assert "no-wall-clock" in line and "plugin lamina-example-rules 0.1.0" in line
    page = run(root, site, "explain", "EXA001")
    assert page.returncode == 0
    assert page.stdout.startswith("EXA001 no-wall-clock (calls, default severity error, since 0.1.0, stable, "
                                  "plugin lamina-example-rules 0.1.0)")  # fmt: skip
    assert "How to fix:" in page.stdout and "calls: a list of strings" in page.stdout and "Option schema" in page.stdout
    assert "Example (time passed in, not reported):" in page.stdout
    sarif = json.loads(run(root, site, "check", "--format", "sarif").stdout)
    rules = {rule["id"]: rule for rule in sarif["runs"][0]["tool"]["driver"]["rules"]}
    assert rules["EXA001"]["name"] == "no-wall-clock"
    assert "wall clock" in rules["EXA001"]["fullDescription"]["text"]


def test_a_pack_naming_a_plugin_that_is_not_installed_is_a_configuration_error(tmp_path: Path) -> None:
    root = project(tmp_path / "p")
    result = run(root, None, "check")
    assert result.returncode == 2
    assert "lamina.yaml:6:11: unknown rule code 'EXA001'" in result.stderr
    assert "Traceback" not in result.stderr


BROKEN_PLUGIN = {
    "pyproject.toml": """\
        [build-system]
        requires = ["setuptools>=70.1"]
        build-backend = "setuptools.build_meta"
        [project]
        name = "broken-rules"
        version = "1.2.3"
        [project.entry-points."lamina.rules"]
        crash = "broken_rules"
        """,
    "broken_rules/__init__.py": """\
        from lamina.api import Reads, RuleSpec, Severity

        def check(ctx):
            for path in ctx.scope:
                raise KeyError(path)
            return iter(())

        SPEC = RuleSpec(code="BRK001", name="crash", family="calls", severity=Severity.ERROR,
                        doc="BRK001 crash\\n\\nAlways raises.\\n", reads=frozenset({Reads.CALLS}))
        """,
}


def test_a_plugin_that_raises_is_one_error_line_naming_it_and_caches_nothing(tmp_path: Path) -> None:
    source = tmp_path / "broken"
    for rel, text in BROKEN_PLUGIN.items():
        (source / rel).parent.mkdir(parents=True, exist_ok=True)
        (source / rel).write_text(textwrap.dedent(text), encoding="utf-8")
    site = tmp_path / "site"
    install(source, site)
    root = project(tmp_path / "p")
    (root / "lamina.yaml").write_text(PACK.replace("EXA001", "BRK001"), encoding="utf-8")
    for _ in range(2):  # the second run must not replay anything the failed one stored
        result = run(root, site, "check")
        assert result.returncode == 2, result.stderr
        assert "Traceback" not in result.stderr
        assert result.stderr.splitlines() == [
            "plugin broken-rules 1.2.3 (entry point 'crash = broken_rules') failed in rule BRK001 (crash): "
            "KeyError: 'app/engines/__init__.py'",
            "  hint: upgrade or uninstall the plugin, or disable its rules in the pack",
        ]
