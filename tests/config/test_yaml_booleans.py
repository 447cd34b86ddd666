"""Packs use YAML 1.2 booleans: `severity: off` means off, not the boolean false."""

from __future__ import annotations

from pathlib import Path

import pytest

from lamina.analysis import load_project
from lamina.errors import ConfigErrors


def project(tmp_path: Path, rule_lines: str) -> Path:
    (tmp_path / "pyproject.toml").write_text('[tool.lamina]\npacks = ["pack.yaml"]\n', encoding="utf-8")
    (tmp_path / "pack.yaml").write_text(
        'version: 1\nlayers:\n  - {name: a, paths: ["app/**"]}\nrules:\n  - code: LAM106\n    id: unplaced\n'
        + rule_lines,
        encoding="utf-8",
    )
    (tmp_path / ".git").mkdir()
    return tmp_path


@pytest.mark.parametrize("written", ["off", '"off"', "'off'"])
def test_severity_off_plain_or_quoted(tmp_path: Path, written: str) -> None:
    loaded = load_project(None, str(project(tmp_path, f"    severity: {written}\n")))
    assert [r.severity for r in loaded.rules if r.id == "unplaced"] == [None]


def test_yaml_11_words_are_not_booleans(tmp_path: Path) -> None:
    with pytest.raises(ConfigErrors) as raised:
        load_project(None, str(project(tmp_path, "    allow_empty: yes\n")))
    assert "pack.yaml:7:" in raised.value.render()


def test_true_and_false_are_booleans(tmp_path: Path) -> None:
    loaded = load_project(None, str(project(tmp_path, "    allow_empty: true\n")))
    assert [r.allow_empty for r in loaded.rules if r.id == "unplaced"] == [True]
