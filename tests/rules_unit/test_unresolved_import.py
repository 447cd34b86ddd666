"""LAM108: an import of a missing module of the project is kept unresolved (status missing,
its own dotted name, placed by the pack's globs) and never charged to the nearest existing
parent: no layer/domain rule reports the parent, and reach does not go through it."""

from __future__ import annotations

import textwrap
from pathlib import Path

from fixture_projects import index_of, run_project

from lamina.analysis import load_project
from lamina.layout.reach import Definition, ReachModel
from lamina.model.placement import TargetStatus

PACK = """\
version: 1
roots: ["."]
domains: {from: ["app/{domain}"], exclude: ["spine"]}
layers:
  - {name: spine, paths: ["app/spine/**"]}
  - {name: domain, paths: ["app/{domain}/**"]}
operations:
  register:
    - call: "**.register"
      receiver: ["registry"]
      name: [0]
      handler: [1]
      deps: cross_domain_deps
rules:
  - code: LAM103
    paths: {exclude: ["layer:spine"]}
"""

FILES = {
    "app/__init__.py": "",
    "app/spine/__init__.py": "",
    "app/orders/__init__.py": "",
    "app/orders/engine.py": "def run(): ...\n",
    # The billing package binds a name and re-exports its engine's function.
    "app/billing/__init__.py": "from app.billing.engine import charge\nRATE = 3\n",
    "app/billing/engine.py": "import app.orders.engine\ndef charge(): ...\n",
    "app/stock/__init__.py": "import app.orders.engine\n",
    "app/stock/engine.py": "def level(): ...\n",
}


def write(tmp_path: Path, files: dict[str, str]) -> Path:
    (tmp_path / ".git").mkdir()
    (tmp_path / "pyproject.toml").write_text('[tool.lamina]\npacks = ["pack.yaml"]\n', encoding="utf-8")
    (tmp_path / "pack.yaml").write_text(PACK, encoding="utf-8")
    for rel, text in {**FILES, **files}.items():
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return tmp_path


def test_a_missing_module_keeps_its_own_name_and_is_placed_by_globs(tmp_path: Path) -> None:
    root = write(tmp_path, {"app/orders/use.py": "import app.billing.gone.deep\nfrom app.billing import RATE\n"})
    missing, bound = index_of(root).imports["app/orders/use.py"]
    assert (missing.module, missing.status, missing.path) == ("app.billing.gone.deep", TargetStatus.MISSING, None)
    assert missing.placement.domain == "billing"  # what the globs say about app/billing/gone/deep.py
    assert (bound.module, bound.status, bound.path) == ("app.billing", TargetStatus.INTERNAL, "app/billing/__init__.py")


def test_only_lam108_reports_a_missing_module_and_never_against_the_parent(tmp_path: Path) -> None:
    root = write(
        tmp_path,
        {
            "app/orders/use.py": """\
                from app.billing.gone import Invoice
                from app.billing import RATE
            """,
            "app/orders/other.py": "import app.spine.missing\n",
        },
    )
    findings = run_project(root).findings
    found = sorted((f.path, f.line, f.code, f.message) for f in findings if f.path.startswith("app/orders/"))
    assert found == [
        (
            "app/orders/other.py", 1, "LAM108",
            "import of 'app.spine.missing': no such module in the project (nearest existing package: app.spine)",
        ),
        ("app/orders/use.py", 1, "LAM108",
         "import of 'app.billing.gone': no such module in the project (nearest existing package: app.billing)"),
        # The name bound by the package is an edge to it, as before.
        ("app/orders/use.py", 2, "LAM103", "'app.orders.use' (domain orders) imports 'app.billing' (domain billing)"),
    ]  # fmt: skip


def test_reach_does_not_go_through_the_parent_of_a_missing_module(tmp_path: Path) -> None:
    root = write(
        tmp_path,
        {
            "app/spine/ops.py": """\
                from app.stock.gone import Driver
                from app.billing import charge
                def register_all(registry):
                    registry.register("orders.a", Driver, cross_domain_deps=[])
                    registry.register("orders.b", charge, cross_domain_deps=[])
            """,
        },
    )
    index = index_of(root)
    spec = load_project(None, str(root)).operations
    assert spec is not None
    model = ReachModel(index, spec)
    from lamina.layout.operations import find_registrations

    first, second = find_registrations(index, spec, tuple(index.files))
    # Not app/stock/__init__.py (which reaches orders): the module does not exist.
    assert model.handler_definition(first) == Definition(None)
    # A name the package binds (a re-export) still leads to the package.
    assert model.handler_definition(second) == Definition("app/billing/__init__.py")
    # The importing module is charged with the domain its globs give the missing module.
    assert "stock" in model.module_reach("app/spine/ops.py")
