"""Fixes in the outputs of ``lamina check``: JSON ``fix`` objects and SARIF ``fixes`` that
validate against their schemas, text ``[*]`` marks and the fixable count, and the same bytes
from a replayed (warm) run as from ``--no-cache``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fix_support import FIXTURES, copy_tree, run
from output_schemas import validate_json_output, validate_sarif


def test_json_findings_carry_their_fix(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tree = copy_tree(FIXTURES / "LAM501" / "before", tmp_path / "tree")
    document = json.loads(run(tree, monkeypatch, "check", "--format", "json", "--no-cache").stdout)
    validate_json_output(document)
    fixes = {f["line"]: f["fix"] for f in document["findings"] if "fix" in f}
    assert fixes[1] == {
        "applicability": "safe",
        "message": "remove the unused suppression",
        "edits": [{"line": 1, "column": 1, "end_line": 2, "end_column": 1, "content": ""}],
    }
    assert fixes[13]["edits"] == [{"line": 13, "column": 22, "end_line": 13, "end_column": 36, "content": "LAM203"}]
    assert not [f for f in document["findings"] if f["code"] == "LAM203" and "fix" in f]


def test_sarif_results_carry_fixes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tree = copy_tree(FIXTURES / "LAM203" / "before", tmp_path / "tree")
    log = json.loads(run(tree, monkeypatch, "check", "--format", "sarif", "--no-cache").stdout)
    validate_sarif(log)
    results = log["runs"][0]["results"]
    assert results and all("fixes" in r for r in results)
    plain = next(r for r in results
                 if r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "app/plain.py")
    (fix,) = plain["fixes"]
    assert fix["description"] == {"text": "call 'inspect.iscoroutinefunction' instead"}
    (change,) = fix["artifactChanges"]
    assert change["artifactLocation"] == {"uri": "app/plain.py", "uriBaseId": "%SRCROOT%"}
    inserted = [r["insertedContent"]["text"] for r in change["replacements"]]
    assert inserted == ["import inspect\n", "inspect.iscoroutinefunction"]
    region = {"startLine": 7, "startColumn": 1, "endLine": 7, "endColumn": 1}
    assert change["replacements"][0]["deletedRegion"] == region


def test_text_marks_safe_fixes_and_counts_them(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tree = copy_tree(FIXTURES / "LAM501" / "before", tmp_path / "tree")
    out = run(tree, monkeypatch, "check", "--no-cache").stdout
    assert "app/engine.py:1:1: LAM501 [*] [warning] suppression of LAM204 matches no finding" in out
    assert out.count(" [*] ") == 5
    assert out.endswith("lamina: 5 fixable with `lamina fix`\n")


def test_a_run_without_fixable_findings_prints_as_before(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tree = copy_tree(FIXTURES / "LAM104" / "after", tmp_path / "tree")
    out = run(tree, monkeypatch, "check", "--no-cache").stdout
    assert "fixable" not in out and "[*]" not in out


@pytest.mark.parametrize("fmt", ["text", "json", "sarif"])
@pytest.mark.parametrize("code", ["LAM302", "LAM501", "LAM504"])
def test_warm_output_is_byte_identical_to_no_cache(fmt: str, code: str, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    tree = copy_tree(FIXTURES / code / "before", tmp_path / "tree")
    fresh = run(tree, monkeypatch, "check", "--format", fmt, "--no-cache").stdout
    cold = run(tree, monkeypatch, "check", "--format", fmt).stdout
    warm = run(tree, monkeypatch, "check", "--format", fmt).stdout
    assert fresh == cold == warm
    assert "fix" in warm
    # An edit since: the stored table is for another state and is not replayed.
    handler = next(p for p in sorted(tree.rglob("*.py")) if "fix" in json.dumps(json.loads(
        run(tree, monkeypatch, "check", "--format", "json").stdout)) and p.name != "__init__.py")
    handler.write_bytes(b"\n" + handler.read_bytes())
    assert run(tree, monkeypatch, "check", "--format", fmt).stdout == run(
        tree, monkeypatch, "check", "--format", fmt, "--no-cache").stdout


def test_a_fixable_finding_in_an_undecodable_file_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    tree = copy_tree(FIXTURES / "LAM501" / "before", tmp_path / "tree")
    name = os.path.join(os.fsencode(tree / "app"), b"\xff.py")
    with open(name, "wb") as handle:
        handle.write(b"x = 1  # lamina: ignore[LAM203] nothing here\n")
    for _ in range(2):  # cold, then replayed with the stored fix table
        result = run(tree, monkeypatch, "check", "--format", "json")
        assert result.exit_code == 0, result.output  # warnings only
        document = json.loads(result.stdout)
        assert any(f["path"] == "app/\\xff.py" and "fix" in f for f in document["findings"])
    fixed = run(tree, monkeypatch, "fix", "--no-cache")
    assert "fixed 1 in app/\\xff.py (LAM501)" in fixed.stdout, fixed.stdout
    with open(name, "rb") as handle:
        assert handle.read() == b"x = 1\n"
