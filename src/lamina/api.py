"""lamina's public rule API (version ``API_VERSION``): what a plugin rule may import.

A plugin is a distribution registering modules under the ``lamina.rules`` entry-point
group; each module exposes ``SPEC`` (a ``RuleSpec`` whose code does not start with ``LAM``)
and ``check(ctx: RuleContext) -> Iterator[Finding]``. A pack enables the rule by its code::

    # pyproject.toml of the plugin
    [project.entry-points."lamina.rules"]
    no-clock = "acme_rules.no_clock"

    # the project's pack
    rules:
      - {code: ACME001, paths: {include: ["layer:L5"]}}

Everything named in ``__all__`` keeps its meaning within a major ``API_VERSION``; anything
else under ``lamina`` is internal. A rule reads ``ctx`` only (facts, placements, the
project) and never does I/O; its findings are cached like lamina's own, keyed by the
plugin's distribution version. See docs/plugins.md.
"""

from __future__ import annotations

from lamina.config.rulespec import Example, PluginOrigin, RuleSpec
from lamina.config.schema_types import Bool, Choice, Field, Int, ListOf, MapOf, Str
from lamina.layout.index import ImportIndex
from lamina.model.codes import Locality, Reads
from lamina.model.facts import (
    ArgFact,
    ArgKind,
    CallFact,
    ClassFact,
    FunctionFact,
    ImportFact,
    ImportKind,
    KeywordArgFact,
    ModuleFacts,
)
from lamina.model.findings import Finding, Severity
from lamina.model.options import NoOptions
from lamina.model.placement import Placement
from lamina.model.project import Project, RuleInstance
from lamina.rules.base import RuleContext
from lamina.rules.call_names import absolute_name, file_package

API_VERSION = "1.0"


def called_name(ctx: RuleContext, path: str, call: CallFact) -> str | None:
    """The dotted name a call resolves to through the file's imports (aliases and relative
    imports made absolute: ``from datetime import datetime as dt; dt.now()`` gives
    ``datetime.datetime.now``), else the callee text as written; None for callees that are
    not dotted names (``handlers[k]()``)."""
    return absolute_name(call, file_package(ctx.import_index, path)) or call.text


__all__ = [
    "API_VERSION",
    "ArgFact",
    "ArgKind",
    "Bool",
    "CallFact",
    "Choice",
    "ClassFact",
    "Example",
    "Field",
    "Finding",
    "FunctionFact",
    "ImportFact",
    "ImportIndex",
    "ImportKind",
    "Int",
    "KeywordArgFact",
    "ListOf",
    "Locality",
    "MapOf",
    "ModuleFacts",
    "NoOptions",
    "Placement",
    "PluginOrigin",
    "Project",
    "Reads",
    "RuleContext",
    "RuleInstance",
    "RuleSpec",
    "Severity",
    "Str",
    "called_name",
]
