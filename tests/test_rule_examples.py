"""Every rule's executable examples: ``tests/rules/<CODE>/{fires,clean}/`` projects whose
findings must equal their ``# expect:`` markers exactly."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from fixture_projects import TESTS, actual_findings, expected_findings, run_project

EXAMPLES = sorted(p for p in (TESTS / "rules").glob("LAM*/*") if (p / "pyproject.toml").exists())


@pytest.mark.parametrize("project_dir", EXAMPLES, ids=lambda p: f"{p.parent.name}-{p.name}")
def test_findings_equal_markers(project_dir: Path) -> None:
    if project_dir.parent.name == "LAM003" and sys.version_info >= (3, 12):
        pytest.skip("this example's grammar (PEP 695/701) is native from Python 3.12 on")
    expected = expected_findings(project_dir)
    result = run_project(project_dir)
    assert actual_findings(result) == expected
    if project_dir.name.startswith("fires"):
        assert any(code == project_dir.parent.name for _, _, code in expected), "a fires example must fire its code"
    else:
        assert all(code != project_dir.parent.name for _, _, code in expected), "a clean example must not fire its code"


def test_every_implemented_code_has_both_examples() -> None:
    from lamina.rules.catalog import catalog

    for code, kind in catalog().items():
        if kind.check is None:
            continue
        assert (TESTS / "rules" / code / "fires" / "pyproject.toml").exists(), code
        assert (TESTS / "rules" / code / "clean" / "pyproject.toml").exists(), code
