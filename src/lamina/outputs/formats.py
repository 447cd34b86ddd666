"""Output formats: an explicit table from name to renderer (house style 14)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from lamina.model.render import RenderContext
from lamina.model.result import AnalysisResult
from lamina.outputs.github import render_github
from lamina.outputs.json_out import render_json
from lamina.outputs.junit import render_junit
from lamina.outputs.sarif import render_sarif
from lamina.outputs.text import render_text

Renderer = Callable[[AnalysisResult, RenderContext], str]


@dataclass(frozen=True, slots=True)
class Format:
    render: Renderer
    # True when the renderer describes rules (names, documentation, the instances that
    # ran): the CLI then fills RenderContext.rules, which costs importing the catalog.
    describes_rules: bool = False


def _text(result: AnalysisResult, context: RenderContext) -> str:
    return render_text(result, color=context.color)


def _json(result: AnalysisResult, context: RenderContext) -> str:
    return render_json(result, context.tool_version)


def formats() -> dict[str, Format]:
    return {
        "github": Format(render_github),
        "json": Format(_json),
        "junit": Format(render_junit, describes_rules=True),
        "sarif": Format(render_sarif, describes_rules=True),
        "text": Format(_text),
    }
