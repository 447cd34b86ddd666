"""The stage functions of an analysis, pure functions of their inputs
(docs/architecture.md#data-flow): rules by locality, the per-file post stage (overlap policy, inline
suppressions, fingerprints) and the baseline join. ``pipeline`` decides which inputs
changed and calls these only for what must be recomputed."""

from __future__ import annotations

import os
from collections.abc import Collection, Iterable, Mapping

from lamina.discovery import Shadowing
from lamina.errors import UserError
from lamina.layout.index import ImportIndex
from lamina.model.codes import Locality, Needs
from lamina.model.facts import ModuleFacts
from lamina.model.findings import Finding
from lamina.model.project import Project, RuleInstance
from lamina.rules.base import RuleContext, rule_scope
from lamina.rules.catalog import OVERLAP_ORDER, RuleKind, catalog_for, plugin_error
from lamina.suppression import (
    HYGIENE_CODES,
    Hygiene,
    HygieneRule,
    apply_baseline,
    apply_inline,
    fingerprinted,
    parse_baseline,
)
from lamina.suppression.baseline_file import read_baseline

# Rule kinds by code, as the catalog builds them for one project.
Catalog = dict[str, RuleKind]


def active_rules(project: Project, kinds: dict[str, RuleKind]) -> list[RuleInstance]:
    """The pack's enabled instances plus a default instance of every unlisted always-on code."""
    listed = {rule.code for rule in project.rules}
    active = [rule for rule in project.rules if rule.severity is not None]
    for code, kind in kinds.items():
        if kind.spec.always_on and code not in listed:
            active.append(RuleInstance(code=code, id=kind.spec.name, severity=kind.spec.severity))
    return active


def needs_graph(rule: RuleInstance, kinds: dict[str, RuleKind]) -> bool:
    """Whether an instance reads the import graph: graph codes, and chains (``transitive``)."""
    return kinds[rule.code].spec.needs is Needs.GRAPH or bool(getattr(rule.options, "transitive", False))


def locality(rule: RuleInstance, kinds: dict[str, RuleKind]) -> Locality:
    """A rule instance's locality: its code's, except that reading the import graph makes
    any rule global."""
    return Locality.GLOBAL if needs_graph(rule, kinds) else kinds[rule.code].spec.locality


def reads_code(project: Project, kinds: Catalog | None = None) -> bool:
    """Whether an enabled rule reads calls or definitions; if none does, files are
    extracted without them (a statements-only walk, much cheaper on a cold cache)."""
    kinds = kinds if kinds is not None else kinds_of(project)
    return any(kinds[rule.code].spec.reads_code for rule in active_rules(project, kinds))


def _checked(project: Project, kinds: dict[str, RuleKind]) -> list[RuleInstance]:
    """The enabled instances that the rules stage runs: the hygiene codes (LAM501-LAM503)
    are reported by the post stage, after every rule."""
    return [r for r in active_rules(project, kinds) if r.code not in HYGIENE_CODES]


def kinds_of(project: Project) -> Catalog:
    """The catalog a project's rules need (plugins only when the pack names one). It walks
    the rule package (and the installed plugins): a run builds it once and hands it to the
    stage functions below, which build it themselves only when called on their own."""
    return catalog_for({rule.code for rule in project.rules})


def enabled_localities(project: Project, kinds: Catalog | None = None) -> frozenset[Locality]:
    kinds = kinds if kinds is not None else kinds_of(project)
    return frozenset(locality(rule, kinds) for rule in _checked(project, kinds))


def run_rules(
    project: Project,
    index: ImportIndex,
    localities: Collection[Locality],
    among: frozenset[str] | None = None,
    shadowed: tuple[Shadowing, ...] = (),
    unreadable: tuple[tuple[str, str], ...] = (),
    kinds: Catalog | None = None,
) -> list[Finding]:
    """Run the enabled instances of the given localities over their scopes; ``among``
    narrows every scope to those files (local rules for the files whose inputs changed).
    ``shadowed`` and ``unreadable`` come from discovery and are reported only by a run
    over every file."""
    kinds = kinds if kinds is not None else kinds_of(project)
    rules = [r for r in _checked(project, kinds) if locality(r, kinds) in localities]
    always_on = frozenset(code for code, kind in kinds.items() if kind.spec.always_on)
    graph = None
    if any(needs_graph(r, kinds) for r in rules):
        from lamina.graph.build import build_graph

        graph = build_graph(index)
    findings: list[Finding] = []
    for rule in rules:
        kind = kinds[rule.code]
        scope = rule_scope(index, rule, among)
        if among is not None and not scope:
            continue
        ctx = RuleContext(project, index, kind.spec, rule, scope, graph, shadowed,
                          unreadable=unreadable if among is None else (), always_on=always_on)  # fmt: skip
        findings.extend(_run(kind, ctx))
    return findings


