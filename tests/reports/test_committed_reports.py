"""The reports committed under ``reports/`` are up to date: ``lamina report --check`` exits 0
for each target (the CI drift gate). After a change to the example app, lamina.spine, the
templates or the views, regenerate them from the repository root with the commands below."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from report_support import REPOSITORY

from lamina.cli.main import cli

# (configuration, output directory relative to that configuration's project root)
TARGETS = {
    # The example app is its own project (root examples/shop), so --out leaves it.
    "shop": ("examples/shop/pyproject.toml", "../../reports/shop"),
    # A pack given directly keeps the repository root as the project root.
    "spine": ("reports/spine.yaml", "reports/spine"),
}


@pytest.mark.parametrize("name", sorted(TARGETS))
def test_committed_reports_are_up_to_date(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    config, out = TARGETS[name]
    monkeypatch.chdir(REPOSITORY)
    result = CliRunner().invoke(cli, ["report", "--no-cache", "--config", config, "--out", out, "--check"])
    assert result.exit_code == 0, (
        f"{result.output}\nregenerate with: lamina report --config {config} --out {out}"
    )
    assert result.stdout.startswith("reports up to date (")
