"""Receiver resolution (layout.receivers) and its use by the operation patterns
(``receiver_class`` / ``receiver_factory``, the receiver glob as fallback)."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from fixture_projects import index_of

from lamina.layout.index import ImportIndex
from lamina.layout.operations import CallMatcher, compile_patterns
from lamina.layout.receivers import UNRESOLVED, Receiver, ReceiverResolver
from lamina.model.project import CallPattern

PACK = """\
version: 1
roots: ["."]
layers:
  - {name: app, paths: ["app/**"]}
"""

REGISTRY = '''\
class OperationRegistry:
    def register(self, name, handler, **options): ...


class StageRegistry:
    def register(self, handler): ...


class ShopRegistry(OperationRegistry):
    pass


def get_operation_registry() -> OperationRegistry:
    return OperationRegistry()


def get_registry_service() -> "StageRegistry":
    return StageRegistry()


def anything():
    return None


registry = OperationRegistry()
'''

USES = '''\
from __future__ import annotations

from typing import Any, Optional

from app import spine
from app.spine import get_operation_registry as gor
from app.spine.registry import OperationRegistry as R, StageRegistry, ShopRegistry, anything
from app.spine.registry import get_registry_service, registry as shared
from external.lib import make_client, Client


def alias():
    R().register("a")


def parameter(registry: R, other: "Optional[StageRegistry]", vague: Any, bare):
    registry.register("a")
    other.register("a")
    vague.register("a")
    bare.register("a")


def local_annotation():
    registry: StageRegistry = anything()
    registry.register("a")


def factories():
    first = gor()
    first.register("a")
    second = get_registry_service()
    second.register("a")
    third = spine.get_operation_registry()
    third.register("a")
    fourth = make_client()
    fourth.register("a")
    fifth = Client()
    fifth.register("a")
    sixth = anything()
    sixth.register("a")


def chain():
    registry = gor()
    alias_of = registry
    alias_of.register("a")


def rebound(registry: R):
    registry = registry or gor()
    registry.register("a")


def imported_value():
    shared.register("a")


def later():
    registry = StageRegistry()
    registry.register("a")
    registry = gor()
    registry.register("a")


def direct():
    gor().register("a")


class Lifecycle(StageRegistry):
    _table: R

    def __init__(self, given: StageRegistry) -> None:
        self._stages = StageRegistry()
        self._given = given
        self._ops: Optional[R] = None

    @classmethod
    def build(cls):
        registry = cls()
        registry.register("a")

    def use(self):
        self._stages.register("a")
        self._given.register("a")
        self._ops.register("a")
        self._table.register("a")
        self._unknown.register("a")


def subclass():
    ShopRegistry().register("a")
'''

OPS = "app.spine.registry.OperationRegistry"
STAGE = "app.spine.registry.StageRegistry"
FACTORY = "app.spine.registry.get_operation_registry"


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> ImportIndex:
    root = tmp_path_factory.mktemp("receivers")
    (root / "pyproject.toml").write_text('[tool.lamina]\npacks = ["pack.yaml"]\n', encoding="utf-8")
    (root / "pack.yaml").write_text(PACK, encoding="utf-8")
    spine = root / "app" / "spine"
    spine.mkdir(parents=True)
    (root / "app" / "__init__.py").write_text("", encoding="utf-8")
    # A package re-export: ``from app.spine import get_operation_registry``.
    (spine / "__init__.py").write_text("from .registry import get_operation_registry\n", encoding="utf-8")
    (spine / "registry.py").write_text(REGISTRY, encoding="utf-8")
    (root / "app" / "uses.py").write_text(textwrap.dedent(USES), encoding="utf-8")
    return index_of(root)


def receivers(index: ImportIndex) -> list[tuple[str, int, Receiver]]:
    path = next(p for p, f in index.files.items() if f.module == "app.uses")
    resolver = ReceiverResolver(index)
    return [(call.text or "", call.line, resolver.resolve(path, call)) for call in index.facts[path].calls
            if (call.text or "").endswith(".register")]  # fmt: skip


def at(index: ImportIndex, line: int) -> Receiver:
    (found,) = [receiver for _, where, receiver in receivers(index) if where == line]
    return found


def line_of(snippet: str, occurrence: int = 1) -> int:
    lines = [n for n, text in enumerate(textwrap.dedent(USES).splitlines(), start=1) if text.strip() == snippet]
    return lines[occurrence - 1]


@pytest.mark.parametrize(
    ("snippet", "occurrence", "cls", "factory"),
    [
        ('R().register("a")', 1, OPS, None),
        ('registry.register("a")', 1, OPS, None),  # parameter annotation through an alias
        ('other.register("a")', 1, STAGE, None),  # quoted Optional[...]
        ('registry.register("a")', 2, STAGE, None),  # annotated local wins over its value
        ('first.register("a")', 1, OPS, FACTORY),  # a factory's return annotation, through an alias
        ('second.register("a")', 1, STAGE, "app.spine.registry.get_registry_service"),
        ('third.register("a")', 1, OPS, FACTORY),  # through the package's re-export
        ('fourth.register("a")', 1, None, "external.lib.make_client"),
        ('fifth.register("a")', 1, "external.lib.Client", None),
        ('sixth.register("a")', 1, None, "app.spine.registry.anything"),
        ('alias_of.register("a")', 1, OPS, FACTORY),  # one name to another
        ('registry.register("a")', 3, OPS, None),  # ``x = x or f()``: the parameter's annotation
        ('shared.register("a")', 1, OPS, None),  # a module-level value of another module
        ('registry.register("a")', 4, STAGE, None),  # the last assignment before the call
        ('registry.register("a")', 5, OPS, FACTORY),
        ('gor().register("a")', 1, OPS, FACTORY),
        ('registry.register("a")', 6, "app.uses.Lifecycle", None),  # cls() in a classmethod
        ('self._stages.register("a")', 1, STAGE, None),
        ('self._given.register("a")', 1, STAGE, None),
        ('self._ops.register("a")', 1, OPS, None),
        ('self._table.register("a")', 1, OPS, None),
        ('ShopRegistry().register("a")', 1, "app.spine.registry.ShopRegistry", None),
    ],
)
def test_receivers_resolve_to_their_class_and_factory(
    index: ImportIndex, snippet: str, occurrence: int, cls: str | None, factory: str | None
) -> None:
    found = at(index, line_of(snippet, occurrence))
    assert (found.cls, found.factory) == (cls, factory)


@pytest.mark.parametrize("snippet", ['vague.register("a")', 'bare.register("a")', 'self._unknown.register("a")'])
def test_receivers_nothing_says_anything_about_stay_unresolved(index: ImportIndex, snippet: str) -> None:
    assert at(index, line_of(snippet)) == UNRESOLVED


def test_a_class_keeps_its_project_bases(index: ImportIndex) -> None:
    assert at(index, line_of('registry.register("a")', 6)).bases == (STAGE,)
    assert at(index, line_of('ShopRegistry().register("a")')).bases == (OPS,)


def matched_lines(index: ImportIndex, pattern: CallPattern) -> set[int]:
    path = next(p for p, f in index.files.items() if f.module == "app.uses")
    matcher = CallMatcher(compile_patterns((pattern,)), ReceiverResolver(index))
    return {call.line for call in index.facts[path].calls if matcher.first(call, path) is not None}


def test_resolved_receivers_decide_and_the_glob_is_only_a_fallback(index: ImportIndex) -> None:
    resolved = CallPattern(call="**.register", receiver_class=("OperationRegistry",),
                           receiver_factory=("get_operation_registry",), receiver=("registry", "bare"))  # fmt: skip
    lines = matched_lines(index, resolved)
    assert line_of('registry.register("a")', 1) in lines
    assert line_of('first.register("a")') in lines
    assert line_of('self._ops.register("a")') in lines
    assert line_of('ShopRegistry().register("a")') in lines  # a subclass of the class
    # Named ``registry`` but resolved to something else: never an operation call.
    assert line_of('registry.register("a")', 2) not in lines
    assert line_of('registry.register("a")', 4) not in lines
    assert line_of('registry.register("a")', 6) not in lines
    assert line_of('second.register("a")') not in lines
    # Unresolved: the glob decides.
    assert line_of('bare.register("a")') in lines
    assert line_of('vague.register("a")') not in lines
    assert line_of('self._unknown.register("a")') not in lines


def test_without_the_receiver_glob_an_unresolved_receiver_never_matches(index: ImportIndex) -> None:
    lines = matched_lines(index, CallPattern(call="**.register", receiver_factory=("*get_operation_registry",)))
    assert line_of('bare.register("a")') not in lines
    assert line_of('first.register("a")') in lines
    assert line_of('R().register("a")') not in lines  # the class is not a factory


def test_a_pattern_with_only_the_receiver_glob_keeps_matching_names(index: ImportIndex) -> None:
    lines = matched_lines(index, CallPattern(call="**.register", receiver=("registry",)))
    assert line_of('registry.register("a")', 2) in lines  # a StageRegistry, but named registry
    assert line_of('first.register("a")') not in lines


def test_dotted_class_globs_match_the_qualified_name(index: ImportIndex) -> None:
    lines = matched_lines(index, CallPattern(call="**.register", receiver_class=("app.spine.*.OperationRegistry",)))
    assert line_of('R().register("a")') in lines
    assert line_of('fifth.register("a")') not in lines


def test_resolution_never_imports_the_analysed_code(index: ImportIndex, tmp_path: Path) -> None:
    import sys

    receivers(index)
    assert "app.uses" not in sys.modules and "external.lib" not in sys.modules


@pytest.mark.parametrize("code", ["LAM301", "LAM302", "LAM303", "LAM304", "LAM305", "LAM308"])
def test_explain_pages_of_pattern_rules_say_how_receivers_resolve(code: str) -> None:
    from click.testing import CliRunner

    from lamina.cli.main import cli

    page = " ".join(CliRunner().invoke(cli, ["explain", code]).output.split())
    assert "``receiver_class`` / ``receiver_factory`` resolves the receiver statically" in page
    assert "name glob is the fallback for receivers that cannot be resolved" in page
