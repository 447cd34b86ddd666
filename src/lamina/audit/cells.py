"""The values of the shared table columns (docs/reports.md#rows-and-columns) and the text rules every
view uses: cell escaping, titles, verdicts.

Text that comes from the analyzed code (docstrings, headers, file and module names,
operation names, messages) is untrusted markdown: it goes through ``lamina.model.escape``
(``md_text`` for prose, ``md_code`` for names shown as code) so that it cannot open an
HTML comment, a fence or a new table cell. ``escape_cell`` stays for configured text
(folder titles and purposes), which the pack's author may format on purpose."""

from __future__ import annotations

import re
from collections.abc import Iterable

from lamina.audit.views import VERDICT_BASELINED, VERDICT_OK, VERDICT_VIOLATION
from lamina.model.escape import md_code, md_name, md_text
from lamina.model.findings import Finding, FindingStatus, Severity
from lamina.model.placement import Placement
from lamina.model.report_input import ReportFile

NONE = "_none_"
UNASSIGNED = "_unassigned_"
_WHITESPACE = re.compile(r"\s+")


def escape_cell(text: str) -> str:
    """One table cell: CR/LF become spaces, whitespace runs one space, ``|`` becomes ``\\|``."""
    return _WHITESPACE.sub(" ", text.replace("\r", " ").replace("\n", " ")).replace("|", "\\|").strip()


def message_text(text: str, *, cell: bool) -> str:
    """A finding message on one line. Messages quote source text and name placeholders such
    as ``<expr>``, which markdown renderers would swallow as HTML tags: ``<`` becomes ``\\<``
    (a markdown escape that renders as ``<``), like every other markup character. In a
    table cell the pipe is escaped too."""
    return md_text(text, cell=cell)


def words_title(segment: str) -> str:
    """``hoc_spine`` → ``Hoc Spine``: ``_`` → space, each word's first letter upper-cased
    (the rest is kept, so ``L5_API`` stays ``L5 API``)."""
    return " ".join(word[:1].upper() + word[1:] for word in segment.replace("_", " ").split())


def purpose(file: ReportFile) -> str:
    """First non-empty docstring line, else the header ``Role:`` value, else ``_none_``."""
    for line in (file.docstring or "").splitlines():
        if line.strip():
            return md_text(line, cell=True)
    if file.role_field and file.role_field.strip():
        return md_text(file.role_field, cell=True)
    return NONE


def transaction(file: ReportFile) -> str:
    methods = {call.method for call in file.transactions}
    if "commit" in methods:
        return "OWNS COMMIT"
    if methods & {"begin", "begin_nested"}:
        return "Begins transaction"
    if "rollback" in methods:
        return "Rollback only"
    if "flush" in methods:
        return "Flush only"
    return "Forbidden"


def cross_domain(file: ReportFile) -> str:
    """``yes (a, b)`` when the file reaches two domains, or one other than its own."""
    reach = file.reach
    own = file.placement.domain
    if len(reach) >= 2 or (own is not None and any(domain != own for domain in reach)):
        return f"yes ({', '.join(md_name(domain, cell=True) for domain in reach)})"
    return "no"


def layer_label(placement: Placement) -> str:
    return placement.label() if placement.layer is not None else UNASSIGNED


def failing(finding: Finding, fail_on: Severity) -> bool:
    """Counts for ``lamina check``'s exit code: open and at or above the failing severity."""
    return finding.status is FindingStatus.OPEN and finding.severity.at_least(fail_on)


def verdicts(findings: Iterable[Finding], fail_on: Severity) -> dict[str, str]:
    """Verdict per path that has a finding deciding it (every other file is OK)."""
    out: dict[str, str] = {}
    for finding in findings:
        if failing(finding, fail_on):
            out[finding.path] = VERDICT_VIOLATION
        elif (
            finding.status is FindingStatus.BASELINED
            and finding.severity.at_least(fail_on)
            and out.get(finding.path) != VERDICT_VIOLATION
        ):
            out[finding.path] = VERDICT_BASELINED
    return out


def verdict_of(path: str, decided: dict[str, str]) -> str:
    return decided.get(path, VERDICT_OK)


def code_list(paths: Iterable[str]) -> str:
    """Sorted, comma-separated code spans for a table cell, or ``—`` for an empty cell."""
    items = sorted(set(paths))
    return ", ".join(md_code(item, cell=True) for item in items) if items else "—"


def name_text(name: str | None) -> str:
    """A name from the code or the tree (domain, operation) as cell text, or ``_none_``."""
    return md_name(name, cell=True) if name else NONE
