"""One engine: after any change, a cached run recomputes only what the change reaches -
the changed files' local findings, the joins whose inputs changed - and gives exactly
what an uncached run gives. ``--timings`` notes say what each stage reused."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from click.testing import CliRunner
from fixture_projects import TESTS

from lamina.analysis import RunSettings, check
from lamina.cli.main import cli

HOC = TESTS / "fixtures" / "hoc_project"
LAYERS_ONLY = """\
version: 1
extends: ["builtin:hoc"]
disable: [LAM301, LAM302, LAM303, LAM304, LAM305, LAM308]
"""


def project_copy(tmp_path: Path, pack: str | None = None) -> Path:
    root = tmp_path / "p"
    shutil.copytree(HOC, root, ignore=shutil.ignore_patterns(".lamina_cache"))
    (root / ".git").mkdir()
    if pack is not None:
        (root / "local.yaml").write_text(pack, encoding="utf-8")
        (root / "pyproject.toml").write_text('[tool.lamina]\npacks = ["local.yaml"]\nroots = ["backend"]\n')
    return root


def findings(root: Path, **settings: object) -> list[tuple[str, int, str, str, str]]:
    result = check(None, str(root), RunSettings(**settings))  # type: ignore[arg-type]
    return [(f.path, f.line, f.code, f.message, f.status.value) for f in result.findings]


def edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


ENGINE = "backend/app/hoc/cus/policies/L5_engines/rules_engine.py"
DRIVER = "backend/app/hoc/cus/incidents/L6_drivers/incident_driver.py"


def notes(result: object) -> dict[str, str]:
    return {stage: note for stage, _, note in result.timings}  # type: ignore[attr-defined]


def rows(result: object) -> list[tuple[str, int, str, str, str]]:
    return [(f.path, f.line, f.code, f.message, f.status.value) for f in result.findings]  # type: ignore[attr-defined]


def test_content_changes_recompute_only_the_changed_files(tmp_path: Path) -> None:
    root = project_copy(tmp_path, LAYERS_ONLY)
    findings(root)  # cold, writes the state
    assert list((root / ".lamina_cache").glob("result-*.body.json"))
    edit(root, ENGINE, "    from app.hoc.cus.logs.L6_drivers.audit_driver import AuditDriver  # expect: LAM101\n",
         "    pass\n    from app.hoc.cus.logs.L6_drivers.audit_driver import AuditDriver\n")  # fmt: skip
    edit(root, DRIVER, "await self._session.commit()", "await self._session.flush()")
    updated = check(None, str(root))
    assert updated.parsed == 2 and notes(updated)["rules"] == "local rules on 2 files"
    assert notes(updated)["config"] == "project reused"
    full = findings(root, no_cache=True)
    assert rows(updated) == full
    assert (ENGINE, 25, "LAM101") in {(p, line, c) for p, line, c, _, _ in full}
    assert not any(p == DRIVER and c == "LAM401" for p, _, c, _, _ in full)
    again = check(None, str(root))
    assert again.from_cache and rows(again) == full


def test_an_edit_that_leaves_the_facts_unchanged_reuses_every_rule(tmp_path: Path) -> None:
    root = project_copy(tmp_path)  # the full HOC pack, global rules included
    findings(root)
    (root / DRIVER).write_text((root / DRIVER).read_text(encoding="utf-8") + "# a trailing comment\n")
    updated = check(None, str(root))
    assert updated.parsed == 1 and notes(updated)["rules"] == "all reused"
    assert rows(updated) == findings(root, no_cache=True)


def test_suppressions_in_a_changed_file_are_applied(tmp_path: Path) -> None:
    root = project_copy(tmp_path, LAYERS_ONLY)
    findings(root)
    edit(root, DRIVER, "await self._session.commit()  # expect: LAM401",
         "await self._session.commit()  # lamina: ignore[LAM401] legacy driver, removed in Q3")  # fmt: skip
    updated = findings(root)
    assert updated == findings(root, no_cache=True)
    assert any(p == DRIVER and c == "LAM401" and s == "suppressed" for p, _, c, _, s in updated)


def test_a_header_edit_that_moves_a_file_rechecks_its_importers(tmp_path: Path) -> None:
    root = project_copy(tmp_path, LAYERS_ONLY)
    findings(root)
    edit(root, "backend/app/models/tenant.py", "# Layer: L6", "# Layer: L7")
    result = check(None, str(root))
    assert "path rules" in notes(result)["rules"]
    assert rows(result) == findings(root, no_cache=True)


def test_global_rules_and_the_baseline_take_the_same_path(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    root = project_copy(tmp_path)  # the full HOC pack: operation rules are global
    monkeypatch.chdir(root)
    runner = CliRunner()
    assert runner.invoke(cli, ["baseline"]).exit_code == 0
    findings(root)
    edit(root, DRIVER, "await self._session.commit()", "await self._session.flush()")
    result = check(None, str(root))
    assert result.parsed == 1 and notes(result)["rules"] == "local rules on 1 files, global rules"
    assert rows(result) == findings(root, no_cache=True)
    assert any(s == "baselined" for *_, s in rows(result))


def test_cli_json_is_identical_after_an_update(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    root = project_copy(tmp_path, LAYERS_ONLY)
    monkeypatch.chdir(root)
    runner = CliRunner()
    runner.invoke(cli, ["check", "--format", "json"])
    edit(root, DRIVER, "await self._session.commit()", "await self._session.flush()")
    updated = runner.invoke(cli, ["check", "--format", "json"]).stdout
    full = runner.invoke(cli, ["check", "--format", "json", "--no-cache"]).stdout
    assert updated == full
    assert json.loads(full)["findings"]


def test_a_nested_project_configured_through_a_tool_table_gets_its_own_results(tmp_path: Path) -> None:
    """The locator parses TOML: ``[tool]`` with ``lamina = {...}`` configures a sub-project
    as surely as ``[tool.lamina]`` does (a byte search for the header used to find the parent)."""
    root = project_copy(tmp_path, LAYERS_ONLY)
    findings(root)
    sub = root / "sub"
    (sub / "pkg").mkdir(parents=True)
    (sub / "pkg" / "__init__.py").write_text("")
    (sub / "pkg" / "m.py").write_text("eval('1')\n")
    (sub / "pack.yaml").write_text("version: 1\nrules:\n  - code: LAM203\n    id: no-eval\n"
                                   "    options: {calls: [eval]}\n")  # fmt: skip
    (sub / "pyproject.toml").write_text('[tool]\nlamina = { packs = ["pack.yaml"], roots = ["."] }\n')
    cached = findings(sub)
    assert cached == findings(sub, no_cache=True)
    assert [(p, c) for p, _, c, _, _ in cached] == [("pkg/m.py", "LAM203")]


def test_a_warm_run_after_the_first_does_not_walk_again(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The cache directory is created before discovery records directory stats, so the
    default ``roots: ["."]`` does not make every later run walk the tree again."""
    monkeypatch.setattr("lamina.engine.walk.RACY_WINDOW_NS", 0)  # the run is not seconds after the last write
    root = project_copy(tmp_path, LAYERS_ONLY)
    (root / "pyproject.toml").write_text('[tool.lamina]\npacks = ["local.yaml"]\nroots = ["."]\n')
    old = 1_500_000_000_000_000_000
    for path in [root, *root.rglob("*")]:
        os.utime(path, ns=(old, old))  # outside the racy window, as a checkout long ago leaves it
    findings(root)
    (root / DRIVER).write_text((root / DRIVER).read_text(encoding="utf-8") + "x = 1\n")
    result = check(None, str(root))
    assert notes(result)["discover"] == "walk reused"


def test_a_replay_records_new_stats_so_later_runs_do_not_hash_again(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A checkout that rewrites files with the same content changes their stats: the run
    replays (nothing changed) and records the new stats, so the next run reads no file."""
    monkeypatch.setattr("lamina.engine.walk.RACY_WINDOW_NS", 0)
    monkeypatch.setattr("lamina.cache.manifest.RACY_WINDOW_NS", 0)
    root = project_copy(tmp_path, LAYERS_ONLY)
    findings(root)
    (root / DRIVER).write_bytes((root / DRIVER).read_bytes())  # same bytes, new mtime and ctime
    assert check(None, str(root)).from_cache
    reads: list[str] = []
    real_open = open

    def counting_open(file, *args, **kwargs):  # type: ignore[no-untyped-def]
        if str(file).endswith(".py"):
            reads.append(str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr("builtins.open", counting_open)
    again = check(None, str(root))
    assert again.from_cache and reads == []
