"""The ``lamina`` command group.

Commands are imported only when invoked, so ``lamina check`` on a warm cache never pays
for the modules of the other commands (or of the analysis it does not run).
"""

from __future__ import annotations

import importlib

import click

from lamina.version import __version__

COMMANDS: dict[str, tuple[str, str, str]] = {
    "check": ("lamina.cli.check", "check_command", "Analyze the project and report findings."),
    "baseline": ("lamina.cli.baseline", "baseline_command", "Write or shrink the baseline of accepted findings."),
    "rules": ("lamina.cli.catalog_cmds", "rules_command", "List every rule code and the pack's instances."),
    "explain": ("lamina.cli.catalog_cmds", "explain_command", "Print a rule's documentation."),
    "fix": ("lamina.cli.fix", "fix_command", "Apply the fixes of the findings (libcst edits that keep formatting)."),
    "init": ("lamina.cli.init", "init_command", "Write a starter configuration (lamina.yaml, [tool.lamina])."),
    "schema": ("lamina.cli.schema", "schema_command", "Print the JSON Schema of rule packs."),
    "report": ("lamina.cli.report", "report_command", "Write or drift-check the markdown audit reports."),
}


class LazyGroup(click.Group):
    """A group whose subcommands are loaded from ``COMMANDS`` on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        entry = COMMANDS.get(cmd_name)
        if entry is None:
            return None
        command = getattr(importlib.import_module(entry[0]), entry[1])
        assert isinstance(command, click.Command)
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with formatter.section("Commands"):
            formatter.write_dl([(name, COMMANDS[name][2]) for name in sorted(COMMANDS)])


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="lamina")
def cli() -> None:
    """lamina: architecture governance for layered Python codebases."""


def main() -> None:
    cli(prog_name="lamina")
