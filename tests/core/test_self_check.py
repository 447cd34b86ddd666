"""lamina checks itself with rules/lamina-self.yaml (its own floors): zero findings."""

from __future__ import annotations

from pathlib import Path

from fixture_projects import run_project

REPOSITORY = Path(__file__).resolve().parents[2]


def test_lamina_passes_its_own_floors() -> None:
    result = run_project(REPOSITORY)
    assert [f"{f.path}:{f.line}: {f.code} {f.message}" for f in result.findings] == []
    assert len(result.files) > 50
