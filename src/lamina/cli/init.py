"""``lamina init [--preset hoc] [--force]``: write a starter configuration.

Writes a rule pack (``lamina.yaml``) and a ``[tool.lamina]`` table in pyproject.toml,
appended to an existing file (every other byte kept) or in a new one. An existing
configuration is never overwritten without ``--force`` (exit 2), so running init twice
cannot destroy a tuned pack.
"""

from __future__ import annotations

import os
import tempfile

import click

from lamina.cli.errors import handle_errors
from lamina.cli.write_target import check_target, write_error
from lamina.config import starter
from lamina.config.pyproject_edit import lamina_table, parse, with_lamina_table
from lamina.errors import UserError

PRESETS = ("hoc",)


def write_file(path: str, text: str) -> None:
    """Atomic write that keeps an existing file's permissions (new files: 0666 - umask)."""
    directory = os.path.dirname(path) or "."
    mode = os.stat(path).st_mode & 0o7777 if os.path.exists(path) else None
    fd, temp = tempfile.mkstemp(prefix=".lamina-init-", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        if mode is None:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(temp, mode)
        os.replace(temp, path)
    except BaseException:
        if os.path.exists(temp):
            os.unlink(temp)
        raise


def _read_text(path: str, shown: str) -> str:
    with open(path, "rb") as handle:
        data = handle.read()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        raise UserError(f"file is not UTF-8 (byte {error.start}); TOML files must be UTF-8", path=shown,
                        line=line, column=column, hint="re-save it as UTF-8, then run lamina init again") from None


def _refuse(what: str) -> UserError:
    return UserError(f"{what} already exists; lamina init does not overwrite a configuration",
                     hint="pass --force to replace it")


@click.command("init")
@click.option("--preset", type=click.Choice(PRESETS), default=None,
              help="Start from a bundled pack (a pack that extends builtin:NAME) instead of "
                   "layers guessed from folder names.")
@click.option("--force", is_flag=True, help="Replace an existing lamina.yaml and [tool.lamina].")
@click.option("--debug", is_flag=True, hidden=True)
@handle_errors
def init_command(preset: str | None, force: bool, debug: bool) -> None:
    """Write a starter configuration for the project in the current directory: a rule pack
    (lamina.yaml) and [tool.lamina] in pyproject.toml. Exit 2 when either exists (--force
    replaces them)."""
    root = os.getcwd()
    pyproject = os.path.join(root, "pyproject.toml")
    pack_path = os.path.join(root, starter.PACK_FILE)
    for path in (pyproject, pack_path):
        check_target(path, os.path.basename(path), "lamina init (run it in the project root)")
    text = ""
    if os.path.exists(pyproject):
        text = _read_text(pyproject, "pyproject.toml")
        if lamina_table(parse(text, "pyproject.toml")) is not None and not force:
            raise _refuse("[tool.lamina] in pyproject.toml")
    if os.path.exists(pack_path) and not force:
        raise _refuse(starter.PACK_FILE)
    # Compute everything before writing anything: a refused edit leaves no half-written state.
    updated = with_lamina_table(text, starter.render_tool_table())
    if preset:
        roots = starter.detect_roots(root, marker="app/hoc" if preset == "hoc" else "")
        pack = starter.render_preset_pack(preset, roots)
        described = f"extends builtin:{preset}"
    else:
        found = starter.detect(root)
        pack = starter.render_pack(found)
        described = (
            f"{len(found.layers)} layers from folder names: "
            + ", ".join(f"{layer.name} ({len(layer.paths)} paths)" for layer in found.layers)
            if found.layers else "no layer-like folder found; describe your layers in it"
        )
    for path, content in ((pack_path, pack), (pyproject, updated)):
        try:
            write_file(path, content)
        except OSError as error:
            raise write_error(error, os.path.basename(path), "lamina init (run it in the project root)") from None
    click.echo(f"lamina: wrote {starter.PACK_FILE} ({described})")
    click.echo(f"lamina: {'updated' if text else 'wrote'} pyproject.toml ([tool.lamina])")
    click.echo("next:")
    click.echo("  lamina check       see what the pack finds; adjust lamina.yaml until the layers are right")
    click.echo("  lamina baseline    record today's findings: from then on only new ones fail")
    click.echo("  lamina schema      JSON Schema of lamina.yaml, for editor completion")
