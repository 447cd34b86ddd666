"""``lamina schema``: print the JSON Schema of rule packs (for editors and CI linting)."""

from __future__ import annotations

import json

import click

from lamina.cli.errors import handle_errors
from lamina.config.schema import pack_json_schema
from lamina.rules.catalog import catalog


def schema_text() -> str:
    """Sorted keys, 2-space indent, trailing newline: byte-identical between runs. Rules of
    installed plugins are included: the schema describes the packs this installation reads."""
    specs = {code: kind.spec for code, kind in catalog(with_plugins=True).items()}
    return json.dumps(pack_json_schema(specs), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


@click.command("schema")
@click.option("--debug", is_flag=True, hidden=True)
@handle_errors
def schema_command(debug: bool) -> None:
    """Print the JSON Schema (draft 2020-12) of a lamina rule pack. Save it and point your
    editor's YAML support at it for completion and validation of lamina.yaml."""
    click.echo(schema_text(), nl=False)
