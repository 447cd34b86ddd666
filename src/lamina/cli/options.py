"""Options shared by several commands, defined once."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import click

F = TypeVar("F", bound=Callable[..., object])

SEVERITIES = ("error", "warning", "info")


def config_option(command: F) -> F:
    return click.option(
        "--config",
        "config",
        type=click.Path(dir_okay=False),
        default=None,
        help="A pyproject.toml with [tool.lamina] or a rule pack .yaml (default: search upwards).",
    )(command)


def analysis_options(command: F) -> F:
    """Options of every command that runs the analysis."""
    for decorator in reversed(
        [
            config_option,
            click.option("--fail-on", type=click.Choice(SEVERITIES), default=None,
                         help="Lowest severity that fails the run (default: the configured fail_on, else error)."),
            click.option("--cache-dir", type=click.Path(file_okay=False), default=None,
                         help="Cache directory (default: .lamina_cache in the project root)."),
            click.option("--no-cache", is_flag=True, help="Neither read nor write the cache."),
            click.option("--jobs", type=click.IntRange(min=0), default=None,
                         help="Worker processes for parsing (0 = number of CPUs)."),
            click.option("--timings", is_flag=True, help="Print the time of each stage to stderr."),
            click.option("--debug", is_flag=True, help="Re-raise internal errors with a traceback."),
        ]
    ):
        command = decorator(command)
    return command
