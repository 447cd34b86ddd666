"""``lamina check [PATHS]``: analyze, print findings, exit 0/1/2/3."""

from __future__ import annotations

import os
import sys
import time

import click

from lamina.cli.errors import handle_errors
from lamina.cli.filters import project_paths, staged_paths
from lamina.cli.options import analysis_options
from lamina.cli.progress import Progress, progress_wanted
from lamina.cli.render_context import AnalysisTap, render_context
from lamina.cli.write_target import check_target, write_output
from lamina.engine.pipeline import check
from lamina.errors import UserError
from lamina.model.findings import Severity
from lamina.model.result import AnalysisResult
from lamina.model.settings import RunSettings, WarningSink
from lamina.outputs.formats import formats

__all__ = ["check_command", "project_paths", "use_color"]


def use_color() -> bool:
    """ANSI colors only for a terminal; NO_COLOR (any non-empty value) turns them off."""
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"


def _analyze(config: str | None, cwd: str, settings: RunSettings) -> AnalysisResult:
    return check(config, cwd, settings)


def stderr_warning(progress: Progress | None = None) -> WarningSink:
    """Warnings go to stderr on a line of their own (a drawn progress line is erased first)."""

    def warn(line: str) -> None:
        if progress is not None:
            progress.close()
        click.echo(line, err=True)

    return warn


@click.command("check")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--staged", is_flag=True,
              help="Report findings in the files staged in git instead of PATHS.")
@click.option("--format", "output_format", type=click.Choice(sorted(formats())), default="text",
              show_default=True, help="Output format.")
@click.option("--output", type=click.Path(dir_okay=False), default=None,
              help="Write the output to FILE (atomically) instead of stdout.")
@analysis_options
@handle_errors
def check_command(
    paths: tuple[str, ...],
    staged: bool,
    output_format: str,
    output: str | None,
    config: str | None,
    fail_on: str | None,
    cache_dir: str | None,
    no_cache: bool,
    jobs: int | None,
    timings: bool,
    debug: bool,
) -> None:
    """Analyze every file under the configured roots and report findings located in PATHS
    (default: all). A configuration file among PATHS (.toml, .yaml, .yml, .json) reports
    everything. Exit 0 clean, 1 findings at or above --fail-on, 2 usage or configuration
    error, 3 internal error."""
    started = time.perf_counter()
    cwd = os.getcwd()
    context = click.get_current_context()
    if staged and paths:
        raise UserError("--staged and PATHS cannot be combined", hint="use one of them")
    if staged:
        selected = staged_paths(config, cwd)
        if selected is None:
            click.echo("lamina: no staged files under the project root; nothing to check", err=True)
            context.exit(0)
    else:
        selected = project_paths(paths, cwd, config)
    if output:
        check_target(output, output, "--output")  # before the analysis, not after
    progress = Progress(sys.stderr) if progress_wanted(sys.stderr) else None
    tap = AnalysisTap()
    settings = RunSettings(
        paths=selected or (),
        fail_on=Severity(fail_on) if fail_on else None,
        cache_dir=cache_dir,
        no_cache=no_cache,
        jobs=jobs,
        progress=progress,
        warn=stderr_warning(progress),
        on_analysis=tap,
    )
    try:
        result = _analyze(config, cwd, settings)
    finally:
        if progress is not None:
            progress.close()
    fmt = formats()[output_format]
    shown = render_context(fmt, config, cwd, result, use_color() and output is None, settings, tap)
    rendered = fmt.render(result, shown)
    if output:
        write_output(output, rendered.encode("utf-8"), output, "--output")
    else:
        click.echo(rendered, nl=False)
    elapsed = time.perf_counter() - started
    if timings:
        for stage, seconds, note in result.timings:
            click.echo(f"lamina: {stage:<9} {seconds * 1000:8.1f} ms" + (f"  {note}" if note else ""), err=True)
    if output_format == "text" or timings:
        click.echo(f"lamina: {elapsed:.2f} s ({result.parsed} parsed)", err=True)
    context.exit(result.exit_code)
