"""``lamina fix [PATHS]``: apply the fixes of the open findings, then report what remains."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import click

from lamina.cli.check import stderr_warning, use_color
from lamina.cli.errors import handle_errors
from lamina.cli.filters import project_paths
from lamina.cli.options import analysis_options
from lamina.errors import UserError
from lamina.model.escape import one_line
from lamina.model.findings import Severity
from lamina.model.settings import RunSettings

if TYPE_CHECKING:
    from lamina.fix.run import FileChange


def _codes(option: str, given: str | None) -> frozenset[str] | None:
    if given is None:
        return None
    from lamina.rules.catalog import catalog

    known = catalog()
    codes = frozenset(code.strip().upper() for code in given.split(",") if code.strip())
    unknown = sorted(codes - set(known))
    if unknown:
        raise UserError(f"{option}: unknown rule code '{unknown[0]}'", hint="run 'lamina rules' for the list of codes")
    return codes


@click.command("fix")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--diff", is_flag=True,
              help="Print the fixes as a unified diff and write nothing (exit 1 when there is one).")
@click.option("--unsafe", is_flag=True, help="Also apply unsafe fixes (they may change behaviour: review them).")
@click.option("--select", default=None, metavar="CODES", help="Fix only these codes (comma-separated).")
@click.option("--ignore", default=None, metavar="CODES", help="Do not fix these codes (comma-separated).")
@click.option("--exit-on-change", is_flag=True,
              help="Exit 1 when files were changed, else 0: the remaining findings are for 'lamina check' "
                   "(the pre-commit hook, like a formatter).")
@analysis_options
@handle_errors
def fix_command(
    paths: tuple[str, ...],
    diff: bool,
    unsafe: bool,
    select: str | None,
    ignore: str | None,
    exit_on_change: bool,
    config: str | None,
    fail_on: str | None,
    cache_dir: str | None,
    no_cache: bool,
    jobs: int | None,
    timings: bool,
    debug: bool,
) -> None:
    """Analyze like 'lamina check', apply the fixes of the open findings located in PATHS
    (default: all) and repeat until nothing more is fixable; then print what was fixed and
    what remains. Safe fixes only, unless --unsafe. Exit codes as 'lamina check' (with
    --diff: 1 when there is something to fix; with --exit-on-change: 1 when files changed)."""
    from lamina.analysis import load_project
    from lamina.fix.run import FixOptions, run_fix
    from lamina.outputs.text import render_text

    cwd = os.getcwd()
    options = FixOptions(unsafe=unsafe, diff=diff, select=_codes("--select", select),
                         ignore=_codes("--ignore", ignore) or frozenset())  # fmt: skip
    selected = project_paths(paths, cwd, config)
    project = load_project(config, cwd)
    settings = RunSettings(paths=selected or (), fail_on=Severity(fail_on) if fail_on else None,
                           cache_dir=cache_dir, no_cache=no_cache, jobs=jobs, warn=stderr_warning())  # fmt: skip
    outcome = run_fix(project, settings, options)
    for path in outcome.skipped:
        click.echo(f"lamina: {one_line(path)}: changed on disk since it was analysed; not fixed", err=True)
    if diff:
        click.echo(unified_diff(outcome.changes), nl=False)
        fixed = sum(len(change.codes) for change in outcome.changes)
        click.echo(f"lamina: {fixed} fix{'' if fixed == 1 else 'es'} to apply in "
                   f"{len({c.path for c in outcome.changes})} file(s)", err=True)  # fmt: skip
        click.get_current_context().exit(1 if outcome.changes else outcome.result.exit_code)
    for line in fixed_lines(outcome.changes):
        click.echo(line)
    click.echo(render_text(outcome.result, color=use_color(), fixes=outcome.fixes), nl=False)
    if exit_on_change:
        click.get_current_context().exit(1 if outcome.changes else 0)
    click.get_current_context().exit(outcome.result.exit_code)


def fixed_lines(changes: tuple[FileChange, ...]) -> list[str]:
    """``fixed 2 in path (LAM302, LAM303)`` per file, in path order (rounds summed)."""
    by_path: dict[str, list[str]] = {}
    for change in changes:
        by_path.setdefault(change.path, []).extend(change.codes)
    lines = []
    for path in sorted(by_path):
        codes = sorted(by_path[path])
        lines.append(f"fixed {len(codes)} in {one_line(path)} ({', '.join(sorted(set(codes)))})")
    if lines:
        lines.append("")
    return lines


def unified_diff(changes: tuple[FileChange, ...]) -> str:
    import difflib

    out: list[str] = []
    for change in changes:
        before = change.before.decode("utf-8").splitlines(keepends=True)
        after = change.after.decode("utf-8").splitlines(keepends=True)
        name = one_line(change.path)
        for line in difflib.unified_diff(before, after, f"a/{name}", f"b/{name}"):
            out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(out)


