"""The rule specs are the one source of what lamina knows about a rule: every built-in
rule module declares one, the catalog finds them without a hand-kept list, each page
documents exactly the options its schema accepts, and docs/rules.md is generated from them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from lamina.cli.catalog_cmds import rules_markdown
from lamina.config.rulespec import RuleSpec, spec_problem
from lamina.model.codes import Locality, Reads
from lamina.model.findings import Severity
from lamina.rules.catalog import catalog

REPO = Path(__file__).resolve().parents[1]
KINDS = catalog()


def test_every_rule_module_declares_a_valid_spec_and_the_catalog_finds_it() -> None:
    modules = sorted(p.stem for p in (REPO / "src" / "lamina" / "rules").glob("*.py"))
    declaring = sorted(m for m in modules if re.search(r"^SPEC = RuleSpec\(", (REPO / "src/lamina/rules" / f"{m}.py")
                                                      .read_text(encoding="utf-8"), re.M))  # fmt: skip
    assert len(declaring) == len(KINDS) >= 30
    for code, kind in KINDS.items():
        assert spec_problem(kind.spec, builtin=True) is None
        assert kind.doc.startswith(f"{code} {kind.spec.name}\n")


@pytest.mark.parametrize("code", sorted(KINDS))
def test_the_options_a_page_describes_are_the_options_its_schema_accepts(code: str) -> None:
    spec = KINDS[code].spec
    section = re.search(r"^Options:\n(.*?)(?:\n\S|\Z)", spec.doc, re.S | re.M)
    written = set(re.findall(r"^    (\w+):", section.group(1), re.M)) if section else set()
    assert written == {field.name for field in spec.option_fields}, "the page's Options section drifted from the schema"


def test_plugin_specs_may_not_take_lamina_codes_or_malformed_names() -> None:
    good = RuleSpec(code="ACME001", name="house-rule", family="calls", severity=Severity.ERROR,
                    doc="ACME001 house-rule\n", reads=frozenset({Reads.CALLS}), locality=Locality.LOCAL)  # fmt: skip
    assert spec_problem(good, builtin=False) is None
    assert "reserved" in (spec_problem(good._replace(code="LAM999"), builtin=False) or "")
    assert "capitals" in (spec_problem(good._replace(code="acme1"), builtin=False) or "")
    assert "kebab-case" in (spec_problem(good._replace(name="House Rule"), builtin=False) or "")
    assert "not a lamina.api.RuleSpec" in (spec_problem(object(), builtin=False) or "")


def test_docs_rules_md_is_generated_from_the_specs() -> None:
    text = (REPO / "docs" / "rules.md").read_text(encoding="utf-8")
    assert text == rules_markdown(), "regenerate with: lamina rules --markdown > docs/rules.md"
    for code in KINDS:
        assert f"\n## {code}\n" in text
