"""The HOC-shaped fixture project: exactly the expected findings, in text and JSON; its
clean twin has none; output is deterministic."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from fixture_projects import TESTS, actual_findings, expected_findings, run_project

from lamina.analysis import load_project
from lamina.cli.main import cli

PROJECTS = [TESTS / "fixtures" / "hoc_project", TESTS / "fixtures" / "hoc_clean"]


@pytest.mark.parametrize("project_dir", PROJECTS, ids=lambda p: p.name)
def test_findings_equal_expected(project_dir: Path) -> None:
    assert actual_findings(run_project(project_dir)) == expected_findings(project_dir)


def test_hoc_fixture_shows_every_code_the_hoc_pack_enables() -> None:
    """Every code of the HOC pack that a source file can trigger fires at least once
    (LAM003 depends on the interpreter's grammar and has its own example; LAM004 and
    LAM5xx are about configuration and suppressions)."""
    codes = {code for _, _, code in expected_findings(PROJECTS[0])}
    project = load_project(None, str(PROJECTS[0]))
    enabled = {rule.code for rule in project.rules if rule.severity is not None}
    assert enabled <= codes | {"LAM004"}
    assert {"LAM001", "LAM002", "LAM005"} <= codes


def test_text_and_json_agree_and_are_deterministic(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(PROJECTS[0])
    runner = CliRunner()
    texts = [runner.invoke(cli, ["check", "--no-cache"]).stdout for _ in range(2)]
    jsons = [runner.invoke(cli, ["check", "--no-cache", "--format", "json", "--jobs", str(j)]).stdout for j in (1, 2)]
    assert texts[0] == texts[1] and jsons[0] == jsons[1]
    document = json.loads(jsons[0])
    from_json = Counter((f["path"], f["line"], f["code"]) for f in document["findings"])
    assert from_json == expected_findings(PROJECTS[0])
    for path, line, code in from_json:
        assert f"{path}:{line}:" in texts[0] and code in texts[0]
