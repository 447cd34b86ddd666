"""The fact cache and the warm path: corrupt entries are recomputed, an unchanged tree
replays the result without importing heavy libraries, a changed file is seen."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from fixture_projects import TESTS

from lamina.analysis import RunSettings, check

HOC = TESTS / "fixtures" / "hoc_project"


def copy_tree(source: Path, target: Path) -> Path:
    import shutil

    shutil.copytree(source, target, ignore=shutil.ignore_patterns(".lamina_cache", "__pycache__"))
    (target / ".git").mkdir(exist_ok=True)
    return target


def findings_of(root: Path, **settings: object) -> list[tuple[str, int, str, str]]:
    result = check(None, str(root), RunSettings(**settings))  # type: ignore[arg-type]
    return [(f.path, f.line, f.code, f.message) for f in result.findings]


def test_corrupt_cache_entries_are_recomputed(tmp_path: Path) -> None:
    root = copy_tree(HOC, tmp_path / "p")
    first = findings_of(root)
    cache = root / ".lamina_cache"
    assert (cache / "CACHEDIR.TAG").exists() and (cache / ".gitignore").read_text() == "*\n"
    entries = [p for p in cache.rglob("*") if p.suffix in (".json", ".pack")]
    assert any(p.suffix == ".pack" for p in entries) and any(p.name == "index.json" for p in entries)
    for index, entry in enumerate(entries):
        entry.write_bytes([b"", b"{", b"[1, 2]", b"\x00\xff"][index % 4])
    assert findings_of(root) == first
    assert findings_of(root, no_cache=True) == first


@pytest.mark.parametrize("damage", ["truncate", "flip", "index outside", "pack gone"])
def test_a_damaged_pack_costs_only_recomputation(tmp_path: Path, damage: str) -> None:
    root = copy_tree(HOC, tmp_path / "p")
    first = check(None, str(root))
    (pack,) = (root / ".lamina_cache").rglob("*.pack")
    (index,) = (root / ".lamina_cache").rglob("index.json")
    data = pack.read_bytes()
    if damage == "truncate":
        pack.write_bytes(data[: len(data) // 2])
    elif damage == "flip":
        pack.write_bytes(data.replace(b"app", b"xyz"))
    elif damage == "index outside":
        index.write_text(index.read_text().replace(",0,", f",{len(data) * 2},"))
    else:
        pack.unlink()
    (root / "backend/app/__init__.py").write_text("# touched: the result cache must not answer\n")
    again = check(None, str(root))
    assert again.parsed > 1 and not again.from_cache
    assert [(f.path, f.line, f.code) for f in again.findings] == [(f.path, f.line, f.code) for f in first.findings]
    assert check(None, str(root)).from_cache


def test_warm_run_replays_and_a_change_is_seen(tmp_path: Path) -> None:
    root = copy_tree(HOC, tmp_path / "p")
    cold = check(None, str(root))
    warm = check(None, str(root))
    assert not cold.from_cache and warm.from_cache
    assert warm.findings == cold.findings
    target = root / "backend/app/hoc/cus/policies/L5_engines/rules_engine.py"
    target.write_text(target.read_text() + "\nfrom app.hoc.api.cus.policies import x\n")
    changed = check(None, str(root))
    assert not changed.from_cache
    assert len(changed.findings) > len(cold.findings)


WARM_PROBE = """
import sys
from lamina.cli.main import main
sys.argv = ["lamina", "check", "--format", "json"]
try:
    main()
except SystemExit:
    pass
heavy = sorted(m for m in ("networkx", "libcst", "jinja2", "yaml", "msgspec") if m in sys.modules)
print("HEAVY", heavy, file=sys.stderr)
"""


def test_warm_path_imports_no_heavy_library(tmp_path: Path) -> None:
    root = copy_tree(HOC, tmp_path / "p")
    run = lambda: subprocess.run([sys.executable, "-c", WARM_PROBE], cwd=root, capture_output=True, text=True)  # noqa: E731
    first, second = run(), run()
    assert json.loads(first.stdout) == json.loads(second.stdout)
    assert "HEAVY []" in second.stderr, second.stderr


def test_analyzed_code_is_never_executed(tmp_path: Path) -> None:
    root = copy_tree(HOC, tmp_path / "p")
    trap = root / "backend/app/db/session_bootstrap.py"
    assert "EXECUTED" in trap.read_text()
    findings_of(root, no_cache=True)
    findings_of(root, jobs=2)
    assert not any(p.name == "EXECUTED" for p in root.rglob("*"))
    assert not (tmp_path / "EXECUTED").exists()


def test_facts_without_code_serve_import_rules_and_are_replaced_when_a_call_rule_runs(tmp_path: Path) -> None:
    from lamina.analysis import load_project
    from lamina.cache.facts_store import FactsStore
    from lamina.cache.hashing import hash_files
    from lamina.cache.manifest import EMPTY_MANIFEST
    from lamina.discovery import discover
    from lamina.rules.catalog import catalog
    from lamina.version import CACHE_TAG

    root = copy_tree(HOC, tmp_path / "p")
    full_pack = (root / "pyproject.toml").read_text(encoding="utf-8")
    reading = sorted(code for code, kind in catalog().items() if kind.spec.reads_code)
    (root / "imports.yaml").write_text(f'version: 1\nextends: ["builtin:hoc"]\ndisable: [{", ".join(reading)}]\n')
    imports_only = full_pack.replace('"builtin:hoc"', '"imports.yaml"')
    assert imports_only != full_pack
    (root / "pyproject.toml").write_text(imports_only, encoding="utf-8")
    cold = check(None, str(root))
    store = FactsStore(str(root / ".lamina_cache"), CACHE_TAG)
    project = load_project(None, str(root))
    files = hash_files(project.root, discover(project).files, EMPTY_MANIFEST)
    stored = [store.load(f.content_hash, with_code=False) for f in files]
    assert all(stored)
    assert cold.parsed == len(cold.files) and any(not f.has_code for f in stored), "entries without code"

    (root / "pyproject.toml").write_text(full_pack, encoding="utf-8")
    full = check(None, str(root))
    assert 0 < full.parsed < len(full.files), "only entries without code are extracted again"
    assert [f.code for f in full.findings] == [
        f.code for f in check(None, str(root), RunSettings(no_cache=True)).findings
    ]
    assert {"LAM201", "LAM301", "LAM401"} <= {f.code for f in full.findings}

    (root / "pyproject.toml").write_text(imports_only + "\n", encoding="utf-8")
    again = check(None, str(root))
    assert again.parsed == 0 and not again.from_cache
    assert [f.code for f in again.findings] == [f.code for f in cold.findings]
