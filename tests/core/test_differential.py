"""The cache is proved correct differentially (issue 12): after every one of hundreds of
random, realistic edits, ``lamina check --format json`` on the warm cache prints exactly what
``--no-cache`` prints, with the same exit code.

Only the command line is used (in-process, through click's CliRunner), so these tests hold
whatever the cache looks like inside. ``LAMINA_DIFF_EDITS`` raises the number of edits
(default 200), ``LAMINA_DIFF_SEED`` picks another seed; a failure prints the seed and the
edit sequence so that it can be replayed.
"""

from __future__ import annotations

import json
import os
import random
import traceback
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import MappingProxyType

from click.testing import CliRunner
from differential_edits import (
    DEFAULT_WEIGHTS,
    HOC_PACK,
    EditableProject,
    Knob,
    PackShape,
    Run,
    Step,
    copy_project,
    differential,
)
from fixture_projects import TESTS

from lamina.cli.main import cli

DEFAULT_SEED = 20261204
HOC_PROJECT = TESTS / "fixtures" / "hoc_project"


def edits_wanted(default: int = 200) -> int:
    return int(os.environ.get("LAMINA_DIFF_EDITS", str(default)))


def seed_wanted() -> int:
    return int(os.environ.get("LAMINA_DIFF_SEED", str(DEFAULT_SEED)))


def run_in_process(root: Path, args: Sequence[str]) -> Run:
    previous = os.getcwd()
    os.chdir(root)
    try:
        result = CliRunner().invoke(cli, list(args), catch_exceptions=True)
    finally:
        os.chdir(previous)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        assert result.exc_info is not None
        return Run(3, result.stdout, result.stderr + "".join(traceback.format_exception(*result.exc_info)))
    return Run(result.exit_code, result.stdout, result.stderr)


# The HOC pack with LAM107 and the operation rules off at first (and baselines rare): every
# rule left is local, so the cache updates the results file by file until a pack edit or a
# baseline turns a global rule back on.
HOC_LOCAL_RULES = HOC_PACK._replace(knobs=tuple(
    k._replace(values=("off", *[v for v in k.values if v != "off"])) if k.name in ("cycles", "operations") else k
    for k in HOC_PACK.knobs))  # fmt: skip
HOC_LOCAL_WEIGHTS = MappingProxyType({**DEFAULT_WEIGHTS, "pack": 0.5, "baseline_write": 0.2, "baseline_delete": 2})


def hoc_project(tmp_path: Path, seed: int, local: bool = False) -> EditableProject:
    root = copy_project(HOC_PROJECT, tmp_path / "hoc")
    project = EditableProject(root, "backend", HOC_LOCAL_RULES if local else HOC_PACK, run_in_process,
                              random.Random(seed), HOC_LOCAL_WEIGHTS if local else DEFAULT_WEIGHTS)  # fmt: skip
    project.setup()
    return project


# --- the small project: a custom pack with LAM107 and a transitive LAM101 ------------------

SMALL_SOURCES = {
    "app/__init__.py": "",
    "app/api/__init__.py": "",
    "app/api/views.py": "from app.service import orders\n\n\ndef show(session):\n    return orders.total()\n",
    "app/api/routes.py": "from app.api import views\n",
    "app/service/__init__.py": "",
    "app/service/orders.py": "from app.service import pricing\n\n\ndef total(session=None):\n    session.commit()\n",
    "app/service/pricing.py": "from app.data import tables\n",
    "app/service/billing.py": "from app.data import tables\nfrom app.service import orders\n",
    "app/data/__init__.py": "",
    "app/data/tables.py": "ROWS = ()\n",
    "app/data/session.py": "def open_session():\n    return eval('None')\n",
}


def render_small(settings: Mapping[str, object]) -> dict[str, str]:
    transitive = "true" if settings["transitive"] == "transitive" else "false"
    pack = (
        "version: 1\nroots: [\".\"]\nlayers:\n"
        "  - {name: api, paths: [\"app/api/**\"]}\n"
        "  - {name: service, paths: [\"app/service/**\"]}\n"
        "  - {name: data, paths: [\"app/data/**\"]}\n"
        "rules:\n"
        f"  - code: LAM101\n    id: strict-layers\n    severity: {settings['direction_severity']}\n"
        f"    options:\n      transitive: {transitive}\n"
        "      matrix: {api: [api, service], service: [service, data], data: [data]}\n"
    )  # fmt: skip
    if settings["code_rules"] == "on":  # without them no rule reads calls, and facts are extracted without
        pack += ("  - {code: LAM401, id: transaction-owner, options: {owners: [\"app/service/orders.py\"]}}\n"
                 "  - {code: LAM203, id: no-eval, options: {calls: [eval, exec]}}\n")  # fmt: skip
    if settings["cycles"] == "on":
        pack += "  - {code: LAM107, id: no-import-cycles}\n"
    return {"pyproject.toml": '[tool.lamina]\npacks = ["pack.yaml"]\n', "pack.yaml": pack}


