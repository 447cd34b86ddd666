"""``lamina fix`` on the broken twin: ``--diff`` shows the documented fixes and writes nothing;
``--unsafe`` applies them, after which only the findings without an applicable fix remain and
a second run finds nothing to fix."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from lamina.cli.main import cli

from twin_tree import assemble

HANDLERS = "app/hoc/cus/hoc_spine/orchestrator/handlers"


def invoke(root: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[int, str]:
    monkeypatch.chdir(root)
    result = CliRunner().invoke(cli, [*args, "--no-cache"], catch_exceptions=False)
    return result.exit_code, result.stdout


def findings(root: Path, monkeypatch: pytest.MonkeyPatch) -> list[dict[str, object]]:
    return json.loads(invoke(root, monkeypatch, "check", "--format", "json")[1])["findings"]  # type: ignore[no-any-return]


def test_fix_repairs_what_has_a_fix_and_leaves_the_rest(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    twin = assemble(tmp_path / "shop_broken")
    before = findings(twin, monkeypatch)
    fixable = [f for f in before if f.get("fix", {}).get("applicability") in ("safe", "unsafe")]  # type: ignore[union-attr]
    assert sorted(f["code"] for f in fixable) == ["LAM302", "LAM303"]

    code, diff = invoke(twin, monkeypatch, "fix", "--diff", "--unsafe")
    assert code == 1
    assert f'+++ b/{HANDLERS}/orders_handler.py' in diff
    assert '+    registry.register("orders.query", QueryOrdersHandler(), cross_domain_deps=["billing"])' in diff
    assert '+    registry.register("inventory.restock", RestockHandler(), cross_domain_deps=[])' in diff
    assert findings(twin, monkeypatch) == before  # --diff wrote nothing

    code, out = invoke(twin, monkeypatch, "fix", "--unsafe")
    assert code == 1  # the findings without a fix still fail the run
    assert f"fixed 1 in {HANDLERS}/orders_handler.py (LAM302)" in out
    after = findings(twin, monkeypatch)
    left = {(f["path"], f["code"], f["message"]) for f in after}
    expected = {(f["path"], f["code"], f["message"]) for f in before if f not in fixable}
    assert left == expected
    assert all(f.get("fix", {}).get("applicability") in (None, "display-only") for f in after)  # type: ignore[union-attr]
    assert invoke(twin, monkeypatch, "fix", "--unsafe", "--diff")[1] == ""


def test_the_readme_shows_the_real_diff(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    shown = readme.split("\n## Fix\n", 1)[1].split("```diff\n", 1)[1].split("```", 1)[0]
    twin = assemble(tmp_path / "shop_broken")
    code, diff = invoke(twin, monkeypatch, "fix", "--diff")
    assert code == 1
    assert diff == shown
