"""What a command line decides about one run."""

from __future__ import annotations

from dataclasses import dataclass

from lamina.model.findings import Severity


@dataclass(frozen=True, slots=True)
class RunSettings:
    paths: tuple[str, ...] = ()  # report findings located under these (project-relative); empty = all
    fail_on: Severity | None = None
    cache_dir: str | None = None
    no_cache: bool = False
    jobs: int | None = None
