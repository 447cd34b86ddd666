"""A one-file edit that changes no facts re-runs no global rule, so its index holds only the
edited file's facts: the fixes of the previous run's findings in unchanged files are reused
instead of analysing the whole project a second time, and the output stays what a run
without the cache prints."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fix_support import FIXTURES, copy_tree, run

import lamina.fix.run as fix_run


def edit_without_new_facts(root: Path, report: str) -> Path:
    """Append a comment to a file that holds no finding (its facts do not change)."""
    with_findings = {finding["path"] for finding in json.loads(report)["findings"]}
    target = next(p for p in sorted(root.rglob("*.py")) if p.relative_to(root).as_posix() not in with_findings)
    target.write_text(target.read_text(encoding="utf-8") + "# touched\n", encoding="utf-8")
    return target


def test_a_comment_edit_reuses_the_planned_fixes_without_a_second_analysis(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tree = copy_tree(FIXTURES / "LAM302" / "before", tmp_path / "tree")
    cold = run(tree, monkeypatch, "check", "--format", "json")
    assert cold.exit_code == 1 and '"fix"' in cold.stdout
    edit_without_new_facts(tree, cold.stdout)

    def no_second_analysis(*args: object, **kwargs: object) -> object:
        raise AssertionError("planning fixes analysed the whole project again")

    with monkeypatch.context() as patched:
        patched.setattr(fix_run, "analyse", no_second_analysis)
        warm = run(tree, monkeypatch, "check", "--format", "json")
    fresh = run(tree, monkeypatch, "check", "--format", "json", "--no-cache")
    assert warm.exit_code == fresh.exit_code == 1
    assert warm.stdout == fresh.stdout


def test_a_changed_file_with_fixable_findings_is_planned_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tree = copy_tree(FIXTURES / "LAM501" / "before", tmp_path / "tree")
    assert '"fix"' in run(tree, monkeypatch, "check", "--format", "json").stdout
    engine = tree / "app" / "engine.py"
    engine.write_text(engine.read_text(encoding="utf-8").replace("nothing banned here", "still nothing"),
                      encoding="utf-8")  # fmt: skip
    warm = run(tree, monkeypatch, "check", "--format", "json")
    fresh = run(tree, monkeypatch, "check", "--format", "json", "--no-cache")
    assert (warm.exit_code, warm.stdout) == (fresh.exit_code, fresh.stdout)
    assert '"fix"' in warm.stdout
