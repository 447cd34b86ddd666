"""LAM101 matrix entries found weak by mutation testing (``bash dev.sh mutate``): ``X@same`` and
``X@other`` in every order, sources without a domain, a zoned source in the message, and
transitive chains through unplaced modules, unchecked rows and domain entries."""

from __future__ import annotations

from pathlib import Path

from fixture_projects import pack_findings

DOMAIN_PACK = """\
version: 1
roots: ["."]
domains: {from: ["app/mid/{domain}", "app/lib/{domain}", "app/svc/{domain}"]}
layers:
  - {name: top, paths: ["app/top/**"]}
  - {name: mid, paths: ["app/mid/{domain}/**"]}
  - {name: svc, paths: ["app/svc/{domain}/**"]}
  - {name: lib, paths: ["app/lib/{domain}/**"]}
rules:
  - code: LAM101
    options:
      transitive: true
      matrix:
        top: ["lib@other"]
        mid: ["lib@same", "lib@other", svc]
        svc: ["lib@other", "lib@same", svc]
        lib: ["lib@other"]
"""


def _lam101(root: Path, pack: str, files: dict[str, str]) -> list[tuple[str, int, str]]:
    return pack_findings(root, pack, {"app/__init__.py": "", **files}, "LAM101")


def _packages(*dirs: str) -> dict[str, str]:
    return {f"{d}/__init__.py": "" for d in dirs}


def test_same_and_other_entries(tmp_path: Path) -> None:
    files = {
        **_packages("app/top", "app/mid", "app/mid/a", "app/svc", "app/svc/a", "app/lib", "app/lib/a", "app/lib/b"),
        "app/top/page.py": "import app.lib.a.x\n",  # no source domain: @other cannot hold
        "app/mid/a/m.py": "import app.lib.a.x\nimport app.lib.b.y\n",  # @same, then @other
        "app/svc/a/s.py": "import app.lib.a.x\nimport app.lib.b.y\n",  # @other, then @same
        "app/lib/a/x.py": "import app.lib.b.y\n",  # other domain: allowed
        "app/lib/b/y.py": "",
        "app/lib/b/z.py": "import app.lib.b.y\n",  # same domain: refused
    }
    assert _lam101(tmp_path, DOMAIN_PACK, files) == [
        ("app/lib/b/z.py", 1, "'app.lib.b.z' (lib, b) imports 'app.lib.b.y' (lib, b)"),
        ("app/top/page.py", 1, "'app.top.page' (top) imports 'app.lib.a.x' (lib, a)"),
    ]


def test_chains_follow_domain_entries(tmp_path: Path) -> None:
    # Every edge is allowed (svc: lib@same, lib: lib@other) and mid's row allows both ends
    # reached (lib@same for lib(a), lib@other for lib(b)): no chain finding.
    files = {
        **_packages("app/mid", "app/mid/a", "app/svc", "app/svc/a", "app/lib", "app/lib/a", "app/lib/b"),
        "app/mid/a/m.py": "import app.svc.a.s\n",
        "app/svc/a/s.py": "import app.lib.a.x\n",
        "app/lib/a/x.py": "import app.lib.b.y\n",
        "app/lib/b/y.py": "",
    }
    assert _lam101(tmp_path, DOMAIN_PACK, files) == []


ZONED_PACK = """\
version: 1
roots: ["."]
layers:
  - {name: top, paths: ["app/top/**"]}
  - {name: api, paths: ["app/api/**"]}
  - {name: core, paths: ["app/core/**"], zones: {models: ["app/core/models/**"]}}
rules:
  - code: LAM101
    options: {transitive: true, matrix: {api: [api, core], core: [core]}}
"""


def test_a_zoned_source_is_named_by_its_layer(tmp_path: Path) -> None:
    files = {
        **_packages("app/top", "app/api", "app/core", "app/core/models"),
        "app/top/t.py": "",
        "app/api/v.py": "",
        "app/core/models/order.py": "import app.api.v\n",
    }
    assert _lam101(tmp_path, ZONED_PACK, files) == [
        ("app/core/models/order.py", 1, "'app.core.models.order' (core) imports 'app.api.v' (api)"),
    ]


def test_chains_pass_through_unplaced_modules(tmp_path: Path) -> None:
    files = {
        **_packages("app/top", "app/api", "app/core", "app/util"),
        "app/top/t.py": "",
        "app/api/v.py": "import app.util.u\n",
        "app/util/u.py": "import app.top.t\n",  # unplaced: its imports are never checked
    }
    assert _lam101(tmp_path, ZONED_PACK, files) == [
        ("app/api/v.py", 1, "'app.api.v' (api) reaches 'app.top.t' (top) via app.util.u -> app.top.t"),
    ]


UNCHECKED_PACK = """\
version: 1
roots: ["."]
layers:
  - {name: top, paths: ["app/top/**"]}
  - {name: api, paths: ["app/api/**"]}
  - {name: core, paths: ["app/core/**"]}
rules:
  - code: LAM101
    options: {transitive: true, matrix: {api: [api, core]}}
"""


def test_chains_pass_through_unchecked_rows(tmp_path: Path) -> None:
    # core has no row and the default is unchecked: core -> top is followed.
    files = {
        **_packages("app/top", "app/api", "app/core"),
        "app/top/t.py": "",
        "app/api/v.py": "import app.core.c\n",
        "app/core/c.py": "import app.top.t\n",
    }
    assert _lam101(tmp_path, UNCHECKED_PACK, files) == [
        ("app/api/v.py", 1, "'app.api.v' (api) reaches 'app.top.t' (top) via app.core.c -> app.top.t"),
    ]
