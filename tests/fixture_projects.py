"""Shared test helpers: fixture projects with inline ``# expect: CODE`` markers."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from lamina.analysis import RunSettings, analyze, load_project
from lamina.model.result import AnalysisResult

if TYPE_CHECKING:
    from lamina.layout.index import ImportIndex

TESTS = Path(__file__).parent
EXPECT = re.compile(r"#\s*expect:\s*((?:LAM\d{3}\s*,?\s*)+)")


def expected_findings(project_dir: Path) -> Counter[tuple[str, int, str]]:
    """Markers ``# expect: CODE[, CODE]`` on finding lines (a code listed twice expects
    two findings), plus ``expected.txt`` lines
    ``path:line: CODE`` for findings that cannot carry a marker (packs, undecodable files)."""
    expected: Counter[tuple[str, int, str]] = Counter()
    for path in sorted(project_dir.rglob("*.py")):
        rel = path.relative_to(project_dir).as_posix()
        text = path.read_bytes().decode("utf-8", errors="replace")
        for number, line in enumerate(text.splitlines(), start=1):
            for match in EXPECT.finditer(line):
                for code in re.findall(r"LAM\d{3}", match.group(1)):
                    expected[(rel, number, code)] += 1
    listing = project_dir / "expected.txt"
    if not listing.exists():
        return expected
    # With expected.txt, the listing is the complete multiset (it can name findings that
    # cannot carry a marker); every inline marker must appear in it as well.
    listed: Counter[tuple[str, int, str]] = Counter()
    for raw in listing.read_text(encoding="utf-8").splitlines():
        raw = raw.split("#", 1)[0].strip()
        if not raw:
            continue
        location, code = raw.rsplit(" ", 1)
        path, line = location.rstrip(":").rsplit(":", 1)
        listed[(path, int(line), code)] += 1
    unlisted = set(expected) - set(listed)
    if unlisted:
        raise AssertionError(f"inline markers missing from {listing}: {sorted(unlisted)}")
    return listed


def index_of(root: Path) -> ImportIndex:
    """The import index of the project at ``root`` (no cache): the rule-unit tests read
    placements, resolved imports and reach from it directly."""
    from lamina.cache.hashing import hash_files
    from lamina.cache.manifest import EMPTY_MANIFEST
    from lamina.discovery import discover
    from lamina.extract.collect import collect
    from lamina.layout.index import build_index
    from lamina.layout.placement import Placer, derive_domains

    project = load_project(None, str(root))
    found = discover(project)
    files = hash_files(project.root, found.files, EMPTY_MANIFEST)
    collected = collect(project.root, files, None, jobs=1)
    domains = derive_domains(project, [s.rel for s in files])
    return build_index(files, collected.facts, Placer(project, domains), found.namespace_modules)


def run_project(project_dir: Path, **settings: object) -> AnalysisResult:
    project = load_project(None, str(project_dir))
    return analyze(project, RunSettings(no_cache=True, **settings))  # type: ignore[arg-type]


def actual_findings(result: AnalysisResult) -> Counter[tuple[str, int, str]]:
    """Findings as a multiset: two findings of one code on one line need two markers."""
    return Counter((f.path, f.line, f.code) for f in result.findings)


# A two-layer project (api above core) shared by the command-line tests: `app/core/model.py`
# is the file the tests break (a lazy import back up into api) and fix.
TWO_LAYER_PACK = """\
version: 1
layers:
  - {name: api, paths: ["app/api/**"]}
  - {name: core, paths: ["app/core/**"]}
rules:
  - code: LAM101
    id: direction
    options: {matrix: {api: [api, core], core: [core]}}
"""
MODEL_VIOLATING = "def load():\n    from app.api import views\n"
MODEL_CLEAN = "def load():\n    return 1\n"


def two_layer_files(pack: str = TWO_LAYER_PACK, model: str = MODEL_VIOLATING) -> dict[str, str]:
    return {
        "pyproject.toml": '[tool.lamina]\npacks = ["pack.yaml"]\n',
        "pack.yaml": pack,
        "app/__init__.py": "",
        "app/api/__init__.py": "",
        "app/api/views.py": "from app.core import model\n",
        "app/core/__init__.py": "",
        "app/core/model.py": model,
    }


PACK_PYPROJECT = '[tool.lamina]\npacks = ["pack.yaml"]\n'


def pack_findings(root: Path, pack: str, files: dict[str, str], code: str) -> list[tuple[str, int, str]]:
    """Write a project configured by ``pack`` (as pack.yaml) with ``files``, analyse it without
    a cache, and return the (path, line, message) of its findings of ``code``, sorted."""
    write_files(root, {"pyproject.toml": PACK_PYPROJECT, "pack.yaml": pack, **files})
    return sorted((f.path, f.line, f.message) for f in run_project(root).findings if f.code == code)


def write_files(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root
