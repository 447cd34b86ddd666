"""Tests that kill three mutations which used to survive the whole suite (issue 16):
LAM101's ``default: lower`` same-layer comparison (``>=`` made ``>``), the ``X:zone`` matrix
entries (the zone test deleted), and LAM107's tie-break between equally short cycles."""

from __future__ import annotations

from pathlib import Path

from fixture_projects import PACK_PYPROJECT, run_project, write_files


def _findings(root: Path, pack: str, files: dict[str, str]) -> list[tuple[str, str, int, str, str]]:
    write_files(root, {"pyproject.toml": PACK_PYPROJECT, "pack.yaml": pack, "app/__init__.py": "", **files})
    result = run_project(root)
    return sorted((f.code, f.path, f.line, f.message, f.fingerprint) for f in result.findings)


LOWER_PACK = """\
version: 1
roots: ["."]
layers:
  - {name: api, paths: ["app/api/**"]}
  - {name: core, paths: ["app/core/**"]}
  - {name: base, paths: ["app/base/**"]}
rules:
  - code: LAM101
    options: {default: lower, transitive: true, matrix: {base: [base, core]}}
"""


def test_default_lower_allows_the_own_layer_directly_and_in_chains(tmp_path: Path) -> None:
    files = {
        "app/api/__init__.py": "",
        "app/api/views.py": "from app.api import forms\nfrom app.core import service\n",
        "app/api/forms.py": "",
        "app/core/__init__.py": "",
        # core -> base (lower) -> core: each edge is allowed (base's row lists core), and the
        # chain's end is core's own layer, which ``lower`` allows too.
        "app/core/service.py": "from app.core import model\nfrom app.base import util\n",
        "app/core/model.py": "",
        "app/core/other.py": "",
        "app/base/__init__.py": "",
        "app/base/util.py": "from app.core import other\n",
    }
    assert _findings(tmp_path, LOWER_PACK, files) == []


def test_default_lower_still_refuses_upward_imports(tmp_path: Path) -> None:
    files = {
        "app/api/__init__.py": "",
        "app/api/views.py": "",
        "app/core/__init__.py": "",
        "app/core/service.py": "from app.api import views\n",
        "app/base/__init__.py": "",
    }
    found = _findings(tmp_path, LOWER_PACK, files)
    assert [(code, path, line) for code, path, line, _, _ in found] == [("LAM101", "app/core/service.py", 1)]


ZONE_PACK = """\
version: 1
roots: ["."]
layers:
  - {name: api, paths: ["app/api/**"]}
  - {name: core, paths: ["app/core/**"], zones: {services: ["app/core/services/**"], models: ["app/core/models/**"]}}
rules:
  - code: LAM101
    options: {matrix: {api: [api, "core:services"], core: [core]}}
"""


def test_a_zone_entry_allows_only_its_zone(tmp_path: Path) -> None:
    files = {
        "app/api/__init__.py": "",
        "app/api/views.py": "from app.core.services import orders\nfrom app.core.models import order\n",
        "app/core/__init__.py": "",
        "app/core/services/__init__.py": "",
        "app/core/services/orders.py": "",
        "app/core/models/__init__.py": "",
        "app/core/models/order.py": "",
    }
    found = _findings(tmp_path, ZONE_PACK, files)
    assert [(code, path, line, message) for code, path, line, message, _ in found] == [
        ("LAM101", "app/api/views.py", 2,
         "'app.api.views' (api) imports 'app.core.models.order' (core:models)"),
    ]  # fmt: skip


CYCLE_PACK = """\
version: 1
roots: ["."]
rules:
  - {code: LAM107, id: no-import-cycles}
"""


