"""What the fixers read besides a finding: the project, the run's other findings, the
files' texts, and (only when a fixer needs placements or reach) the import index."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TYPE_CHECKING

from lamina.fix.source import FixSource
from lamina.model.findings import Finding
from lamina.model.project import Project, RuleInstance

if TYPE_CHECKING:
    from lamina.layout.index import ImportIndex


class FixContext:
    """One planning pass over one run's findings (memoised per instance)."""

    def __init__(self, project: Project, findings: tuple[Finding, ...],
                 index: Callable[[], ImportIndex]) -> None:  # fmt: skip
        self.project = project
        self.findings = findings
        self._index_of = index
        self._index: ImportIndex | None = None
        self._sources: dict[str, FixSource | None] = {}
        self.rules = {rule.id: rule for rule in project.rules}

    def index(self) -> ImportIndex:
        if self._index is None:
            self._index = self._index_of()
        return self._index

    def rule(self, rule_id: str) -> RuleInstance | None:
        return self.rules.get(rule_id)

    def source(self, path: str) -> FixSource | None:
        """The file, or None when it cannot be read or is not UTF-8. Its libcst tree is parsed
        only by the fixers that need one (a header or a suppression fix reads lines)."""
        if path not in self._sources:
            self._sources[path] = _read(os.path.join(self.project.root, path), path)
        return self._sources[path]


def _read(absolute: str, path: str) -> FixSource | None:
    try:
        with open(absolute, "rb") as handle:
            data = handle.read()
        source = FixSource(path, data)
    except (OSError, UnicodeDecodeError):
        return None
    return source
