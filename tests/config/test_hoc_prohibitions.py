"""Every "must not" of the bundled HOC pack's folder texts is backed by a rule (issue 13
item 9): each ``must_not`` entry names rule instances whose scope really covers files of its
folder (checked with the pack's own layout and selectors), or says why no rule can; a
free-text sentence that rules something out is linked to rules too."""

from __future__ import annotations

import re
from pathlib import Path

from fixture_projects import run_project

from lamina.analysis import load_project
from lamina.layout.placement import Placer
from lamina.layout.selectors import parse_selector
from lamina.model.options import ForbiddenImportOptions, LayerMatrixOptions
from lamina.model.placement import Placement
from lamina.model.project import Project, RuleInstance
from lamina.rules.layer_direction import allowed

TESTS = Path(__file__).resolve().parents[1]
HOC_PROJECT = TESTS / "fixtures" / "hoc_project"
DOMAINS = ("logs", "policies")
# Files of the layers that "Being imported by L5 engines or L6 drivers" is about.
IMPORTERS = ("app/hoc/cus/policies/L5_engines/probe_engine.py", "app/hoc/cus/policies/L6_drivers/probe_driver.py")
PROHIBITING = re.compile(r"\b(must not|must never|may not|never|cannot)\b", re.IGNORECASE)


def hoc_project() -> Project:
    return load_project(None, str(HOC_PROJECT))


def instances(project: Project, names: tuple[str, ...]) -> list[RuleInstance]:
    return [rule for rule in project.rules if rule.severity is not None and (rule.id in names or rule.code in names)]


def in_scope(rule: RuleInstance, rel: str, placement: Placement) -> bool:
    def hit(selectors: tuple[str, ...]) -> bool:
        return any(parse_selector(text, DOMAINS).matches(rel, placement) for text in selectors)

    return (not rule.include or hit(rule.include)) and not hit(rule.exclude)


def checks_files_of(rule: RuleInstance, rel: str, placer: Placer) -> bool:
    """The rule runs on a file at ``rel`` and has something to check there."""
    placement = placer.place_path(rel)
    if not in_scope(rule, rel, placement):
        return False
    if isinstance(rule.options, LayerMatrixOptions):
        return any(layer == placement.layer for layer, _ in rule.options.matrix)
    if isinstance(rule.options, ForbiddenImportOptions):
        return bool(rule.options.targets)
    return True


def keeps_importers_out(rule: RuleInstance, rel: str, placer: Placer) -> bool:
    """A layer matrix that runs on L5 and L6 files and does not let them import ``rel``."""
    if not isinstance(rule.options, LayerMatrixOptions):
        return False
    target = placer.place_path(rel)
    rows = dict(rule.options.matrix)
    for importer in IMPORTERS:
        source = placer.place_path(importer)
        if not in_scope(rule, importer, source) or source.layer not in rows:
            return False
        if allowed(rows[source.layer], source, target):
            return False
    return True


def unbacked(project: Project) -> list[str]:
    """Every stated prohibition of the pack's folders that no rule instance backs."""
    placer = Placer(project, DOMAINS)
    problems = []
    for folder in project.folders:
        probe = f"{folder.path.rstrip('/')}/probe.py"
        for item in folder.prohibitions:
            if item.unchecked is not None:
                if not item.unchecked.strip():
                    problems.append(f"{folder.path}: '{item.text}' is unchecked without a reason")
                continue
            if not item.rules:
                problems.append(f"{folder.path}: '{item.text}' names no rule")
                continue
            check = keeps_importers_out if item.text.startswith("Being imported by") else checks_files_of
            if not any(check(rule, probe, placer) for rule in instances(project, item.rules)):
                problems.append(f"{folder.path}: no rule of {list(item.rules)} covers '{item.text}'")
        for text in (folder.purpose or "", *folder.belongs):
            if PROHIBITING.search(text):
                problems.append(f"{folder.path}: '{text}' rules something out outside must_not")
        for sub in folder.subfolders:
            if not PROHIBITING.search(sub.description or ""):
                continue
            rel = f"{folder.path.rstrip('/')}/{sub.path}/probe.py"
            if not any(checks_files_of(rule, rel, placer) for rule in instances(project, sub.rules)):
                problems.append(f"{folder.path}/{sub.path}: '{sub.description}' is backed by no rule in scope")
    return problems


def test_every_prohibition_of_the_hoc_pack_is_backed_by_a_rule_in_scope() -> None:
    project = hoc_project()
    assert project.folders and all(folder.prohibitions for folder in project.folders)
    assert unbacked(project) == []