def _run(kind: RuleKind, ctx: RuleContext) -> list[Finding]:
    """A rule's findings. A plugin rule that raises is one error naming the plugin (exit
    2, nothing cached); a built-in rule that raises is a lamina bug and propagates."""
    origin = kind.spec.origin
    if origin is None:
        return list(kind.check(ctx))
    try:
        return list(kind.check(ctx))
    except UserError:
        raise
    except Exception as error:  # noqa: BLE001 - any exception of a plugin is its bug, reported as such
        raise plugin_error(origin, f"failed in rule {kind.spec.code} ({ctx.rule.id}): "
                                   f"{type(error).__name__}: {error}") from None


def apply_overlap(findings: Iterable[Finding]) -> list[Finding]:
    """Keep one import-family finding per import: the first code of ``OVERLAP_ORDER``."""
    rank = {code: position for position, code in enumerate(OVERLAP_ORDER)}
    best: dict[tuple[str, str], Finding] = {}
    kept: list[Finding] = []
    for finding in findings:
        if finding.code not in rank or not finding.import_key:
            kept.append(finding)
            continue
        key = (finding.path, finding.import_key)
        current = best.get(key)
        if current is None or (rank[finding.code], finding.sort_key) < (rank[current.code], current.sort_key):
            best[key] = finding
    kept.extend(best.values())
    return kept


def hygiene_rules(project: Project, index: ImportIndex, kinds: Catalog | None = None) -> Hygiene:
    """LAM501-LAM503 as the pack configures them (severity, off, paths.exclude): the post
    stage reports these codes itself, so their instances are resolved here."""
    kinds = kinds if kinds is not None else kinds_of(project)
    chosen: dict[str, HygieneRule] = {}
    for rule in active_rules(project, kinds):
        if rule.code in HYGIENE_CODES:
            severity = rule.severity or kinds[rule.code].spec.severity
            scope = frozenset(rule_scope(index, rule)) if rule.exclude else None
            chosen[rule.code] = HygieneRule(rule.code, rule.id, severity, scope)
    return Hygiene.of(chosen)


def total_order(finding: Finding) -> tuple[object, ...]:
    """``sort_key``, then every field: findings that tie on location and code still sort
    the same way whichever stage produced them first (cached or not)."""
    return (finding.sort_key, tuple(finding))


def post_file(
    raw: list[Finding], path: str, facts: ModuleFacts | None, text: str, hygiene: Hygiene, known: frozenset[str]
) -> list[Finding]:
    """One file's post stage: the overlap policy, its inline suppressions (LAM501/LAM502
    included) and the fingerprints of its findings - a function of that file's raw
    findings, facts and text alone, so unchanged files reuse it. Findings located outside
    source files (packs) pass with ``facts`` None."""
    ordered = sorted(apply_overlap(sorted(raw, key=total_order)), key=total_order)
    if facts is None:
        return fingerprinted(ordered, {})  # anchored by message: a pack has no source line
    return fingerprinted(apply_inline(ordered, {path: facts}, hygiene, known), {path: text})


def baseline_join(project: Project, findings: list[Finding], source_paths: Collection[str],
                  hygiene: Hygiene) -> list[Finding]:  # fmt: skip
    """The baseline applied to every finding of the run (docs/rule-semantics.md#baseline)."""
    data = read_baseline(os.path.join(project.root, project.baseline), project.baseline)
    baseline = parse_baseline(data, project.baseline) if data is not None else None
    return apply_baseline(sorted(findings, key=total_order), baseline, source_paths, hygiene)


def by_path(findings: Iterable[Finding]) -> dict[str, list[Finding]]:
    grouped: dict[str, list[Finding]] = {}
    for finding in findings:
        grouped.setdefault(finding.path, []).append(finding)
    return grouped


def known_codes(project: Project, kinds: Catalog | None = None) -> frozenset[str]:
    """The codes an inline suppression may name: the catalog's, and the pack's plugin codes."""
    return frozenset(kinds if kinds is not None else kinds_of(project))


def texts_of(root: str, paths: Iterable[str], sources: Mapping[str, object]) -> dict[str, str]:
    from lamina.parsing.source_text import read_source_texts

    return read_source_texts(root, [p for p in paths if p in sources])
