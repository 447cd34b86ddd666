"""Every fix against its before/after fixture pair (``tests/fix/<CODE>/before|after``), byte
for byte; fixing the fixed tree changes nothing; re-checked, the fixed tree has no finding of
the code that a fix could still repair."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fix_support import CODES, FIXTURES, copy_tree, files_of, run


@pytest.mark.parametrize("code", CODES)
def test_fix_turns_before_into_after_byte_for_byte(code: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tree = copy_tree(FIXTURES / code / "before", tmp_path / "tree")
    result = run(tree, monkeypatch, "fix", "--unsafe", "--no-cache")
    assert result.exit_code in (0, 1), result.output
    assert f"({code})" in result.output or f", {code}" in result.output or f"({code}," in result.output
    expected = files_of(FIXTURES / code / "after")
    actual = files_of(tree)
    assert sorted(actual) == sorted(expected)
    for name, data in expected.items():
        assert actual[name] == data, name


@pytest.mark.parametrize("code", CODES)
def test_fixing_the_after_tree_changes_nothing(code: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tree = copy_tree(FIXTURES / code / "after", tmp_path / "tree")
    before = files_of(tree)
    result = run(tree, monkeypatch, "fix", "--unsafe", "--no-cache")
    assert "fixed " not in result.output
    assert files_of(tree) == before
    diff = run(tree, monkeypatch, "fix", "--unsafe", "--diff", "--no-cache")
    assert diff.stdout == ""


@pytest.mark.parametrize("code", CODES)
def test_the_fixed_tree_has_no_fixable_finding_of_the_code(code: str, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    before = copy_tree(FIXTURES / code / "before", tmp_path / "before")
    found = json.loads(run(before, monkeypatch, "check", "--format", "json", "--no-cache").stdout)["findings"]
    assert any(f["code"] == code and f.get("fix", {}).get("applicability") in ("safe", "unsafe") for f in found)
    after = copy_tree(FIXTURES / code / "after", tmp_path / "after")
    left = json.loads(run(after, monkeypatch, "check", "--format", "json", "--no-cache").stdout)["findings"]
    assert [f for f in left if f["code"] == code and f.get("fix", {}).get("applicability") in ("safe", "unsafe")] == []
    # What remains of the code is what has no fix (or a display-only one) before as well.
    fixed_lines = {(f["path"], f["message"]) for f in left if f["code"] == code}
    unfixable_before = {(f["path"], f["message"]) for f in found
                        if f["code"] == code and f.get("fix", {}).get("applicability") in (None, "display-only")}
    assert fixed_lines <= unfixable_before