def test_the_walk_fails_without_the_rule_or_with_a_plain_sentence() -> None:
    project = hoc_project()
    without = project._replace(rules=tuple(r for r in project.rules if r.id != "hoc-spine-services-no-orchestrator"))
    assert unbacked(without) == [
        "app/hoc/cus/hoc_spine/services: no rule of ['hoc-spine-services-no-orchestrator'] covers "
        "'Imports of the orchestrator, authority or consequences (L5 and L6 call services, so services must not "
        "lead back into the orchestrator)'"
    ]
    services = next(f for f in project.folders if f.path.endswith("services"))
    # A rule whose scope is another folder does not back this one.
    misplaced = services._replace(
        prohibitions=(services.prohibitions[0]._replace(rules=("hoc-spine-utilities-pure",)),),
        belongs=("Anything; services must not import the orchestrator",),
    )
    folders = tuple(misplaced if f is services else f for f in project.folders)
    assert unbacked(project._replace(folders=folders)) == [
        "app/hoc/cus/hoc_spine/services: no rule of ['hoc-spine-utilities-pure'] covers "
        "'Imports of L5 engines or L6 drivers of any domain'",
        "app/hoc/cus/hoc_spine/services: 'Anything; services must not import the orchestrator' rules something "
        "out outside must_not",
    ]


def test_the_walk_checks_that_importers_are_kept_out() -> None:
    project = hoc_project()
    placer = Placer(project, DOMAINS)
    matrix = next(r for r in project.rules if r.id == "hoc-layer-direction")
    assert keeps_importers_out(matrix, "app/hoc/cus/hoc_spine/drivers/probe.py", placer)
    assert not keeps_importers_out(matrix, "app/hoc/cus/hoc_spine/services/probe.py", placer)


# -- the rules behind the spine's prohibitions, on a small project ----------------------------

FILES = {
    "app/hoc/cus/hoc_spine/orchestrator/operation_registry.py": '"""Registry."""\n\n\nclass OperationRegistry:\n    pass\n',  # noqa: E501
    # The orchestrator importing a service is the intended direction: silent.
    "app/hoc/cus/hoc_spine/orchestrator/wiring.py": (
        '"""Wiring."""\n\nfrom app.hoc.cus.hoc_spine.services.retrieval import fetch\n'
    ),
    # A spine service importing the orchestrator's operation_registry: reported.
    "app/hoc/cus/hoc_spine/services/retrieval.py": (
        '"""Retrieval."""\n\nfrom app.hoc.cus.hoc_spine.orchestrator.operation_registry import OperationRegistry\n\n\n'
        "def fetch() -> OperationRegistry:\n    return OperationRegistry()\n"
    ),
    # A look-alike: a module named operation_registry that is not the orchestrator's: silent.
    "app/hoc/cus/hoc_spine/services/operation_registry.py": '"""Names of stored operations."""\n\nNAMES = ()\n',
    "app/hoc/cus/hoc_spine/services/catalog.py": (
        '"""Catalog."""\n\nfrom app.hoc.cus.hoc_spine.services import operation_registry\n'
    ),
    # Utilities importing the orchestrator, schemas importing an L5 engine: reported.
    "app/hoc/cus/hoc_spine/utilities/ids.py": (
        '"""Ids."""\n\nimport app.hoc.cus.hoc_spine.orchestrator.operation_registry\n'
    ),
    "app/hoc/cus/hoc_spine/schemas/result.py": (
        '"""Result."""\n\nfrom app.hoc.cus.policies.L5_engines.policy_engine import evaluate\n'
    ),
    "app/hoc/cus/policies/L5_engines/policy_engine.py": '"""Policy engine."""\n\n\ndef evaluate() -> None:\n    pass\n',
}
NEW_RULES = {
    "hoc-spine-services-no-orchestrator",
    "hoc-spine-utilities-no-spine-behaviour",
    "hoc-spine-schemas-no-domain-code",
}


def test_spine_code_importing_the_orchestrator_is_reported_and_look_alikes_are_not(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.lamina]\npacks = ["builtin:hoc"]\n', encoding="utf-8")
    for rel, text in FILES.items():
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    for directory in {p.parent for p in tmp_path.rglob("*.py")}:
        while directory != tmp_path:
            (directory / "__init__.py").touch()
            directory = directory.parent
    result = run_project(tmp_path)
    found = sorted((f.path, f.line, f.rule_id) for f in result.findings if f.code in ("LAM101", "LAM102"))
    assert found == [
        ("app/hoc/cus/hoc_spine/schemas/result.py", 3, "hoc-spine-schemas-no-domain-code"),
        ("app/hoc/cus/hoc_spine/services/retrieval.py", 3, "hoc-spine-services-no-orchestrator"),
        ("app/hoc/cus/hoc_spine/utilities/ids.py", 3, "hoc-spine-utilities-no-spine-behaviour"),
    ]
    assert {rule for _, _, rule in found} == NEW_RULES