def test_equally_short_cycles_report_the_first_by_module_name(tmp_path: Path) -> None:
    # Two 2-cycles through app.a (via app.b and via app.c) and two 3-cycles through app.p
    # (via app.r -> app.s and via app.q -> app.s): the smallest neighbour wins each tie.
    files = {
        "app/a.py": "import app.c\nimport app.b\n",
        "app/b.py": "import app.a\n",
        "app/c.py": "import app.a\n",
        "app/p.py": "import app.r\nimport app.q\n",
        "app/q.py": "import app.s\n",
        "app/r.py": "import app.s\n",
        "app/s.py": "import app.p\n",
    }
    found = _findings(tmp_path, CYCLE_PACK, files)
    assert [(code, path, line, message) for code, path, line, message, _ in found] == [
        ("LAM107", "app/a.py", 2, "import cycle: app.a -> app.b -> app.a"),
        ("LAM107", "app/p.py", 2, "import cycle: app.p -> app.q -> app.s -> app.p"),
    ]
    # The fingerprint (and so the baseline) follows the reported cycle: rewriting the files
    # in another order gives the same one.
    again = _findings(tmp_path / "again", CYCLE_PACK, dict(reversed(list(files.items()))))
    assert [f[4] for f in again] == [f[4] for f in found]


def test_cycles_through_importlib_edges_follow_the_option(tmp_path: Path) -> None:
    files = {
        "app/a.py": "import app.b\n",
        "app/b.py": "import importlib\nimportlib.import_module('app.a')\n",
    }
    assert _findings(tmp_path / "default", CYCLE_PACK, files) == []
    pack = CYCLE_PACK.replace(
        "id: no-import-cycles}", "id: no-import-cycles, options: {imports: {importlib: include}}}"
    )
    found = _findings(tmp_path / "included", pack, files)
    assert [(code, message) for code, _, _, message, _ in found] == [
        ("LAM107", "import cycle: app.a -> app.b -> app.a")
    ]


def test_a_cycle_out_of_scope_does_not_hide_the_next(tmp_path: Path) -> None:
    pack = CYCLE_PACK.replace("id: no-import-cycles}", "id: no-import-cycles, paths: {exclude: [\"app/a.py\"]}}")
    files = {
        "app/a.py": "import app.b\n",
        "app/b.py": "import app.a\n",
        "app/x.py": "import app.y\n",
        "app/y.py": "import app.x\n",
    }
    found = _findings(tmp_path, pack, files)
    assert [(code, path, message) for code, path, _, message, _ in found] == [
        ("LAM107", "app/x.py", "import cycle: app.x -> app.y -> app.x"),
    ]


def test_default_lower_chains_reach_upper_layers_through_unplaced_modules(tmp_path: Path) -> None:
    pack = """\
version: 1
roots: ["."]
layers:
  - {name: zeta, paths: ["app/zeta/**"], zones: {pub: ["app/zeta/pub/**"]}}
  - {name: core, paths: ["app/core/**"]}
rules:
  - code: LAM101
    options: {default: lower, transitive: true}
"""
    files = {
        "app/zeta/__init__.py": "", "app/zeta/pub/__init__.py": "", "app/zeta/pub/z.py": "",
        "app/core/__init__.py": "", "app/core/x.py": "import app.util.u\n",
        "app/util/__init__.py": "", "app/util/u.py": "import app.zeta.pub.z\n",  # unplaced: never checked
    }  # fmt: skip
    found = _findings(tmp_path, pack, files)
    assert [(code, path, message) for code, path, _, message, _ in found] == [
        ("LAM101", "app/core/x.py",
         "'app.core.x' (core) reaches 'app.zeta.pub.z' (zeta:pub) via app.util.u -> app.zeta.pub.z"),
    ]


def test_default_lower_chains_do_not_follow_refused_edges(tmp_path: Path) -> None:
    pack = """\
version: 1
roots: ["."]
layers:
  - {name: zeta, paths: ["app/zeta/**"]}
  - {name: core, paths: ["app/core/**"]}
  - {name: base, paths: ["app/base/**"]}
rules:
  - code: LAM101
    options: {default: lower, transitive: true}
"""
    files = {
        "app/zeta/__init__.py": "", "app/zeta/z.py": "",
        "app/core/__init__.py": "", "app/core/x.py": "import app.base.b\n",
        "app/base/__init__.py": "", "app/base/b.py": "import app.zeta.z\n",  # refused, reported here only
    }  # fmt: skip
    found = _findings(tmp_path, pack, files)
    assert [(code, path, message) for code, path, _, message, _ in found] == [
        ("LAM101", "app/base/b.py", "'app.base.b' (base) imports 'app.zeta.z' (zeta)"),
    ]