# Both global rules on at first; turning both off (with no baseline) lets the cache update
# file by file, so the edits reach that path too.
SMALL_PACK = PackShape(
    knobs=(
        Knob("cycles", "toggle a rule", ("on", "off")),
        Knob("transitive", "change an option", ("transitive", "direct")),
        Knob("direction_severity", "change severity", ("error", "warning")),
        Knob("code_rules", "toggle a rule", ("on", "off")),
    ),
    render=render_small,
)
SMALL_WEIGHTS = MappingProxyType({**{k: w for k, w in DEFAULT_WEIGHTS.items() if not k.startswith("op_")}, "pack": 4})


# The same project starting with only local rules and rarely a baseline: the cache then
# updates the results file by file most of the time.
SMALL_LOCAL_RULES = SMALL_PACK._replace(knobs=tuple(k._replace(values=k.values[::-1]) for k in SMALL_PACK.knobs))
LOCAL_WEIGHTS = MappingProxyType({**SMALL_WEIGHTS, "pack": 1, "baseline_write": 0.3, "baseline_delete": 2})


def small_project(tmp_path: Path, seed: int, local: bool = False) -> EditableProject:
    root = tmp_path / "small"
    for rel, text in SMALL_SOURCES.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    project = EditableProject(root, ".", SMALL_LOCAL_RULES if local else SMALL_PACK, run_in_process,
                              random.Random(seed), LOCAL_WEIGHTS if local else SMALL_WEIGHTS)  # fmt: skip
    project.setup()
    return project


def assert_fast_paths(log: Sequence[Step]) -> None:
    """The cached runs must mostly avoid a full re-parse, or the test proves nothing about
    the fast paths: most edits touch one file, so most runs parse at most two."""
    edited = [step for step in log if step.number > 0]
    small = [step for step in edited if step.parsed is not None and step.parsed <= 2]
    assert len(small) * 2 > len(edited), f"only {len(small)} of {len(edited)} cached runs parsed <= 2 files"
    assert any(step.parsed == 0 for step in log), "no cached run was a pure replay"


def test_hoc_project_cached_equals_no_cache(tmp_path: Path) -> None:
    seed = seed_wanted()
    log = differential(hoc_project(tmp_path, seed), edits_wanted(), seed)
    assert_fast_paths(log)


