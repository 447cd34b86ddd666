"""The shared operations model (layout.operations, layout.reach): registration matching,
handler resolution, reach, follow_roles and the docs/reports.md#cross-domain reach."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from fixture_projects import index_of

from lamina.analysis import load_project
from lamina.layout.index import ImportIndex
from lamina.layout.operations import (
    DepsState,
    Registration,
    compile_patterns,
    declared_domains,
    domain_of,
    find_executions,
    find_registrations,
)
from lamina.layout.reach import Definition, ReachModel, cross_domain_reach, operation_domains
from lamina.model.facts import ArgFact, ArgKind, CallFact
from lamina.model.project import CallPattern, OperationsSpec

PACK = """\
version: 1
roots: ["."]
domains: {from: ["app/{domain}"], exclude: ["spine"]}
layers:
  - {name: spine, paths: ["app/spine/**"]}
  - {name: domain, paths: ["app/{domain}/**"]}
roles:
  coordinator: {paths: ["app/spine/coordinators/*.py"], allow_empty: true}
operations:
  register:
    - call: "**.register"
      receiver: ["registry", "_registry", "*operation_registry*"]
      name: [0, name, operation]
      handler: [1, handler]
      deps: cross_domain_deps
    - decorator: "**.operation"
      name: [0, name]
      deps: cross_domain_deps
  execute:
    - call: "**.execute"
      receiver: ["registry", "_registry", "*operation_registry*"]
      name: [0, name, operation]
  domain_access:
    - call: "**.domains.get"
      name: [0]
  follow_roles: [coordinator]
  aliases: {traces: logs}
