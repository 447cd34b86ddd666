"""Build the ``RenderContext`` a format needs: only formats that describe rules (SARIF,
JUnit) pay for the rule catalog and the configuration (ARCHITECTURE.md section 5)."""

from __future__ import annotations

from lamina.model.render import RenderContext, RuleDoc, RuleInstanceRef
from lamina.model.result import AnalysisResult
from lamina.outputs.formats import Format
from lamina.version import __version__


def render_context(fmt: Format, config: str | None, cwd: str, result: AnalysisResult,
                   color: bool) -> RenderContext:
    if not fmt.describes_rules:
        return RenderContext(__version__, color)
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
    return RenderContext(__version__, color, docs, instances)
