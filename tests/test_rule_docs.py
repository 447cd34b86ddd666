"""Rules document themselves: every implemented code's doc has the five sections, and
``lamina explain`` prints it."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from lamina.cli.main import cli
from lamina.rules.catalog import OVERLAP_ORDER, catalog

SECTIONS = ("What it catches:", "Why it matters:", "How to fix:", "Options:", "Example:")
IMPLEMENTED = [code for code, kind in catalog().items() if kind.check is not None]


@pytest.mark.parametrize("code", IMPLEMENTED)
def test_doc_has_every_section(code: str) -> None:
    doc = catalog()[code].doc
    assert doc.startswith(f"{code} {catalog()[code].spec.name}\n")
    positions = [doc.find(section) for section in SECTIONS]
    assert all(p > 0 for p in positions), positions
    assert positions == sorted(positions)


@pytest.mark.parametrize("code", IMPLEMENTED)
def test_explain_prints_the_doc(code: str) -> None:
    result = CliRunner().invoke(cli, ["explain", code.lower()])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"{code} {catalog()[code].spec.name} (")
    assert "How to fix:" in result.output


@pytest.mark.parametrize("code", OVERLAP_ORDER)
def test_explain_states_the_overlap_policy(code: str) -> None:
    """Which code wins for one import: each page of OVERLAP_ORDER says so and names the
    codes it wins over (the last code, which wins over none, names those that beat it)."""
    result = CliRunner().invoke(cli, ["explain", code])
    assert result.exit_code == 0, result.output
    page = " ".join(result.output.split())
    assert "overlap policy" in page.lower()
    position = OVERLAP_ORDER.index(code)
    named = OVERLAP_ORDER[position + 1:] or OVERLAP_ORDER[:position]
    assert [other for other in named if other not in page] == []


def test_explain_accepts_the_rule_name() -> None:
    result = CliRunner().invoke(cli, ["explain", "layer-violation"])
    assert result.exit_code == 0
    assert result.output.startswith("LAM101 layer-violation")


def test_explain_unknown_code_is_a_usage_error_with_a_suggestion() -> None:
    result = CliRunner().invoke(cli, ["explain", "LAM1O1"])
    assert result.exit_code == 2
    assert "unknown rule code 'LAM1O1'" in result.output
    assert "did you mean LAM101?" in result.output
    assert "Traceback" not in result.output


def test_rules_lists_every_code() -> None:
    result = CliRunner().invoke(cli, ["rules"])
    assert result.exit_code == 0
    for code in catalog():
        assert code in result.output


@pytest.mark.parametrize("code", list(catalog()))
def test_every_page_has_a_fix_section(code: str) -> None:
    """``lamina fix``: each page says whether the finding is fixed, and how (issue 15)."""
    from lamina.model.fixes import FIXABLE_CODES

    result = CliRunner().invoke(cli, ["explain", code])
    assert result.exit_code == 0, result.output
    assert "\nFix:\n    " in result.output
    section = result.output.split("\nFix:\n", 1)[1].split("\n\n", 1)[0]
    if code in FIXABLE_CODES:
        assert section.split()[0].rstrip(".,") in ("safe", "unsafe"), section
    else:
        assert section.lstrip().startswith("none:"), section
