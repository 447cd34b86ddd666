"""GitHub Actions workflow commands: one annotation per open finding, then the summary.

``::error file=app/x.py,line=2,col=5,endLine=2,endColumn=31,title=LAM101::message``.
Escaping follows the Actions toolkit: ``%``, CR and LF in the message; additionally
``:`` and ``,`` in property values, which would otherwise end the value. Suppressed and
baselined findings are not annotated (they are counted in the summary line).

Paths are shown as in text output (control characters and undecodable bytes escaped);
messages keep their newlines (``%0A``, which the Actions runner turns back into a
multi-line message) but no other control character, so each annotation stays one line
and no ESC sequence reaches the log.
"""

from __future__ import annotations

from lamina.model.escape import one_line, printable_block
from lamina.model.findings import Finding, FindingStatus, Severity
from lamina.model.render import RenderContext
from lamina.model.result import AnalysisResult
from lamina.outputs.text import summary_line

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(finding: Finding) -> str:
    properties: list[tuple[str, str]] = []
    if not finding.path.startswith("builtin:"):  # a bundled pack is no file of the repository
        line, column = max(finding.line, 1), max(finding.column, 1)
        properties += [("file", one_line(finding.path)), ("line", str(line)), ("col", str(column))]
        if (finding.end_line, finding.end_column) > (line, column):
            # lamina's end column is exclusive; GitHub's endColumn names the last column.
            properties += [("endLine", str(finding.end_line)),
                           ("endColumn", str(max(finding.end_column - 1, 1)))]
    properties.append(("title", finding.code))
    joined = ",".join(f"{key}={escape_property(value)}" for key, value in properties)
    message = printable_block(f"{finding.message} ({finding.rule_id})")
    return f"::{COMMANDS[finding.severity]} {joined}::{escape_data(message)}"


def render_github(result: AnalysisResult, context: RenderContext) -> str:
    lines = [annotation(f) for f in result.findings if f.status is FindingStatus.OPEN]
    lines.append(summary_line(result))
    return "\n".join(lines) + "\n"