"""

ENGINES = {
    "app/orders/engine.py": "def run(): ...\n",
    "app/billing/engine.py": "def charge(): ...\n",
    "app/stock/engine.py": "def level(): ...\n",
    "app/logs/engine.py": "def log(): ...\n",
}


def build(tmp_path: Path, files: dict[str, str]) -> tuple[ImportIndex, OperationsSpec]:
    (tmp_path / ".git").mkdir()
    (tmp_path / "pyproject.toml").write_text('[tool.lamina]\npacks = ["pack.yaml"]\n', encoding="utf-8")
    (tmp_path / "pack.yaml").write_text(PACK, encoding="utf-8")
    for rel, text in {**ENGINES, **files}.items():
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    project = load_project(None, str(tmp_path))
    index = index_of(tmp_path)
    assert project.operations is not None
    return index, project.operations


def registrations(index: ImportIndex, spec: OperationsSpec) -> dict[str, Registration]:
    found = find_registrations(index, spec, tuple(index.files))
    return {r.name or f"<{r.fact.line}>": r for r in found}


def call(text: str, *, decorator_of: str | None = None) -> CallFact:
    return CallFact(text, None, "<module>", 1, 1, 1, 2, False, (), (), decorator_of=decorator_of)


# -- call patterns --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("registry.register", True),
        ("self._registry.register", True),
        ("get_operation_registry().register", True),
        ("app.operation_registry.register", True),
        ("skill_registry.register", False),
        ("register", False),  # a pattern with receiver never matches a bare call
        ("registry.register.now", False),
    ],
)
def test_receiver_globs_match_the_last_receiver_segment(text: str, expected: bool) -> None:
    pattern = CallPattern(call="**.register", receiver=("registry", "_registry", "*operation_registry*"))
    (compiled,) = compile_patterns((pattern,))
    assert compiled.matches(call(text)) is expected


def test_pattern_without_receiver_matches_bare_calls_and_decorator_patterns_only_decorators() -> None:
    plain, decorator = compile_patterns((CallPattern(call="**.register"), CallPattern(decorator="**.operation")))
    assert plain.matches(call("register"))
    assert not decorator.matches(call("operation"))
    assert decorator.matches(call("operation", decorator_of="handle"))
    assert decorator.matches(call("ops.operation", decorator_of="Handler"))


def test_domain_of_maps_the_first_segment_through_aliases() -> None:
    spec = OperationsSpec(aliases=(("traces", "logs"), ("orders.legacy", "archive")))
    assert domain_of("billing.charge", spec) == "billing"
    assert domain_of("traces.get", spec) == "logs"
    assert domain_of("tracesx.get", spec) == "tracesx"
    assert domain_of("orders.legacy.list", spec) == "archive"
    assert domain_of("orders.list", spec) == "orders"


# -- registrations --------------------------------------------------------------------


def test_registration_facts_name_deps_and_handler(tmp_path: Path) -> None:
    index, spec = build(
        tmp_path,
        {
            "app/spine/ops.py": """\
                def register_all(registry, options, kind):
                    registry.register(
                        'orders.a',
                        AHandler(),
                        cross_domain_deps=["billing.x", 'traces.y'],
                    )
                    registry.register(name="orders.b", handler=b_handler)
                    registry.register("orders.c", CHandler(), cross_domain_deps=DEPS)
                    registry.register("orders.d", CHandler(), **options)
                    registry.register(f"orders.{kind}", CHandler(), cross_domain_deps=[])
                    skill_registry.register("orders.skill", CHandler())

                @operation("orders.e", cross_domain_deps=())
                def e_handler(ctx): ...
            """,
        },
    )
    found = registrations(index, spec)
    assert sorted(found) == ["<10>", "orders.a", "orders.b", "orders.c", "orders.d", "orders.e"]
    a = found["orders.a"]
    assert (a.fact.line, a.deps_state, a.deps) == (2, DepsState.LITERAL, ("billing.x", "traces.y"))
    assert a.handler == ArgFact(ArgKind.CALL, "AHandler")
    assert declared_domains(a, spec) == {"billing", "logs"}
    assert found["orders.b"].deps_state is DepsState.ABSENT
    assert found["orders.b"].handler == ArgFact(ArgKind.NAME, "b_handler")
    assert found["orders.c"].deps_state is DepsState.NOT_LITERAL
    assert found["orders.d"].deps_state is DepsState.NOT_LITERAL
    assert found["orders.e"].deps_state is DepsState.LITERAL and found["orders.e"].deps == ()
    assert found["orders.e"].fact.decorator_of == "e_handler"
    assert found["<10>"].name is None


def test_executions_keep_literal_names_on_any_line(tmp_path: Path) -> None:
    index, spec = build(
        tmp_path,
        {
            "app/orders/api.py": """\
                async def f(registry, name):
                    await registry.execute(
                        "logs.pdf",
                        tenant_id=1,
                    )
                    registry.execute(operation="orders.list")
                    registry.execute(name)
                    job_queue.execute("logs.pdf")
            """,
        },
    )
    found = find_executions(index, spec, ("app/orders/api.py",))
    assert [(e.fact.line, e.name) for e in found] == [(2, "logs.pdf"), (6, "orders.list"), (7, None)]


# -- handler definitions --------------------------------------------------------------


def test_handler_definitions(tmp_path: Path) -> None:
    index, spec = build(
        tmp_path,
        {
            "app/spine/__init__.py": "",
            "app/spine/handlers.py": """\
                class ImportedHandler: ...
                def imported_function(ctx): ...
            """,
            "app/spine/ops.py": """\
                import app.spine.handlers
                from app.spine import handlers as hs
                from .handlers import ImportedHandler as Renamed
                from external.lib import ExternalHandler

                class LocalHandler: ...
                def local_handler(ctx): ...

                @operation("orders.decorated", cross_domain_deps=[])
                class Decorated: ...

                @registry.register("orders.via_call", cross_domain_deps=[])
                def via_call(ctx): ...

                def register_all(registry, handler):
                    from app.spine.handlers import imported_function
                    registry.register("orders.local", LocalHandler(), cross_domain_deps=[])
                    registry.register("orders.local_fn", local_handler, cross_domain_deps=[])
                    registry.register("orders.renamed", Renamed(), cross_domain_deps=[])
                    registry.register("orders.lazy", imported_function, cross_domain_deps=[])
                    registry.register("orders.dotted", hs.ImportedHandler(), cross_domain_deps=[])
                    registry.register("orders.full", app.spine.handlers.ImportedHandler(), cross_domain_deps=[])
                    registry.register("orders.module", hs.Missing(), cross_domain_deps=[])
                    registry.register("orders.external", ExternalHandler(), cross_domain_deps=[])
                    registry.register("orders.param", handler, cross_domain_deps=[])
                    registry.register("orders.none", cross_domain_deps=[])
            """,
        },
    )
    model = ReachModel(index, spec)
    found = registrations(index, spec)
    ops, handlers = "app/spine/ops.py", "app/spine/handlers.py"
    expected = {
        "orders.decorated": Definition(ops, "Decorated"),
        "orders.via_call": Definition(ops, "via_call"),  # a call pattern matching a decorator call
        "orders.local": Definition(ops, "LocalHandler"),
        "orders.local_fn": Definition(ops, "local_handler"),
        "orders.renamed": Definition(handlers, "ImportedHandler"),
        "orders.lazy": Definition(handlers, "imported_function"),
        "orders.dotted": Definition(handlers, "ImportedHandler"),
        "orders.full": Definition(handlers, "ImportedHandler"),
        "orders.module": Definition(handlers),
        "orders.external": Definition(None),
        "orders.param": Definition(ops),
        "orders.none": Definition(ops),
    }
    assert {name: model.handler_definition(found[name]) for name in expected} == expected


# -- reach ----------------------------------------------------------------------------

HANDLERS = """\
    from typing import TYPE_CHECKING
    from app.orders.engine import run
    if TYPE_CHECKING:
        from app.stock.engine import level

    class PlaceHandler:
        def execute(self, ctx):
            from app.billing.engine import charge
            ctx.domains.get("logs")

    class QueryHandler:
        def execute(self, ctx, name):
            ctx.domains.get(name)
            ctx.domains.get("nowhere")

    class CoordinatedHandler:
        def execute(self, ctx):
            from app.spine.coordinators.first import First
            First().run()

    class HelpedHandler:
        def execute(self, ctx):
            from app.spine.helper import helped
            helped()

    def register_all(registry):
        registry.register("orders.place", PlaceHandler(), cross_domain_deps=[])
        registry.register("orders.query", QueryHandler(), cross_domain_deps=[])
        registry.register("orders.coordinated", CoordinatedHandler(), cross_domain_deps=[])
        registry.register("orders.helped", HelpedHandler(), cross_domain_deps=[])
        registry.register("billing.place", PlaceHandler(), cross_domain_deps=[])
