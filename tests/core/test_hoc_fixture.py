"""The HOC-shaped fixture project: exactly the expected findings, in text and JSON; its
clean twin has none; output is deterministic."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from fixture_projects import TESTS, actual_findings, expected_findings, run_project
from lamina.cli.main import cli

PROJECTS = [TESTS / "fixtures" / "hoc_project", TESTS / "fixtures" / "hoc_clean"]


@pytest.mark.parametrize("project_dir", PROJECTS, ids=lambda p: p.name)
def test_findings_equal_expected(project_dir: Path) -> None:
    assert actual_findings(run_project(project_dir)) == expected_findings(project_dir)


def test_hoc_fixture_covers_the_import_rules() -> None:
    codes = {code for _, _, code in expected_findings(PROJECTS[0])}
    assert {"LAM001", "LAM002", "LAM005", "LAM101", "LAM102", "LAM103", "LAM104", "LAM504"} <= codes


def test_text_and_json_agree_and_are_deterministic(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(PROJECTS[0])
    runner = CliRunner()
    texts = [runner.invoke(cli, ["check", "--no-cache"]).stdout for _ in range(2)]
    jsons = [runner.invoke(cli, ["check", "--no-cache", "--format", "json", "--jobs", str(j)]).stdout for j in (1, 2)]
    assert texts[0] == texts[1] and jsons[0] == jsons[1]
    document = json.loads(jsons[0])
    from_json = {(f["path"], f["line"], f["code"]) for f in document["findings"]}
    assert from_json == expected_findings(PROJECTS[0])
    for path, line, code in from_json:
        assert f"{path}:{line}:" in texts[0] and code in texts[0]
