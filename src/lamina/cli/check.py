"""``lamina check [PATHS]``: analyze, print findings, exit 0/1/2/3."""

from __future__ import annotations

import os
import sys
import time

import click

from lamina.version import __version__
from lamina.cache.atomic import write_text_atomic
from lamina.cli.errors import handle_errors
from lamina.cli.options import analysis_options
from lamina.errors import UserError
from lamina.model.findings import Severity
from lamina.warm import check_warm, locate
from lamina.model.settings import RunSettings
from lamina.outputs.formats import formats


def project_paths(paths: tuple[str, ...], cwd: str, config: str | None) -> tuple[str, ...]:
    """PATHS as given (relative to the working directory) → project-relative POSIX paths."""
    if not paths:
        return ()
    located = locate(config, cwd, None)
    if located is not None:
        root = located.root
    else:
        from lamina.config.load import load_project  # deferred: YAML stays off the warm path

        root = load_project(config, cwd).root
    converted: list[str] = []
    for given in paths:
        absolute = os.path.normpath(os.path.join(cwd, given))
        if not os.path.exists(absolute):
            raise UserError(f"path '{given}' does not exist", hint="PATHS filter findings; give files or directories")
        relative = os.path.relpath(absolute, root)
        if relative.startswith(".."):
            raise UserError(f"path '{given}' is outside the project root '{root}'")
        converted.append("" if relative == "." else relative.replace(os.sep, "/"))
    return tuple(p for p in converted if p) if all(converted) else ()


def use_color() -> bool:
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ


@click.command("check")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--format", "output_format", type=click.Choice(sorted(formats())), default="text",
              show_default=True, help="Output format.")
@click.option("--output", type=click.Path(dir_okay=False), default=None,
              help="Write the output to FILE (atomically) instead of stdout.")
@analysis_options
@handle_errors
def check_command(
    paths: tuple[str, ...],
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
    (default: all). Exit 0 clean, 1 findings at or above --fail-on, 2 usage or
    configuration error, 3 internal error."""
    started = time.perf_counter()
    cwd = os.getcwd()
    settings = RunSettings(
        paths=project_paths(paths, cwd, config),
        fail_on=Severity(fail_on) if fail_on else None,
        cache_dir=cache_dir,
        no_cache=no_cache,
        jobs=jobs,
    )
    result = check_warm(config, cwd, settings)
    if result is None:
        from lamina.analysis import check  # the slow path: parse, index, run the rules

        result = check(config, cwd, settings, warm_tried=True)
    rendered = formats()[output_format](result, __version__, use_color() and output is None)
    if output:
        write_text_atomic(output, rendered)
    else:
        click.echo(rendered, nl=False)
    elapsed = time.perf_counter() - started
    if timings:
        for stage, seconds in result.timings:
            click.echo(f"lamina: {stage:<9} {seconds * 1000:8.1f} ms", err=True)
    if output_format == "text" or timings:
        click.echo(f"lamina: {elapsed:.2f} s ({result.parsed} parsed)", err=True)
    click.get_current_context().exit(result.exit_code)
