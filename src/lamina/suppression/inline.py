"""Inline suppressions (docs/rule-semantics.md#inline-suppressions): ``# lamina: ignore[CODES] REASON``.

The extractor records every real ``COMMENT`` token containing ``lamina:`` together with
the line it applies to (``SuppressionComment``); this module decides what each one means.
A directive starts a comment segment (right after a ``#``), so a comment that merely
mentions the marker mid-sentence is prose, while ``# noqa: X  # lamina: ignore[...]``
(one comment token holding two pragmas) still counts. Every directive must name known,
suppressible codes and give a reason; an invalid one suppresses nothing (LAM502) and a
valid one that suppresses nothing is reported per unused code (LAM501).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection, Mapping
from typing import NamedTuple

from lamina.model.facts import ModuleFacts, SuppressionComment
from lamina.model.findings import Finding, FindingStatus
from lamina.suppression.hygiene import Hygiene, HygieneRule, enclosing_symbol, suppressible

_START = re.compile(r"(?:^|#)[ \t]*lamina:")
_WORD = re.compile(r"[ \t]*([A-Za-z][\w-]*)")
LINE, FILE = "ignore", "ignore-file"
_REASON_LEAD = " \t-\u2014:"  # spaces, '-', em dash and ':' may separate ']' from the reason


class Directive(NamedTuple):
    """A valid suppression: the codes it names and its (non-empty) reason."""

    comment: SuppressionComment
    codes: tuple[str, ...]
    reason: str
    whole_file: bool

    def covers(self, finding: Finding) -> bool:
        if finding.code not in self.codes:
            return False
        if self.whole_file:
            return True
        # A multi-line statement's findings sit on its first line; a trailing comment on
        # its last line targets that line, so the statement's first line counts as well.
        return finding.line in (self.comment.target_line, self.comment.statement_line)


class Problem(NamedTuple):
    """An invalid suppression comment and why (the LAM502 message)."""

    comment: SuppressionComment
    message: str


def _did_you_mean(word: str, choices: Collection[str], shown: str = "{}") -> str:
    close = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    return f" (did you mean {shown.format(close[0])}?)" if close else ""


def parse_directive(comment: SuppressionComment, known: Collection[str]) -> Directive | Problem | None:
    """What one marker comment says; None when ``lamina:`` is not at a comment start."""
    start = _START.search(comment.text)
    if start is None:
        return None
    rest = comment.text[start.end():]
    word = _WORD.match(rest)
    name = word.group(1) if word else ""
    if name not in (LINE, FILE):
        if not name:
            return Problem(comment, "malformed suppression: expected 'ignore[CODES] REASON' after 'lamina:'")
        hint = _did_you_mean(name, (LINE, FILE), "'lamina: {}'")
        return Problem(comment, f"unknown directive 'lamina: {name}'{hint}")
    assert word is not None
    whole_file = name == FILE
    if whole_file and not comment.in_header:
        return Problem(comment, "'lamina: ignore-file' is only allowed in the header block")
    rest = rest[word.end():].lstrip(" \t")
    if not rest.startswith("["):
        return Problem(comment, f"malformed suppression: expected '[CODES]' after 'lamina: {name}'")
    close = rest.find("]")
    if close < 0:
        return Problem(comment, "malformed suppression: the code list has no closing ']'")
    listed = rest[1:close]
    items = [item.strip() for item in listed.split(",")]
    if not any(items):
        return Problem(comment, "empty code list")
    if not all(items):
        return Problem(comment, f"malformed code list '[{listed}]'")
    for item in items:
        if item not in known:
            return Problem(comment, f"unknown code '{item}'{_did_you_mean(item.upper(), known)}")
        if not suppressible(item):
            return Problem(comment, f"code {item} cannot be suppressed")
    codes = tuple(dict.fromkeys(items))
    reason = rest[close + 1:].lstrip(_REASON_LEAD).strip()
    if not any(character.isalpha() for character in reason):
        return Problem(comment, f"suppression of {', '.join(codes)} has no reason")
    return Directive(comment, codes, reason, whole_file)


def _at(rule: HygieneRule, path: str, facts: ModuleFacts, comment: SuppressionComment, message: str) -> Finding:
    return rule.finding(path, comment.line, comment.column, comment.column + len(comment.text), message,
                        enclosing_symbol(facts, comment.line))


def _suppress(finding: Finding, directives: list[Directive], used: set[tuple[int, str]]) -> Finding:
    """The finding, suppressed by the first covering line directive (the most specific
    reason), else by the first covering file directive. Every covering directive counts
    as used, so a redundant ``ignore-file`` next to a line directive is not reported."""
    chosen: Directive | None = None
    for number, directive in enumerate(directives):
        if directive.covers(finding):
            used.add((number, finding.code))
            if chosen is None or (chosen.whole_file and not directive.whole_file):
                chosen = directive
    if chosen is None:
        return finding
    return finding._replace(status=FindingStatus.SUPPRESSED, justification=chosen.reason)


def apply_inline(
    findings: list[Finding], facts: Mapping[str, ModuleFacts], hygiene: Hygiene, known: Collection[str]
) -> list[Finding]:
    """Findings with the suppressed ones marked, plus LAM501/LAM502 for unused and invalid
    directives. ``known`` is every code of the catalog."""
    by_path: dict[str, list[int]] = {}
    for position, finding in enumerate(findings):
        if finding.status is FindingStatus.OPEN and suppressible(finding.code):
            by_path.setdefault(finding.path, []).append(position)
    result = list(findings)
    extra: list[Finding] = []
    for path in sorted(facts):
        module = facts[path]
        if not module.suppressions:
            continue
        directives: list[Directive] = []
        for comment in module.suppressions:
            parsed = parse_directive(comment, known)
            if isinstance(parsed, Directive):
                directives.append(parsed)
            elif isinstance(parsed, Problem) and hygiene.invalid and hygiene.invalid.covers(path):
                extra.append(_at(hygiene.invalid, path, module, comment, parsed.message))
        used: set[tuple[int, str]] = set()
        for position in by_path.get(path, ()):
            result[position] = _suppress(result[position], directives, used)
        if hygiene.unused is None or not hygiene.unused.covers(path):
            continue
        for number, directive in enumerate(directives):
            for code in directive.codes:
                if (number, code) not in used:
                    message = f"suppression of {code} matches no finding"
                    extra.append(_at(hygiene.unused, path, module, directive.comment, message))
    return result + extra
