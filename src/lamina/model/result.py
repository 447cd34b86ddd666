"""The outcome of one analysis run, as every output and report reads it."""


from typing import NamedTuple

from lamina.model.findings import Finding, FindingStatus, Severity


class Summary(NamedTuple):
    files: int
    errors: int
    warnings: int
    infos: int
    suppressed: int
    baselined: int

    @staticmethod
    def of(file_count: int, findings: tuple[Finding, ...]) -> "Summary":
        open_ = [f for f in findings if f.status is FindingStatus.OPEN]
        return Summary(
            files=file_count,
            errors=sum(1 for f in open_ if f.severity is Severity.ERROR),
            warnings=sum(1 for f in open_ if f.severity is Severity.WARNING),
            infos=sum(1 for f in open_ if f.severity is Severity.INFO),
            suppressed=sum(1 for f in findings if f.status is FindingStatus.SUPPRESSED),
            baselined=sum(1 for f in findings if f.status is FindingStatus.BASELINED),
        )


class AnalysisResult(NamedTuple):
    project_name: str
    files: tuple[str, ...]  # analysed paths, sorted
    findings: tuple[Finding, ...]  # sorted by Finding.sort_key
    fail_on: Severity
    summary: Summary
    parsed: int = 0  # files parsed in this run (cache misses)
    from_cache: bool = False  # replayed from the result cache
    timings: tuple[tuple[str, float, str], ...] = ()  # stage, seconds, what it computed and reused

    def failing(self) -> tuple[Finding, ...]:
        return tuple(
            f for f in self.findings if f.status is FindingStatus.OPEN and f.severity.at_least(self.fail_on)
        )

    @property
    def exit_code(self) -> int:
        return 1 if self.failing() else 0