"""

SPINE = {
    "app/spine/handlers.py": HANDLERS,
    # first → second (coordinators) → helper (no role): only coordinators are followed.
    "app/spine/coordinators/first.py": """\
        from app.spine.coordinators import second
        class First:
            def run(self):
                self.domains.get("billing")
                second.go()
    """,
    "app/spine/coordinators/second.py": """\
        from app.spine.helper import helped
        def go():
            from app.stock.engine import level
    """,
    "app/spine/helper.py": "from app.logs.engine import log\ndef helped(): log()\n",
}


def test_reach_is_per_definition_and_follows_only_follow_roles(tmp_path: Path) -> None:
    index, spec = build(tmp_path, SPINE)
    found = registrations(index, spec)
    actual = operation_domains(index, spec, tuple(found.values()))
    assert actual[found["orders.place"]] == {"billing", "logs"}  # module-level orders is the own domain
    assert actual[found["orders.query"]] == set()  # non-literal and unknown names count nothing
    assert actual[found["orders.coordinated"]] == {"billing", "stock"}  # helper (no role) is not followed
    assert actual[found["orders.helped"]] == set()  # helper has no domain and no follow role
    assert actual[found["billing.place"]] == {"logs"}  # the module-level ``run`` (orders) is not used by it

    model = ReachModel(index, spec)
    place = model.handler_definition(found["orders.place"])
    assert model.reach(place) == {"billing", "logs"}  # the module-level ``run`` is not used by it
    assert model.module_reach("app/spine/handlers.py") == {"orders", "billing", "logs"}  # TYPE_CHECKING never


def test_cross_domain_reach_of_files(tmp_path: Path) -> None:
    index, spec = build(tmp_path, SPINE)
    reach = cross_domain_reach(
        index, spec, ("app/spine/handlers.py", "app/spine/coordinators/first.py", "app/spine/helper.py")
    )
    assert reach == {
        "app/spine/handlers.py": {"orders", "billing", "logs", "stock"},
        "app/spine/coordinators/first.py": {"billing", "stock"},
        "app/spine/helper.py": {"logs"},
    }


def test_follow_cycles_terminate(tmp_path: Path) -> None:
    index, spec = build(
        tmp_path,
        {
            "app/spine/coordinators/a.py": "from app.spine.coordinators import b\nfrom app.billing.engine import charge\ndef f(): charge(); b.f()\n",  # noqa: E501
            "app/spine/coordinators/b.py": "from app.spine.coordinators import a\nfrom app.stock.engine import level\ndef f(): level(); a.f()\n",  # noqa: E501
            "app/spine/ops.py": """\
                from app.spine.coordinators import a
                def register_all(registry):
                    registry.register("orders.x", a, cross_domain_deps=[])
            """,
        },
    )
    (registration,) = find_registrations(index, spec, ("app/spine/ops.py",))
    model = ReachModel(index, spec)
    assert model.handler_definition(registration) == Definition("app/spine/coordinators/a.py")
    assert model.actual_domains(registration) == {"billing", "stock"}


def test_class_body_imports_belong_to_their_class(tmp_path: Path) -> None:
    index, spec = build(
        tmp_path,
        {
            "app/spine/ops.py": """\
                try:
                    from app.logs.engine import log
                except ImportError:
                    log = None

                class BillingHandler:
                    from app.billing.engine import charge

                class StockHandler:
                    def execute(self, ctx):
                        ctx.domains.get("stock")
                        log("stock")

                def register_all(registry):
                    registry.register("orders.bill", BillingHandler(), cross_domain_deps=[])
                    registry.register("orders.stock", StockHandler(), cross_domain_deps=[])
            """,
        },
    )
    found = registrations(index, spec)
    model = ReachModel(index, spec)
    assert model.actual_domains(found["orders.bill"]) == {"billing"}  # it does not use ``log``
    assert model.actual_domains(found["orders.stock"]) == {"stock", "logs"}
