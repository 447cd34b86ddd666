"""``lamina fix`` as a command: --diff, safe versus --unsafe, --select/--ignore, exit codes,
files changed on disk since the analysis, and results that would not parse."""

from __future__ import annotations

from pathlib import Path

import pytest
from fix_support import FIXTURES, copy_tree, files_of, run

from lamina.analysis import load_project
from lamina.fix import run as fix_run
from lamina.fix.apply import apply_fixes, parses
from lamina.fix.source import FixSource
from lamina.model.fixes import Applicability, Fix
from lamina.model.settings import RunSettings


def test_diff_prints_a_unified_diff_writes_nothing_and_exits_1(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tree = copy_tree(FIXTURES / "LAM501" / "before", tmp_path / "tree")
    before = files_of(tree)
    result = run(tree, monkeypatch, "fix", "--diff", "--no-cache")
    assert result.exit_code == 1
    assert result.stdout.startswith("--- a/app/engine.py\n+++ b/app/engine.py\n@@ ")
    assert "-# lamina: ignore-file[LAM204] dynamic imports were removed in v2\n" in result.stdout
    assert files_of(tree) == before


def test_diff_on_a_tree_with_nothing_to_fix_exits_like_check(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tree = copy_tree(FIXTURES / "LAM104" / "after", tmp_path / "tree")
    result = run(tree, monkeypatch, "fix", "--diff", "--no-cache")
    assert (result.exit_code, result.stdout) == (0, "")


def test_unsafe_fixes_need_the_flag_and_are_announced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tree = copy_tree(FIXTURES / "LAM202" / "before", tmp_path / "tree")
    before = files_of(tree)
    result = run(tree, monkeypatch, "fix", "--no-cache")
    assert files_of(tree) == before
    assert result.exit_code == 1
    assert "lamina: 0 fixable with `lamina fix` (3 more with `lamina fix --unsafe`)" in result.stdout
    assert "[*]" not in result.stdout
    fixed = run(tree, monkeypatch, "fix", "--unsafe", "--no-cache")
    assert fixed.stdout.startswith("fixed 3 in app/handlers.py (LAM202)\n")


def test_select_and_ignore_limit_the_codes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tree = copy_tree(FIXTURES / "LAM504" / "before", tmp_path / "tree")
    before = files_of(tree)
    run(tree, monkeypatch, "fix", "--select", "LAM104,LAM501", "--no-cache")
    run(tree, monkeypatch, "fix", "--ignore", "lam504", "--no-cache")
    assert files_of(tree) == before
    run(tree, monkeypatch, "fix", "--select", "LAM504", "--no-cache")
    assert files_of(tree) == files_of(FIXTURES / "LAM504" / "after")


def test_an_unknown_code_is_a_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tree = copy_tree(FIXTURES / "LAM504" / "before", tmp_path / "tree")
    result = run(tree, monkeypatch, "fix", "--select", "LAM5O4")
    assert result.exit_code == 2
    assert "--select: unknown rule code 'LAM5O4'" in result.output


def test_exit_code_follows_check_after_fixing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tree = copy_tree(FIXTURES / "LAM303" / "before", tmp_path / "tree")
    assert run(tree, monkeypatch, "check", "--no-cache", "--fail-on", "warning").exit_code == 1
    result = run(tree, monkeypatch, "fix", "--no-cache", "--fail-on", "warning")
    assert result.exit_code == 0, result.output
    assert "fixed 5 in app/spine/handlers.py (LAM303)" in result.stdout


def test_paths_limit_the_files_fixed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tree = copy_tree(FIXTURES / "LAM504" / "before", tmp_path / "tree")
    before = files_of(tree)
    run(tree, monkeypatch, "fix", "app/drivers", "--no-cache")
    after = files_of(tree)
    changed = sorted(name for name in after if after[name] != before[name])
    assert changed == ["app/drivers/__init__.py", "app/drivers/store.py"]


def test_a_file_changed_since_the_analysis_is_not_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tree = copy_tree(FIXTURES / "LAM501" / "before", tmp_path / "tree")
    target = tree / "app" / "engine.py"
    original = fix_run.analyse

    def analyse_then_edit(project, settings):  # type: ignore[no-untyped-def]
        analysed = original(project, settings)
        target.write_bytes(target.read_bytes() + b"# edited meanwhile\n")
        return analysed

    monkeypatch.setattr(fix_run, "analyse", analyse_then_edit)
    project = load_project(None, str(tree))
    outcome = fix_run.run_fix(project, RunSettings(no_cache=True), fix_run.FixOptions())
    assert outcome.changes == ()
    assert outcome.skipped == ("app/engine.py",)
    assert target.read_bytes().endswith(b"# edited meanwhile\n")
    assert b"ignore-file[LAM204]" in target.read_bytes()


def test_a_result_that_does_not_parse_is_never_produced() -> None:
    source = FixSource("m.py", b"x = 1\ny = 2\n")
    broken = Fix(Applicability.SAFE, "break it", (source.edit(0, 1, "def"),))
    assert apply_fixes(source, [broken]) is None
    fine = Fix(Applicability.SAFE, "rename", (source.edit(0, 1, "z"),))
    applied = apply_fixes(source, [fine])
    assert applied is not None and applied.text == "z = 1\ny = 2\n"


def test_clashing_fixes_apply_the_first_only_and_identical_edits_once() -> None:
    source = FixSource("m.py", b"value = compute()\r\nother = 2\r\n")
    first = Fix(Applicability.SAFE, "a", (source.edit(0, 5, "alpha"),))
    clash = Fix(Applicability.SAFE, "b", (source.edit(2, 8, "x"),))
    same = Fix(Applicability.SAFE, "c", (source.edit(0, 5, "alpha"),))
    applied = apply_fixes(source, [first, clash, same])
    assert applied is not None
    assert applied.text == "alpha = compute()\r\nother = 2\r\n"
    assert clash not in applied.fixes


def test_unparsable_and_non_utf8_files_are_never_fixed(tmp_path: Path) -> None:
    from lamina.fix.context import _read

    (tmp_path / "bad.py").write_bytes(b"def broken(:\n    # lamina: ignore[LAM203] x\n")
    (tmp_path / "latin.py").write_bytes(b"# -*- coding: latin-1 -*-\nname = '\xe9'\n")
    bad = _read(str(tmp_path / "bad.py"), "bad.py")
    assert bad is not None and bad.tree() is None and not parses(bad.text)
    assert _read(str(tmp_path / "latin.py"), "latin.py") is None


def test_both_lam302_and_lam303_on_one_registration_make_the_list_the_reach(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tree = copy_tree(FIXTURES / "LAM302" / "before", tmp_path / "tree")
    pack = tree / "pack.yaml"
    pack.write_text(pack.read_text(encoding="utf-8") + "  - code: LAM303\n    id: ops-stale\n"
                    "    paths: {include: [\"layer:spine\"]}\n", encoding="utf-8")  # fmt: skip
    result = run(tree, monkeypatch, "fix", "--no-cache")
    assert result.exit_code == 0, result.output
    text = (tree / "app" / "spine" / "handlers.py").read_text(encoding="utf-8")
    assert 'registry.register("orders.audit", AuditHandler(), cross_domain_deps=["stock"])' in text
    assert run(tree, monkeypatch, "check", "--no-cache").exit_code == 0


def test_exit_on_change_fails_only_when_files_changed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tree = copy_tree(FIXTURES / "LAM202" / "before", tmp_path / "tree")
    result = run(tree, monkeypatch, "fix", "--exit-on-change", "--no-cache")
    assert result.exit_code == 0, result.output  # only unsafe fixes and findings left: nothing changed
    tree = copy_tree(FIXTURES / "LAM501" / "before", tmp_path / "other")
    assert run(tree, monkeypatch, "fix", "--exit-on-change", "--no-cache").exit_code == 1
    assert run(tree, monkeypatch, "fix", "--exit-on-change", "--no-cache").exit_code == 0
