"""The incremental path: after a content-only change, updating the changed files' findings
gives exactly what a full analysis gives, and anything it cannot prove falls back."""

from __future__ import annotations

import json
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
disable: [LAM301, LAM302, LAM303, LAM304, LAM305]
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


def test_content_changes_are_checked_file_by_file(tmp_path: Path) -> None:
    root = project_copy(tmp_path, LAYERS_ONLY)
    findings(root)  # cold, writes the cache
    assert list((root / ".lamina_cache").glob("result-*.incremental.json"))
    edit(root, ENGINE, "    from app.hoc.cus.logs.L6_drivers.audit_driver import AuditDriver  # expect: LAM101\n",
         "    pass\n    from app.hoc.cus.logs.L6_drivers.audit_driver import AuditDriver\n")  # fmt: skip
    edit(root, DRIVER, "await self._session.commit()", "await self._session.flush()")
    updated = check(None, str(root))
    assert updated.parsed == 2 and updated.timings[0][0] == "incremental"
    full = findings(root, no_cache=True)
    assert [(f.path, f.line, f.code, f.message, f.status.value) for f in updated.findings] == full
    assert (ENGINE, 25, "LAM101") in {(p, line, c) for p, line, c, _, _ in full}
    assert not any(p == DRIVER and c == "LAM401" for p, _, c, _, _ in full)
    again = check(None, str(root))
    assert again.from_cache and [(f.path, f.line, f.code, f.message, f.status.value) for f in again.findings] == full


def test_suppressions_in_a_changed_file_are_applied(tmp_path: Path) -> None:
    root = project_copy(tmp_path, LAYERS_ONLY)
    findings(root)
    edit(root, DRIVER, "await self._session.commit()  # expect: LAM401",
         "await self._session.commit()  # lamina: ignore[LAM401] legacy driver, removed in Q3")  # fmt: skip
    updated = findings(root)
    assert updated == findings(root, no_cache=True)
    assert any(p == DRIVER and c == "LAM401" and s == "suppressed" for p, _, c, _, s in updated)


def test_a_header_edit_that_moves_a_file_falls_back_to_the_full_analysis(tmp_path: Path) -> None:
    root = project_copy(tmp_path, LAYERS_ONLY)
    findings(root)
    edit(root, "backend/app/models/tenant.py", "# Layer: L6", "# Layer: L7")
    result = check(None, str(root))
    assert result.timings[0][0] != "incremental"
    assert [(f.path, f.line, f.code, f.message, f.status.value) for f in result.findings] == findings(root, no_cache=True)


def test_packs_with_global_rules_never_take_the_incremental_path(tmp_path: Path) -> None:
    root = project_copy(tmp_path)  # the full HOC pack: operation rules are global
    findings(root)
    assert not list((root / ".lamina_cache").glob("result-*.incremental.json"))
    edit(root, DRIVER, "await self._session.commit()", "await self._session.flush()")
    result = check(None, str(root))
    assert result.timings[0][0] != "incremental"


def test_cli_json_is_identical_after_an_incremental_update(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    root = project_copy(tmp_path, LAYERS_ONLY)
    monkeypatch.chdir(root)
    runner = CliRunner()
    runner.invoke(cli, ["check", "--format", "json"])
    edit(root, DRIVER, "await self._session.commit()", "await self._session.flush()")
    incremental = runner.invoke(cli, ["check", "--format", "json"]).stdout
    full = runner.invoke(cli, ["check", "--format", "json", "--no-cache"]).stdout
    assert incremental == full
    assert json.loads(full)["findings"]
