"""Build the ``RenderContext`` a format needs: only formats that describe rules (SARIF,
JUnit) pay for the rule catalog and the configuration (ARCHITECTURE.md section 5)."""

from __future__ import annotations

from lamina.model.findings import FindingStatus
from lamina.model.fixes import FIXABLE_CODES, FixTable
from lamina.model.render import RenderContext, RuleDoc, RuleInstanceRef
from lamina.model.result import AnalysisResult
from lamina.model.settings import RunSettings
from lamina.outputs.formats import Format
from lamina.version import __version__


def fix_table(config: str | None, cwd: str, result: AnalysisResult, settings: RunSettings) -> FixTable:
    """The fixes of the open findings of fixable codes; nothing is loaded when there are none
    (the warm path of a clean run pays one scan of the findings). Fixes are planned from the
    findings and the files as they are now, so a replayed and a fresh run show the same."""
    wanted = [[f.path, f.code, f.line, f.column, f.end_line, f.end_column, f.message, f.rule_id]
              for f in result.findings if f.status is FindingStatus.OPEN and f.code in FIXABLE_CODES]  # fmt: skip
    if not wanted:
        return FixTable()
    from lamina.fix.stored import load_table, save_table, state_of

    # A replayed run replays the table planned for the same state (no YAML, no analysis).
    state = state_of(config, cwd, settings)
    stored = load_table(state, wanted) if state is not None else None
    if stored is not None:
        return stored
    from lamina.config.load import load_project
    from lamina.fix.run import analyse, fixes_for

    project = load_project(config, cwd)
    table = fixes_for(project, result, lambda: analyse(project, settings._replace(progress=None))[1])
    if state is not None:
        save_table(state, wanted, table)
    return table


def render_context(fmt: Format, config: str | None, cwd: str, result: AnalysisResult,
                   color: bool, settings: RunSettings | None = None) -> RenderContext:
    fixes = fix_table(config, cwd, result, settings) if fmt.shows_fixes and settings is not None else FixTable()
    if not fmt.describes_rules:
        return RenderContext(__version__, color, fixes=fixes)
    from lamina.analysis import active_rules
    from lamina.config.load import load_project
    from lamina.rules.catalog import catalog

    kinds = catalog()
    # The warm path replays findings without loading the configuration; the instances that
    # ran are needed here (a rule that found nothing is a passing test, a closed alert).
    project = load_project(config, cwd)
    refs = {
        RuleInstanceRef(rule.id, rule.code)
        for rule in active_rules(project, kinds)
        # An unimplemented, listed code runs nothing; always-on hygiene codes run in the
        # post stage even without a rule function.
        if kinds[rule.code].check is not None or kinds[rule.code].info.always_on
    }
    codes = {ref.code for ref in refs} | {f.code for f in result.findings}
    docs = tuple(
        RuleDoc(code, kind.info.name, kind.info.family, kind.info.severity, kind.body)
        for code, kind in kinds.items()
        if code in codes
    )
    instances = tuple(sorted(refs, key=lambda ref: (ref.code, ref.rule_id)))
    return RenderContext(__version__, color, docs, instances, fixes)
