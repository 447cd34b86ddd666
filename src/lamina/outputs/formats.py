"""Output formats: an explicit table from name to renderer (house style 14)."""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from lamina.model.render import RenderContext
from lamina.model.result import AnalysisResult

Renderer = Callable[[AnalysisResult, RenderContext], str]


class Format(NamedTuple):
    # Each renderer module is imported only when its format is chosen: a warm
    # `lamina check` should not pay for XML or SARIF machinery it does not print.
    render: Renderer
    # True when the renderer describes rules (names, documentation, the instances that
    # ran): the CLI then fills RenderContext.rules, which costs importing the catalog.
    describes_rules: bool = False
    # True when the renderer shows fixes: the CLI then plans the fixes of fixable findings.
    shows_fixes: bool = False


def _text(result: AnalysisResult, context: RenderContext) -> str:
    from lamina.outputs.text import render_text

    return render_text(result, color=context.color, fixes=context.fixes)


def _json(result: AnalysisResult, context: RenderContext) -> str:
    from lamina.outputs.json_out import render_json

    return render_json(result, context.tool_version, context.fixes)


def _github(result: AnalysisResult, context: RenderContext) -> str:
    from lamina.outputs.github import render_github

    return render_github(result, context)


def _junit(result: AnalysisResult, context: RenderContext) -> str:
    from lamina.outputs.junit import render_junit

    return render_junit(result, context)


def _sarif(result: AnalysisResult, context: RenderContext) -> str:
    from lamina.outputs.sarif import render_sarif

    return render_sarif(result, context)


def formats() -> dict[str, Format]:
    return {
        "github": Format(_github),
        "json": Format(_json, shows_fixes=True),
        "junit": Format(_junit, describes_rules=True),
        "sarif": Format(_sarif, describes_rules=True, shows_fixes=True),
        "text": Format(_text, shows_fixes=True),
    }
