"""Build the ``RenderContext`` a format needs: only formats that describe rules (SARIF,
JUnit) pay for the rule catalog and the configuration (docs/architecture.md#engine-and-caches)."""

from __future__ import annotations

from typing import Any

from lamina.model.findings import FindingStatus
from lamina.model.fixes import FIXABLE_CODES, Fix, FixTable, finding_key
from lamina.model.render import RenderContext, RuleDoc, RuleInstanceRef
from lamina.model.result import AnalysisResult
from lamina.model.settings import RunSettings
from lamina.outputs.formats import Format
from lamina.version import __version__


class AnalysisTap:
    """Keeps the project and import index of the analysis a run computed (none when it was
    replayed), so that planning its fixes needs no second analysis."""

    def __init__(self) -> None:
        self.project: Any = None
        self.index: Any = None

    def __call__(self, project: Any, index: Any, result: Any) -> None:
        self.project, self.index = project, index

    def complete_index(self) -> Any:
        """The index when it holds the facts of every file (reach reads them all), else None."""
        index = self.index
        if index is None or any(path not in index.facts for path in index.files):
            return None
        return index


def fix_table(config: str | None, cwd: str, result: AnalysisResult, settings: RunSettings,
              tap: AnalysisTap | None = None) -> FixTable:  # fmt: skip
    """The fixes of the open findings of fixable codes; nothing is loaded when there are none
    (the warm path of a clean run pays one scan of the findings). Fixes are planned from the
    findings and the files as they are now, so a replayed and a fresh run show the same."""
    wanted = [[f.path, f.code, f.line, f.column, f.end_line, f.end_column, f.message, f.rule_id]
              for f in result.findings if f.status is FindingStatus.OPEN and f.code in FIXABLE_CODES]  # fmt: skip
    if not wanted:
        return FixTable()
    from lamina.fix.stored import load_table, reusable, save_table, state_of

    # A replayed run replays the table planned for the same state (no YAML, no analysis).
    state = state_of(config, cwd, settings)
    stored = load_table(state, wanted) if state is not None else None
    if stored is not None:
        return stored
    from lamina.analysis import load_project
    from lamina.fix.context import FixContext
    from lamina.fix.plan import fix_table as table_of
    from lamina.fix.plan import plan
    from lamina.fix.run import analyse

    project = tap.project if tap is not None and tap.project is not None else load_project(config, cwd)
    index = tap.complete_index() if tap is not None else None
    quiet = settings._replace(progress=None, on_analysis=None)
    kept: dict[tuple[str, str, int, int, int, int, str], Fix] = {}
    left = wanted
    if index is None and tap is not None and tap.index is not None and state is not None:
        # This run re-ran no global rule (its index holds only the changed files' facts):
        # reuse what the last run planned for unchanged files instead of a second analysis.
        kept, left = reusable(state, wanted)
    todo = {tuple(row[:7]) for row in left}
    findings = [f for f in result.findings if finding_key(f) in todo]
    planned = table_of(plan(FixContext(project, result.findings, (lambda: index) if index is not None
                                       else (lambda: analyse(project, quiet)[1])), findings))
    table = FixTable(tuple(sorted([*kept.items(), *planned.entries], key=lambda pair: pair[0])))
    if state is not None:
        save_table(state, wanted, table)
    return table


def render_context(fmt: Format, config: str | None, cwd: str, result: AnalysisResult,
                   color: bool, settings: RunSettings | None = None, tap: AnalysisTap | None = None) -> RenderContext:
    fixes = fix_table(config, cwd, result, settings, tap) if fmt.shows_fixes and settings is not None else FixTable()
    if not fmt.describes_rules:
        return RenderContext(__version__, color, fixes=fixes)
    from lamina.analysis import active_rules, load_project
    from lamina.rules.catalog import catalog

    kinds = catalog(with_plugins=True)
    # The warm path replays findings without loading the configuration; the instances that
    # ran are needed here (a rule that found nothing is a passing test, a closed alert).
    project = load_project(config, cwd)
    refs = {
        RuleInstanceRef(rule.id, rule.code)
        for rule in active_rules(project, kinds)
    }
    codes = {ref.code for ref in refs} | {f.code for f in result.findings}
    docs = tuple(
        RuleDoc(code, kind.spec.name, kind.spec.family, kind.spec.severity, kind.body)
        for code, kind in kinds.items()
        if code in codes
    )
    instances = tuple(sorted(refs, key=lambda ref: (ref.code, ref.rule_id)))
    return RenderContext(__version__, color, docs, instances, fixes)
