"""Fixes: the edits that make a finding go away (``lamina fix``, and the outputs that show them).

A fix is a set of text edits in the finding's file, all or nothing. Positions are 1-based
lines and 1-based character columns with an exclusive end, like findings; ``start`` and
``end`` are the same positions as character offsets into the file's decoded text.
"""


from enum import Enum
from typing import NamedTuple

from lamina.model.findings import Finding


class Applicability(str, Enum):
    SAFE = "safe"  # applied by ``lamina fix``: the meaning of the program does not change
    UNSAFE = "unsafe"  # applied by ``lamina fix --unsafe``: review the result
    DISPLAY = "display-only"  # shown, never applied: a human has to finish it

    @property
    def rank(self) -> int:
        return {"safe": 3, "unsafe": 2, "display-only": 1}[self.value]


class Edit(NamedTuple):
    """Replace the text from (line, column) to (end_line, end_column) by ``content``."""

    line: int
    column: int
    end_line: int
    end_column: int
    start: int
    end: int
    content: str


class Fix(NamedTuple):
    applicability: Applicability
    message: str  # what the fix does, one line
    edits: tuple[Edit, ...]  # sorted by position, never overlapping


# The codes that have a fix (``lamina explain`` says what the fix of each does).
FIXABLE_CODES = frozenset({"LAM104", "LAM202", "LAM203", "LAM301", "LAM302", "LAM303", "LAM501", "LAM504"})


def finding_key(finding: Finding) -> tuple[str, str, int, int, int, int, str]:
    """What identifies a finding among one run's findings (for looking up its fix)."""
    return (finding.path, finding.code, finding.line, finding.column, finding.end_line, finding.end_column,
            finding.message)  # fmt: skip


class FixTable(NamedTuple):
    """The fixes of one run's findings, as pairs (``finding_key``, fix), sorted by key."""

    entries: tuple[tuple[tuple[str, str, int, int, int, int, str], Fix], ...] = ()

    def lookup(self) -> dict[tuple[str, str, int, int, int, int, str], Fix]:
        return dict(self.entries)
