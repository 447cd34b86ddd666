"""Findings: what ``lamina check`` reports."""


import hashlib
from enum import Enum
from typing import NamedTuple


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]

    def at_least(self, threshold: "Severity") -> bool:
        return self.rank >= threshold.rank


class FindingStatus(str, Enum):
    OPEN = "open"
    SUPPRESSED = "suppressed"
    BASELINED = "baselined"


def fingerprint(code: str, path: str, symbol: str, anchor: str) -> str:
    """First 16 hex digits of SHA-256 over code, path, symbol, anchor joined by NUL bytes
    (UTF-8; a lone surrogate of an undecodable file name is hashed with surrogatepass)."""
    joined = "\0".join((code, path, symbol, anchor)).encode("utf-8", "surrogatepass")
    return hashlib.sha256(joined).hexdigest()[:16]


class Finding(NamedTuple):
    code: str
    rule_id: str
    severity: Severity
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    message: str
    symbol: str = "<module>"
    status: FindingStatus = FindingStatus.OPEN
    # Identity of the import a finding is about (statement position + resolved target),
    # used only by the overlap policy; empty for non-import findings.
    import_key: str = ""
    justification: str = ""  # the reason of the suppression that covers it
    # Stable identity for baselines and SARIF partialFingerprints (code, path, symbol and
    # the normalized source line; never the line number). Empty until the post stage sets it.
    fingerprint: str = ""

    @property
    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.path, self.line, self.column, self.code, self.message)
