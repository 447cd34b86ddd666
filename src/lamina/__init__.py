"""lamina: architecture governance for layered Python codebases.

Public API: ``load_project`` (configuration → ``Project``) and ``analyze`` (``Project`` →
``AnalysisResult``). Imported lazily so that ``import lamina`` stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lamina.version import __version__

if TYPE_CHECKING:
    from lamina.analysis import analyze, load_project

__all__ = ["__version__", "analyze", "load_project"]


def __getattr__(name: str) -> object:
    if name == "analyze":
        from lamina.analysis import analyze

        return analyze
    if name == "load_project":
        from lamina.analysis import load_project

        return load_project
    raise AttributeError(f"module 'lamina' has no attribute {name!r}")
