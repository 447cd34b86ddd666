"""Output formats: an explicit table from name to renderer (house style 14)."""

from __future__ import annotations

from collections.abc import Callable

from lamina.model.result import AnalysisResult
from lamina.outputs.json_out import render_json
from lamina.outputs.text import render_text

Renderer = Callable[[AnalysisResult, str, bool], str]


def _text(result: AnalysisResult, version: str, color: bool) -> str:
    return render_text(result, color=color)


def _json(result: AnalysisResult, version: str, color: bool) -> str:
    return render_json(result, version)


def formats() -> dict[str, Renderer]:
    return {"text": _text, "json": _json}
