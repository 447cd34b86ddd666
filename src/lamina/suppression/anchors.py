"""Content anchors and fingerprints (docs/rule-semantics.md#baseline).

The anchor of a finding is its line's source text with comment tokens removed and
whitespace runs collapsed, so moving code up or down, re-indenting it or editing a
trailing comment keeps its identity, while editing the code itself does not. Comments are
found with ``tokenize`` (a ``#`` inside a string is code); a file is tokenized only when
one of its finding lines contains ``#``, and only up to the last such line.
"""

from __future__ import annotations

import io
import tokenize
from collections.abc import Collection, Mapping

from lamina.model.findings import Finding, fingerprint


def collapse(text: str) -> str:
    return " ".join(text.split())


def _comment_columns(text: str, last_line: int) -> dict[int, int]:
    """Line → column where its comment token starts, for lines up to ``last_line``.

    A file the tokenizer cannot read to the end (a syntax error) keeps the comments found
    before the error; later lines keep their text as written - still deterministic.
    """
    columns: dict[int, int] = {}
    try:
        for token in tokenize.generate_tokens(io.StringIO(text).readline):
            if token.start[0] > last_line:
                break
            if token.type == tokenize.COMMENT:
                columns[token.start[0]] = token.start[1]
    except (tokenize.TokenError, SyntaxError, ValueError):
        pass
    return columns


def line_anchors(text: str, lines: Collection[int]) -> dict[int, str]:
    """The anchor of each requested 1-based line of a newline-normalized text."""
    source = text.split("\n")
    wanted = {n: source[n - 1] if 1 <= n <= len(source) else "" for n in lines}
    hashed = [n for n, line in wanted.items() if "#" in line]
    columns = _comment_columns(text, max(hashed)) if hashed else {}
    return {n: collapse(line[: columns[n]] if n in columns else line) for n, line in wanted.items()}


def finding_anchors(findings: list[Finding], texts: Mapping[str, str]) -> list[str]:
    """The anchor of each finding, in order.

    Findings outside the source files (packs, the baseline) have no source line: their
    message, which names the scope or entry and no line number, stands in. LAM5xx
    findings are never baselined, so their anchor only has to tell them apart (SARIF
    matches results by fingerprint): the whole line, comment included, plus the message.
    """
    lines: dict[str, set[int]] = {}
    for finding in findings:
        if finding.path in texts:
            lines.setdefault(finding.path, set()).add(finding.line)
    anchors = {path: line_anchors(texts[path], wanted) for path, wanted in lines.items()}
    split: dict[str, list[str]] = {}
    result: list[str] = []
    for finding in findings:
        if finding.path not in anchors:
            result.append(collapse(finding.message))
        elif finding.code.startswith("LAM5"):
            if finding.path not in split:
                split[finding.path] = texts[finding.path].split("\n")
            source = split[finding.path]
            line = source[finding.line - 1] if 1 <= finding.line <= len(source) else ""
            result.append(collapse(f"{line} {finding.message}"))
        else:
            result.append(anchors[finding.path][finding.line])
    return result


def fingerprinted(findings: list[Finding], texts: Mapping[str, str]) -> list[Finding]:
    """Every finding with its fingerprint: code, path, symbol and anchor, never the line."""
    anchors = finding_anchors(findings, texts)
    return [
        finding._replace(fingerprint=fingerprint(finding.code, finding.path, finding.symbol, anchor))
        for finding, anchor in zip(findings, anchors)
    ]