def test_hoc_project_with_local_rules_only(tmp_path: Path) -> None:
    seed = seed_wanted()
    log = differential(hoc_project(tmp_path, seed, local=True), edits_wanted() // 4, seed)
    assert_fast_paths(log)


def test_small_project_with_cycles_and_transitive_layers(tmp_path: Path) -> None:
    seed = seed_wanted()
    log = differential(small_project(tmp_path, seed), edits_wanted() // 3, seed)
    assert_fast_paths(log)


def test_small_project_with_local_rules_only(tmp_path: Path) -> None:
    seed = seed_wanted()
    log = differential(small_project(tmp_path, seed, local=True), edits_wanted() // 3, seed)
    assert_fast_paths(log)


def lam304_paths(run: Run) -> set[str]:
    return {str(f["path"]) for f in json.loads(run.stdout)["findings"] if f["code"] == "LAM304"}


def test_duplicate_registration_in_another_file_reaches_the_first_file(tmp_path: Path) -> None:
    project = hoc_project(tmp_path, DEFAULT_SEED)
    first = "backend/app/hoc/cus/hoc_spine/orchestrator/handlers/incidents_handler.py"
    names = [name for rel, _, name in project.op_names() if rel == first]
    assert names, "the fixture's incidents handler registers operations"
    assert first not in lam304_paths(run_in_process(project.root, ["check", "--format", "json"]))
    project.append_block(
        "backend/app/hoc/api/cus/logs/logs_api.py",
        f'def register_again(registry):\n    registry.register("{names[0]}", object(), cross_domain_deps=[])\n',
    )
    cached = run_in_process(project.root, ["check", "--format", "json"])
    plain = run_in_process(project.root, ["check", "--format", "json", "--no-cache"])
    assert (cached.exit_code, cached.stdout) == (plain.exit_code, plain.stdout)
    assert first in lam304_paths(cached)


def test_same_size_edit_with_the_old_mtime_is_seen(tmp_path: Path) -> None:
    project = hoc_project(tmp_path, DEFAULT_SEED)
    rel = "backend/app/models/tenant.py"  # its header claims L6 while the path says L7 (LAM104)
    assert run_in_process(project.root, ["check", "--format", "json"]).stdout.count(rel) == 1
    path = project.root / rel
    before = path.stat()
    path.write_bytes(path.read_bytes().replace(b"# Layer: L6", b"# Layer: L7", 1))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size
    cached = run_in_process(project.root, ["check", "--format", "json"])
    plain = run_in_process(project.root, ["check", "--format", "json", "--no-cache"])
    assert (cached.exit_code, cached.stdout) == (plain.exit_code, plain.stdout)
    assert rel not in cached.stdout


def test_new_gitignore_at_the_project_root_is_seen(tmp_path: Path) -> None:
    project = hoc_project(tmp_path, DEFAULT_SEED)
    (project.root / ".gitignore").unlink()
    project.stamp(project.root)
    run_in_process(project.root, ["check", "--format", "json"])
    project.write(".gitignore", "policy_driver.py\n")
    cached = run_in_process(project.root, ["check", "--format", "json"])
    plain = run_in_process(project.root, ["check", "--format", "json", "--no-cache"])
    assert '"files": 40' in plain.stdout
    assert (cached.exit_code, cached.stdout) == (plain.exit_code, plain.stdout)


def shadowed_orders(tmp_path: Path, suppressed: bool) -> tuple[EditableProject, str, str]:
    """The small project with local rules only, where app/service/orders.py is shadowed by a
    package of the same name (LAM005 on its line 1), cached once; returns the project, the
    file and its text with the suppression toggled."""
    project = small_project(tmp_path, DEFAULT_SEED, local=True)
    rel = "app/service/orders.py"
    plain = project.read(rel)
    first, rest = plain.split("\n", 1)
    with_comment = f"{first}  # lamina: ignore[LAM005] kept until the orders split\n{rest}"
    (project.root / rel).write_text(with_comment if suppressed else plain, encoding="utf-8")
    project.stamp(project.root / rel)
    project.write("app/service/orders/__init__.py", "")
    project.stamp(project.root / "app" / "service")
    project.stamp(project.root)
    run_in_process(project.root, ["check", "--format", "json"])
    return project, rel, plain if suppressed else with_comment


# Regression: a file-by-file update that kept path-derived findings (LAM004, LAM005, LAM105,
# LAM106) with their old status judged a suppression added or removed in the changed file
# against findings that were not there (a spurious LAM501, or LAM005 left suppressed). The
# engine now runs each file's post stage on all of its findings, whatever their locality.


def test_suppression_of_a_shadowed_module_added_on_the_incremental_path(tmp_path: Path) -> None:
    project, rel, edited = shadowed_orders(tmp_path, suppressed=False)
    (project.root / rel).write_text(edited, encoding="utf-8")  # in place: only the file's stat changes
    project.stamp(project.root / rel)
    cached = run_in_process(project.root, ["check", "--format", "json"])
    plain = run_in_process(project.root, ["check", "--format", "json", "--no-cache"])
    assert '"status": "suppressed"' in plain.stdout
    assert (cached.exit_code, cached.stdout) == (plain.exit_code, plain.stdout)


def test_suppression_of_a_shadowed_module_removed_on_the_incremental_path(tmp_path: Path) -> None:
    project, rel, edited = shadowed_orders(tmp_path, suppressed=True)
    (project.root / rel).write_text(edited, encoding="utf-8")
    project.stamp(project.root / rel)
    cached = run_in_process(project.root, ["check", "--format", "json"])
    plain = run_in_process(project.root, ["check", "--format", "json", "--no-cache"])
    assert '"status": "suppressed"' not in plain.stdout
    assert (cached.exit_code, cached.stdout) == (plain.exit_code, plain.stdout)


def test_deleting_an_ignored_package_init_is_seen(tmp_path: Path) -> None:
    project = small_project(tmp_path, DEFAULT_SEED, local=True)
    project.write(".gitignore", "__init__.py\n")
    project.write("app/data/tables.py", "ROWS = ()\n\n\ndef load():\n    import app.api\n\n    return app.api\n")
    run_in_process(project.root, ["check", "--format", "json"])
    project.remove("app/api/__init__.py")
    cached = run_in_process(project.root, ["check", "--format", "json"])
    plain = run_in_process(project.root, ["check", "--format", "json", "--no-cache"])
    assert "imports 'app.api' (api) lazily" in plain.stdout
    assert (cached.exit_code, cached.stdout) == (plain.exit_code, plain.stdout)


def lam302_messages(run: Run, path: str) -> list[str]:
    return [
        str(f["message"]) for f in json.loads(run.stdout)["findings"] if f["code"] == "LAM302" and f["path"] == path
    ]


def test_a_bridge_method_import_re_runs_the_operation_rules_of_its_callers(tmp_path: Path) -> None:
    """Call-level reach crosses files: the incidents handler reaches logs through the audit
    coordinator and the logs bridge, so a new import in a bridge method changes its LAM302."""
    project = hoc_project(tmp_path, DEFAULT_SEED)
    handler = "backend/app/hoc/cus/hoc_spine/orchestrator/handlers/incidents_handler.py"
    bridge = "backend/app/hoc/cus/hoc_spine/orchestrator/coordinators/bridges/logs_bridge.py"
    assert lam302_messages(run_in_process(project.root, ["check", "--format", "json"]), handler) == []
    text = project.read(bridge)
    anchor = "    def audit_writer_capability(self) -> Callable[[str, Any], None]:\n"
    assert anchor in text
    project.write(
        bridge, text.replace(anchor, anchor + "        import app.hoc.cus.policies.L5_engines.rules_engine\n")
    )
    cached = run_in_process(project.root, ["check", "--format", "json"])
    plain = run_in_process(project.root, ["check", "--format", "json", "--no-cache"])
    assert (cached.exit_code, cached.stdout) == (plain.exit_code, plain.stdout)
    assert lam302_messages(cached, handler) == ["operation 'incidents.triage' reaches undeclared domains: policies"]
