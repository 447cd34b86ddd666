"""``lamina init``: a starter configuration from folder names, written without destroying
an existing pyproject.toml, never over an existing configuration unless ``--force``."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from lamina.analysis import load_project
from lamina.cli.main import cli

TREE = (
    "src/shop/__init__.py", "src/shop/api/__init__.py", "src/shop/api/orders.py",
    "src/shop/services/billing/charge.py", "src/shop/models/order.py",
    "src/shop/blog/__init__.py", "src/shop/blog/views.py", "src/shop/blog/models.py",
    "src/shop/core/util.py",  # ambiguous name: no layer
    "tests/api/test_orders.py",  # tests are never a layer
    "src/shop/api/models/dto.py",  # inside a matched folder: stays in api
)
EXPECTED_PACK = """\
# lamina rule pack, written by `lamina init` from the folder names of this tree.
# Check the layers, then run `lamina check`. Reference: `lamina rules`,
# `lamina explain CODE`, and `lamina schema` (JSON Schema for editor completion).
version: 1
roots: ["src"]

# Layers from the top (callers) to the bottom (callees). A file belongs to the layer of
# its most specific matching glob; files in no layer are not checked by LAM101.
layers:
  - {name: api, paths: ["shop/api/**", "shop/blog/views.py"]}
  - {name: services, paths: ["shop/services/**"]}
  - {name: models, paths: ["shop/blog/models.py", "shop/models/**"]}

rules:
  # Each layer may import itself and the layers below it, never a layer above.
  - code: LAM101
    id: layer-direction
    options:
      matrix:
        api: ["api", "services", "models"]
        services: ["services", "models"]
        models: ["models"]
  # Import cycles, the shortest one per tangle; a warning until you decide to gate on it.
  - code: LAM107
    id: import-cycles
    severity: warning
"""
TABLE = """\
[tool.lamina]
# Written by `lamina init`. Reference: `lamina rules`, `lamina explain CODE`.
packs = ["lamina.yaml"]
fail_on = "error"
baseline = "lamina-baseline.json"
"""


def make_tree(root: Path, files: tuple[str, ...] = TREE) -> Path:
    (root / ".git").mkdir(parents=True)
    for rel in files:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("", encoding="utf-8")
    return root


def init(root: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[int, str, str]:
    monkeypatch.chdir(root)
    result = CliRunner().invoke(cli, ["init", *args])
    return result.exit_code, result.stdout, result.stderr


def test_init_writes_a_pack_from_folder_names_and_a_new_pyproject(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_tree(tmp_path)
    code, out, _ = init(root, monkeypatch)
    assert code == 0
    assert (root / "lamina.yaml").read_text(encoding="utf-8") == EXPECTED_PACK
    assert (root / "pyproject.toml").read_text(encoding="utf-8") == TABLE
    assert "lamina check" in out and "lamina baseline" in out  # what to run next
    project = load_project(None, str(root))  # the starter is a valid configuration
    assert [layer.name for layer in project.layers] == ["api", "services", "models"]
    monkeypatch.chdir(root)
    assert CliRunner().invoke(cli, ["check", "--no-cache"]).exit_code == 0


def test_init_appends_to_an_existing_pyproject_and_keeps_every_byte(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_tree(tmp_path)
    original = '[project]\nname = "shop"  # keep me\n\n[tool.ruff]\nline-length = 100\n'
    (root / "pyproject.toml").write_text(original, encoding="utf-8")
    os.chmod(root / "pyproject.toml", 0o640)
    assert init(root, monkeypatch)[0] == 0
    assert (root / "pyproject.toml").read_text(encoding="utf-8") == original + "\n" + TABLE
    assert stat.S_IMODE(os.stat(root / "pyproject.toml").st_mode) == 0o640


@pytest.mark.parametrize("existing", ["pyproject", "pack"])
def test_init_refuses_to_overwrite_a_configuration(
    existing: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_tree(tmp_path)
    if existing == "pyproject":
        (root / "pyproject.toml").write_text('[tool.lamina]\npacks = ["mine.yaml"]\n', encoding="utf-8")
    else:
        (root / "lamina.yaml").write_text("version: 1\n", encoding="utf-8")
    before = {p.name: p.read_bytes() for p in root.iterdir() if p.is_file()}
    code, _, err = init(root, monkeypatch)
    assert code == 2
    assert "already exists" in err and "--force" in err and "Traceback" not in err
    assert {p.name: p.read_bytes() for p in root.iterdir() if p.is_file()} == before


def test_force_replaces_only_the_lamina_table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_tree(tmp_path)
    head, tail = '[project]\nname = "shop"\n\n', '\n[tool.ruff]\nline-length = 100\n'
    old = '[tool.lamina]\npacks = [\n  "old.yaml",\n]\nfail_on = "warning"\n'
    (root / "pyproject.toml").write_text(head + old + tail, encoding="utf-8")
    (root / "lamina.yaml").write_text("version: 1\n", encoding="utf-8")
    assert init(root, monkeypatch, "--force")[0] == 0
    assert (root / "pyproject.toml").read_text(encoding="utf-8") == head + TABLE + tail
    assert (root / "lamina.yaml").read_text(encoding="utf-8") == EXPECTED_PACK


def test_force_refuses_a_layout_it_cannot_rewrite_safely(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_tree(tmp_path)
    (root / "pyproject.toml").write_text('[tool]\nlamina.packs = ["old.yaml"]\n', encoding="utf-8")
    code, _, err = init(root, monkeypatch, "--force")
    assert code == 2 and "cannot rewrite [tool.lamina]" in err
    assert not (root / "lamina.yaml").exists()


def test_invalid_pyproject_is_a_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_tree(tmp_path)
    (root / "pyproject.toml").write_text("[project\n", encoding="utf-8")
    code, _, err = init(root, monkeypatch)
    assert code == 2 and "not valid TOML" in err


def test_preset_hoc_extends_the_bundled_pack_and_finds_the_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_tree(tmp_path, ("backend/app/__init__.py", "backend/app/hoc/api/x.py"))
    assert init(root, monkeypatch, "--preset", "hoc")[0] == 0
    pack = (root / "lamina.yaml").read_text(encoding="utf-8")
    assert 'extends: ["builtin:hoc"]\nroots: ["backend"]\n' in pack
    project = load_project(None, str(root))
    assert project.packs == ("builtin:hoc", "lamina.yaml") and project.roots == ("backend",)


def test_tree_without_layer_folders_gets_a_commented_template(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_tree(tmp_path, ("pkg/__init__.py", "pkg/stuff.py"))
    code, out, _ = init(root, monkeypatch)
    assert code == 0 and "no layer-like folder" in out
    pack = (root / "lamina.yaml").read_text(encoding="utf-8")
    assert 'roots: ["."]' in pack and "# layers:" in pack
    assert load_project(None, str(root)).layers == ()
