"""``lamina rules`` (the catalog, and the current pack's instances) and ``lamina explain CODE``."""

from __future__ import annotations

import difflib
import os

import click

from lamina.cli.errors import handle_errors
from lamina.cli.options import config_option
from lamina.errors import UserError
from lamina.rules.catalog import catalog


@click.command("rules")
@config_option
@click.option("--debug", is_flag=True, hidden=True)
@handle_errors
def rules_command(config: str | None, debug: bool) -> None:
    """List every rule code; with a configuration, also the pack's rule instances and scopes."""
    from lamina.analysis import load_project
    from lamina.config.sources import NO_CONFIG

    try:
        project = load_project(config, os.getcwd())
    except UserError as error:
        # Only "no configuration here" leaves the catalog alone as the answer; an invalid
        # configuration that was found is an error like in every other command.
        if config or error.message != NO_CONFIG:
            raise
        project = None
    kinds = catalog(with_plugins=True)
    click.echo("code    name                          family        severity  needs  status")
    for code, kind in kinds.items():
        spec = kind.spec
        mark = "always-on" if spec.always_on else ""
        if spec.origin is not None:
            mark = f"{mark} plugin {spec.origin.distribution} {spec.origin.version}".strip()
        click.echo(
            f"{code:<7} {spec.name:<29} {spec.family:<13} {spec.severity.value:<9} {spec.needs.value:<6} "
            f"{spec.status} {mark}".rstrip()
        )
    if project is None:
        return
    click.echo("")
    click.echo(f"rule instances of {project.config_file}:")
    for rule in project.rules:
        severity = rule.severity.value if rule.severity else "off"
        scope = ", ".join(rule.include) or "all files"
        if rule.exclude:
            scope += " − " + ", ".join(rule.exclude)
        click.echo(f"  {rule.code}  {rule.id:<36} {severity:<8} {scope}")


@click.command("explain")
@click.argument("code")
@click.option("--debug", is_flag=True, hidden=True)
@handle_errors
def explain_command(code: str, debug: bool) -> None:
    """Print a rule's documentation: what it catches, why, how to fix, options, example."""
    kinds = catalog(with_plugins=True)
    wanted = code.strip().upper()
    by_name = {kind.spec.name: c for c, kind in kinds.items()}
    wanted = by_name.get(code.strip().lower(), wanted)
    if wanted not in kinds:
        close = difflib.get_close_matches(wanted, list(kinds) + list(by_name), n=1, cutoff=0.6)
        hint = f"did you mean {close[0]}?" if close else "run 'lamina rules' for the list of codes"
        raise UserError(f"unknown rule code '{code}'", hint=hint)
    kind = kinds[wanted]
    spec = kind.spec
    source = f", plugin {spec.origin.distribution} {spec.origin.version}" if spec.origin is not None else ""
    click.echo(f"{spec.code} {spec.name} ({spec.family}, default severity {spec.severity.value}, since {spec.since}, "
               f"{spec.status}{source})")
    click.echo("")
    click.echo(kind.body, nl=False)
