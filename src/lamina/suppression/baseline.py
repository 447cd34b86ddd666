"""Baseline matching and maintenance (docs/rule-semantics.md#baseline).

A baseline records accepted findings by content, never by line number: an entry names
code, path, enclosing symbol and anchor (the normalized source line) and how many such
findings it accepts. ``lamina check`` marks matching open findings ``baselined`` and
reports unconsumed counts as stale (LAM503); ``lamina baseline --update`` writes what
still matches, so the file only shrinks unless growth is explicitly allowed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Mapping
from typing import NamedTuple

from lamina.model.findings import Finding, FindingStatus
from lamina.suppression.anchors import finding_anchors, fingerprinted
from lamina.suppression.baseline_file import Baseline, BaselineEntry
from lamina.suppression.hygiene import Hygiene, suppressible

_NEVER_BASELINED = frozenset({"LAM004"})  # an empty scope must turn the gate red (R1)


def baselinable(finding: Finding, source_paths: Collection[str]) -> bool:
    """Every code but LAM004 and LAM5xx, and only findings located in source files (a
    finding about a pack is a configuration problem to fix, not debt to carry)."""
    return (
        finding.code not in _NEVER_BASELINED
        and suppressible(finding.code)
        and finding.path in source_paths
    )


def apply_baseline(
    findings: list[Finding], baseline: Baseline | None, source_paths: Collection[str], hygiene: Hygiene
) -> list[Finding]:
    """Open, baselinable findings matching an entry with count left become ``baselined``
    (consumed in finding order, so the choice is deterministic); every entry with count
    left is one LAM503 at its line in the baseline file. Needs fingerprints set."""
    if baseline is None:
        return findings
    remaining = {entry.fingerprint: entry.occurrences for entry in baseline.entries}
    order = sorted(range(len(findings)), key=lambda n: findings[n].sort_key)
    result = list(findings)
    for number in order:
        finding = findings[number]
        if finding.status is not FindingStatus.OPEN or not baselinable(finding, source_paths):
            continue
        if remaining.get(finding.fingerprint, 0) > 0:
            remaining[finding.fingerprint] -= 1
            result[number] = finding._replace(status=FindingStatus.BASELINED)
    rule = hygiene.stale
    if rule is None:
        return result
    stale: list[Finding] = []
    for entry in baseline.entries:
        left = remaining[entry.fingerprint]
        if left > 0:
            message = (f"baseline entry {entry.code} '{entry.path}' [{entry.symbol}] no longer matches "
                       f"({left} of {entry.occurrences} unmatched)")
            stale.append(rule.finding(baseline.path, max(entry.line, 1), 1, 1, message))
    return result + fingerprinted(stale, {})


class BaselinePlan(NamedTuple):
    """What ``lamina baseline`` would write, and what changed against the previous file."""

    entries: tuple[BaselineEntry, ...]
    growth: tuple[Finding, ...]  # open findings the previous baseline does not cover, sorted
    refused: bool  # growth without --allow-growth: nothing may be written
    dropped: int  # previous entries gone entirely
    lowered: int  # previous entries kept with a lower count

    @property
    def findings(self) -> int:
        return sum(entry.occurrences for entry in self.entries)


def plan_baseline(
    findings: tuple[Finding, ...] | list[Finding],
    texts: Mapping[str, str],
    source_paths: Collection[str],
    previous: Baseline | None,
    allow_growth: bool,
) -> BaselinePlan:
    """The next baseline from a run's findings (analyzed with ``previous`` applied).

    Without a previous file every open baselinable finding is recorded. With one, the
    findings it matched (``baselined``) are kept - which drops stale entries and lowers
    counts - and open baselinable findings are growth, added only when allowed.
    ``texts`` holds the source text of the findings' files, for their anchors.
    """
    candidates = [
        f for f in sorted(findings, key=lambda f: f.sort_key)
        if f.status in (FindingStatus.OPEN, FindingStatus.BASELINED) and baselinable(f, source_paths)
    ]
    kept: Counter[tuple[str, str, str, str]] = Counter()
    grown: Counter[tuple[str, str, str, str]] = Counter()
    growth: list[Finding] = []
    for finding, anchor in zip(candidates, finding_anchors(candidates, texts)):
        key = (finding.path, finding.code, finding.symbol, anchor)
        if finding.status is FindingStatus.BASELINED:
            kept[key] += 1
        else:
            grown[key] += 1
            growth.append(finding)
    refused = previous is not None and bool(growth) and not allow_growth
    counts = kept if refused else kept + grown
    entries = tuple(
        BaselineEntry(code=code, path=path, symbol=symbol, anchor=anchor, occurrences=count)
        for (path, code, symbol, anchor), count in sorted(counts.items())
    )
    old = {entry.key: entry.occurrences for entry in previous.entries} if previous is not None else {}
    return BaselinePlan(
        entries=entries,
        growth=tuple(growth),
        refused=refused,
        dropped=sum(1 for key in old if key not in counts),
        lowered=sum(1 for key, count in old.items() if 0 < counts.get(key, 0) < count),
    )
