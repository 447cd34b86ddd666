"""What a command line decides about one run."""


from collections.abc import Callable
from typing import Any, NamedTuple

from lamina.model.findings import Severity

# Called with (files parsed so far, files to parse) while facts are extracted.
ProgressSink = Callable[[int, int], None]
# Called with one line to show the user (``lamina: warning: cache disabled: ...``).
WarningSink = Callable[[str], None]


class RunSettings(NamedTuple):
    paths: tuple[str, ...] = ()  # report findings located under these (project-relative); empty = all
    fail_on: Severity | None = None
    cache_dir: str | None = None
    no_cache: bool = False
    jobs: int | None = None
    # How the command line shows progress (a terminal line, or nothing); not part of what
    # the run computes.
    progress: ProgressSink | None = None
    warn: WarningSink | None = None
    # Called once per computed (not replayed) analysis with the project, the import index
    # and the full result: ``lamina check`` plans the fixes of the findings from them
    # instead of analysing again. Not part of what the run computes.
    on_analysis: Callable[[Any, Any, Any], None] | None = None
