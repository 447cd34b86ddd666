"""What a renderer may know besides the ``AnalysisResult``.

Renderers live on floor 5 but read only ``lamina.model`` (docs/architecture.md#floors), so
anything they need from the rule catalog (names, documentation) arrives here as plain
data. The CLI fills ``rules`` only for formats that describe rules (SARIF, JUnit): text
and JSON must not pay for importing the catalog on the warm path.
"""


from typing import NamedTuple

from lamina.model.findings import Severity
from lamina.model.fixes import FixTable


class RuleDoc(NamedTuple):
    """One catalog code as outputs describe it."""

    code: str  # LAM101
    name: str  # layer-violation
    family: str  # imports
    severity: Severity  # the code's default severity
    doc: str  # what `lamina explain CODE` prints below its header line


class RuleInstanceRef(NamedTuple):
    """A rule instance that ran (the pack's ``id`` and its code)."""

    rule_id: str
    code: str


class RenderContext(NamedTuple):
    tool_version: str
    color: bool = False
    rules: tuple[RuleDoc, ...] = ()  # sorted by code; empty for formats that do not need it
    instances: tuple[RuleInstanceRef, ...] = ()  # sorted by (code, rule_id)
    # The fixes of the findings (formats that show them: text, JSON, SARIF); empty when no
    # finding has one, so a run without fixable findings never plans any.
    fixes: FixTable = FixTable()

    def rule(self, code: str) -> RuleDoc | None:
        for doc in self.rules:
            if doc.code == code:
                return doc
        return None
