"""A valid configuration loads into the expected, frozen Project."""

from __future__ import annotations

import shutil
from pathlib import Path

from config_tree import MINIMAL, Tree

from lamina.model.findings import Severity
from lamina.model.options import (
    BannedCallOptions,
    CycleOptions,
    ForbiddenImportOptions,
    ImportKinds,
    LayerMatrixOptions,
    MatrixTarget,
    NoOptions,
    OrchestratorReachOptions,
)
from lamina.model.project import (
    CallPattern,
    DomainSpec,
    FolderExpect,
    FolderSpec,
    HeaderSpec,
    LayerSpec,
    Mark,
    OperationsSpec,
    PairingSpec,
    Prohibition,
    RoleSpec,
    RuleInstance,
    SubfolderSpec,
    ZoneSpec,
)

DATA = Path(__file__).parent / "data"


def test_minimal_pack_loads_into_expected_project(tree: Tree) -> None:
    project = tree.project(MINIMAL).load()
    assert project.root == tree.root.as_posix()
    assert project.config_file == "pyproject.toml"
    assert project.packs == ("pack.yaml",)
    assert project.name == "pack"
    assert project.roots == (".",)
    assert project.header == HeaderSpec()
    assert project.layers == (
        LayerSpec("api", ("app/api/**",), claims=("api",), mark=Mark("pack.yaml", 3, 5)),
        LayerSpec(
            "core",
            ("app/core/**",),
            zones=(ZoneSpec("models", ("app/core/models/**",)),),
            claims=("core",),
            mark=Mark("pack.yaml", 4, 5),
        ),
    )
    assert project.roles == (
        RoleSpec("handler", ("app/api/*_handler.py",), mark=Mark("pack.yaml", 8, 3)),
    )
    assert project.rules == ()
    assert project.domains is None and project.operations is None and project.pairing is None


def test_project_is_frozen_and_hashable(tree: Tree) -> None:
    shutil.copy(DATA / "hoc_like.yaml", tree.root / "hoc.yaml")
    tree.write("pyproject.toml", '[tool.lamina]\npacks = ["hoc.yaml"]\n')
    project = tree.load()
    hash(project)  # only tuples and frozen dataclasses: no dict or list anywhere


def test_rule_defaults_and_typed_options(tree: Tree) -> None:
    project = tree.project(MINIMAL + """\
rules:
  - code: LAM102
    id: no-core-from-api
    paths: {include: ["layer:api", "app/x/**"], exclude: ["**/tests/**"]}
    options:
      targets: ["layer:core:models", "app.db"]
      except: ["app.db.types"]
      imports: {lazy: ignore}
    metadata: {owner: platform, references: ["docs/adr/7.md"]}
  - code: LAM201
    id: no-orchestrator
    severity: warning
    options: {targets: ["app.orchestrator"]}
  - {code: LAM203, id: banned, severity: "off", options: {calls: ["asyncio.*"]}}
  - {code: LAM107}
  - {code: LAM003, severity: error, paths: {exclude: ["legacy/**"]}}
""").load()
    rules = {rule.id: rule for rule in project.rules}
    assert list(rules) == ["no-core-from-api", "no-orchestrator", "banned", "import-cycle",
                           "fallback-parse"]
    assert rules["no-core-from-api"] == RuleInstance(
        code="LAM102",
        id="no-core-from-api",
        severity=Severity.ERROR,
        include=("layer:api", "app/x/**"),
        exclude=("**/tests/**",),
        options=ForbiddenImportOptions(
            targets=("layer:core:models", "app.db"),
            except_=("app.db.types",),
            imports=ImportKinds(lazy=False, type_checking=False, importlib=True),
        ),
        metadata=(("owner", "platform"), ("references", ("docs/adr/7.md",))),
        mark=Mark("pack.yaml", 10, 5),
        include_marks=(Mark("pack.yaml", 12, 23), Mark("pack.yaml", 12, 36)),
    )
    reach = rules["no-orchestrator"]
    assert reach.severity is Severity.WARNING
    # LAM201 reads TYPE_CHECKING imports by default, unlike the other import rules.
    assert reach.options == OrchestratorReachOptions(targets=("app.orchestrator",))
    assert reach.options.imports.type_checking is True
    assert rules["banned"].severity is None
    assert rules["banned"].options == BannedCallOptions(calls=("asyncio.*",))
    assert rules["import-cycle"].options == CycleOptions()
    assert rules["import-cycle"].severity is Severity.ERROR
    always_on = rules["fallback-parse"]
    assert (always_on.severity, always_on.exclude, always_on.options) == (
        Severity.ERROR, ("legacy/**",), NoOptions())


