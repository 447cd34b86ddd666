"""``lamina schema`` prints the pack JSON Schema, and that schema agrees with the loader's
strict validation: every good pack is accepted by both, every bad pack rejected by both.

The bad packs are the structural mistakes a JSON Schema can express (unknown keys, types,
required keys, enumerations, name patterns, per-code options). Mistakes that need the
whole merged configuration (an unknown layer in a matrix, a duplicate id) are the
loader's alone and are tested with the configuration tests.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from lamina.analysis import load_project
from lamina.cli.main import cli
from lamina.cli.schema import schema_text
from lamina.errors import UserError

REPOSITORY_RULES = Path(__file__).resolve().parents[2] / "rules"
BASE = """\
version: 1
layers:
  - {name: api, paths: ["app/api/**"]}
  - {name: core, paths: ["app/core/**"], zones: {models: ["app/core/models/**"]}}
roles:
  handler: {paths: ["app/api/*_handler.py"]}
"""
GOOD = {
    "minimal": "version: 1\n",
    "extends-a-preset": 'version: 1\nextends: ["builtin:hoc"]\n',
    "layers-and-rules": BASE
    + """\
rules:
  - code: LAM101
    id: direction
    options: {matrix: {api: [api, core], core: ["core:models"]}, default: lower}
  - code: LAM102
    id: no-requests
    severity: warning
    paths: {include: ["role:handler"], exclude: ["**/tests/**"]}
    options: {targets: [requests], names: [get]}
  - code: LAM001
    severity: info
  - code: LAM107
    metadata: {owner: platform, references: [docs/adr/1.md]}
""",
    "header-and-domains": BASE
    + 'header: {max_lines: 20, fallback: true}\ndomains: {from: ["app/{domain}"], exclude: ["_*"]}\n',
}
BAD = {
    "no-version": "layers: []\n",
    "version-2": "version: 2\n",
    "unknown-top-level-key": "version: 1\nlayer: []\n",
    "wrong-type": "version: 1\nlayers: api\n",
    "layer-without-name": 'version: 1\nlayers:\n  - {paths: ["app/**"]}\n',
    "bad-layer-name": 'version: 1\nlayers:\n  - {name: "1api", paths: ["app/**"]}\n',
    "bad-role-name": 'version: 1\nroles:\n  Handler: {paths: ["app/**"]}\n',
    "empty-roots": "version: 1\nroots: []\n",
    "header-max-lines-0": "version: 1\nheader: {max_lines: 0}\n",
    "unknown-code": "version: 1\nrules:\n  - {code: LAM999}\n",
    "bad-severity": "version: 1\nrules:\n  - {code: LAM107, severity: fatal}\n",
    "rule-id-not-kebab": "version: 1\nrules:\n  - {code: LAM107, id: Import_Cycles}\n",
    "missing-required-option": "version: 1\nrules:\n  - {code: LAM102, id: x}\n",
    "unknown-option": "version: 1\nrules:\n  - {code: LAM107, options: {transitive: true}}\n",
    "option-of-wrong-type": "version: 1\nrules:\n  - {code: LAM307, options: {max_public_methods: many}}\n",
    "metadata-number": "version: 1\nrules:\n  - {code: LAM107, metadata: {owner: 7}}\n",
    "unknown-paths-key": "version: 1\nrules:\n  - {code: LAM107, paths: {exlude: [x]}}\n",
}


def loader_accepts(tmp_path: Path, text: str) -> bool:
    (tmp_path / ".git").mkdir(exist_ok=True)
    (tmp_path / "pack.yaml").write_text(textwrap.dedent(text), encoding="utf-8")
    try:
        load_project("pack.yaml", str(tmp_path))
    except UserError:
        return False
    return True


def schema_accepts(text: str) -> bool:
    validator = jsonschema.Draft202012Validator(json.loads(schema_text()))
    return validator.is_valid(yaml.safe_load(text))


def test_schema_command_prints_the_pack_schema() -> None:
    result = CliRunner().invoke(cli, ["schema"])
    assert result.exit_code == 0
    printed = json.loads(result.stdout)
    assert printed == json.loads(schema_text())
    jsonschema.Draft202012Validator.check_schema(printed)
    assert result.stdout == json.dumps(printed, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    assert CliRunner().invoke(cli, ["schema"]).stdout == result.stdout


@pytest.mark.parametrize("name", sorted(GOOD))
def test_good_pack_is_accepted_by_loader_and_schema(name: str, tmp_path: Path) -> None:
    assert (loader_accepts(tmp_path, GOOD[name]), schema_accepts(GOOD[name])) == (True, True)


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_pack_is_rejected_by_loader_and_schema(name: str, tmp_path: Path) -> None:
    assert (loader_accepts(tmp_path, BAD[name]), schema_accepts(BAD[name])) == (False, False)


@pytest.mark.parametrize("name", sorted(p.name for p in REPOSITORY_RULES.glob("*.yaml")))
def test_bundled_packs_are_valid_for_the_schema(name: str) -> None:
    document = yaml.safe_load((REPOSITORY_RULES / name).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(json.loads(schema_text())).validate(document)
