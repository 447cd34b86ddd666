"""The ``lamina`` command group."""

from __future__ import annotations

import click

from lamina.version import __version__
from lamina.cli.catalog_cmds import explain_command, rules_command
from lamina.cli.check import check_command


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="lamina")
def cli() -> None:
    """lamina: architecture governance for layered Python codebases."""


cli.add_command(check_command)
cli.add_command(rules_command)
cli.add_command(explain_command)


def main() -> None:
    cli(prog_name="lamina")