def test_hoc_pack_of_rules_md_section_7_loads(tree: Tree) -> None:
    shutil.copy(DATA / "hoc_like.yaml", tree.root / "hoc.yaml")
    tree.write("pyproject.toml", '[tool.lamina]\npacks = ["hoc.yaml"]\nroots = ["backend"]\n')
    project = tree.load()
    assert project.name == "hoc"
    assert project.roots == ("backend",)
    assert [layer.name for layer in project.layers] == [
        "L2.1", "L2", "L4", "L5", "L5_schemas", "L6", "L7", "adapters", "legacy"]
    assert project.layers[-1].claims == ()
    assert [role.name for role in project.roles] == [
        "handler", "coordinator", "bridge", "registry", "l5_entry"]
    assert project.domains == DomainSpec(
        ("app/hoc/cus/{domain}",), ("hoc_spine", "docs", "_*"), Mark("hoc.yaml", 4, 18))
    assert project.pairing == PairingSpec("l5_entry", ("L4",), ("L2",), ("L5", "L6"))
    assert len(project.rules) == 24
    matrix = project.rules[0].options
    assert isinstance(matrix, LayerMatrixOptions)
    assert dict(matrix.matrix)["L6"][:2] == (MatrixTarget("L6", None, "same"),
                                             MatrixTarget("L5_schemas", None, "same"))
    assert project.operations is not None
    assert project.operations.register[1] == CallPattern(
        decorator="**.operation", name=(0, "name"), deps="cross_domain_deps")
    assert project.operations.follow_roles == ("coordinator", "bridge")
    orchestrator = project.folders[0]
    assert orchestrator.subfolders[2] == SubfolderSpec(
        "coordinators/bridges", "Bridges",
        "Per-domain capability factories with at most five public methods")
    assert orchestrator.expects[0] == FolderExpect(
        "Explicit OperationRegistry", symbol="OperationRegistry", kind="class")
    assert [f.allow_empty for f in project.folders] == [False] + [True] * 6


def test_operations_folders_and_pairing(tree: Tree) -> None:
    project = tree.project(MINIMAL + """\
operations:
  register: [{call: "**.register", receiver: [registry], handler: [1]}]
  aliases: {traces: logs}
folders:
  - path: app/core/
    expects: [{rule: LAM102, label: "No forbidden imports"}]
pairing: {entry_role: handler, bypass_targets: [core]}
""").load()
    assert project.operations == OperationsSpec(
        register=(CallPattern(call="**.register", receiver=("registry",), handler=(1,)),),
        aliases=(("traces", "logs"),),
    )
    assert project.folders == (
        FolderSpec("app/core", expects=(FolderExpect("No forbidden imports", rule="LAM102"),),
                   mark=Mark("pack.yaml", 13, 5)),
    )
    assert project.pairing == PairingSpec("handler", bypass_targets=("core",))


def test_folder_prohibitions_name_their_rules(tree: Tree) -> None:
    project = tree.project(MINIMAL + """\
folders:
  - path: app/core/
    must_not:
      - "A sentence"
      - {text: "Imports of the API", rules: [LAM101]}
      - {text: "Business logic", unchecked: "a judgement"}
    subfolders: {x: {description: "never a session", rules: [LAM306]}}
""").load()
    folder = project.folders[0]
    assert folder.prohibitions == (
        Prohibition("A sentence"),
        Prohibition("Imports of the API", rules=("LAM101",)),
        Prohibition("Business logic", unchecked="a judgement"),
    )
    assert folder.must_not == ("A sentence", "Imports of the API", "Business logic")
    assert folder.subfolders == (SubfolderSpec("x", description="never a session", rules=("LAM306",)),)


def test_operation_patterns_name_what_the_receiver_is(tree: Tree) -> None:
    project = tree.project(MINIMAL + """\
operations:
  execute:
    - call: "**.execute"
      receiver_class: [OperationRegistry, "app.*.Registry"]
      receiver_factory: [get_operation_registry]
      receiver: [registry]
""").load()
    assert project.operations.execute == (
        CallPattern(call="**.execute", receiver=("registry",), receiver_class=("OperationRegistry", "app.*.Registry"),
                    receiver_factory=("get_operation_registry",)),
    )  # fmt: skip


def test_tool_settings_override_packs(tree: Tree) -> None:
    project = tree.project(MINIMAL + 'roots: ["src"]\nexclude: ["gen/**"]\n', """\
[project]
name = "demo"

[tool.lamina]
packs = ["pack.yaml"]
roots = ["lib"]
fail_on = "warning"
baseline = "ci/baseline.json"
cache_dir = ".cache/lamina"
report_out = "docs/reports"
jobs = 4
""").load()
    assert project.roots == ("lib",)
    assert project.exclude == ("gen/**",)
    assert project.fail_on is Severity.WARNING
    assert (project.baseline, project.cache_dir, project.report_out, project.jobs) == (
        "ci/baseline.json", ".cache/lamina", "docs/reports", 4)
