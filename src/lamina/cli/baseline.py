"""``lamina baseline [--update] [--allow-growth]``: write or shrink the baseline
(docs/rule-semantics.md#baseline). Exit 0 written, 1 growth refused, 2 usage error, 3 internal error."""

from __future__ import annotations

import os
from dataclasses import dataclass

import click

from lamina.cli.errors import handle_errors
from lamina.cli.options import config_option
from lamina.errors import UserError
from lamina.model.escape import one_line
from lamina.model.findings import Finding

_SETTING = "'baseline' in [tool.lamina]"


@dataclass(frozen=True, slots=True)
class BaselineRun:
    """What one ``lamina baseline`` run did (or refused to do)."""

    path: str  # project-relative path of the baseline file
    entries: int
    findings: int
    growth: tuple[Finding, ...]
    refused: bool
    dropped: int
    lowered: int
    written: bool  # False when refused or when the bytes were already on disk
    left_open: int  # open findings that can never be baselined (LAM004, LAM5xx, packs)
    outside: bool = False  # the file lies outside the project root (allowed, but warned about)


def write_baseline(config: str | None, cwd: str, update: bool, allow_growth: bool) -> BaselineRun:
    """Analyze the project and write its baseline; the plain function behind the command."""
    from lamina.analysis import analyze, load_project
    from lamina.cli.write_target import check_target, outside_root, write_output
    from lamina.model.findings import FindingStatus
    from lamina.parsing.source_text import read_source_texts
    from lamina.suppression import baselinable, parse_baseline, plan_baseline, read_baseline, render_baseline

    project = load_project(config, cwd)
    target = os.path.join(project.root, project.baseline)
    existing = read_baseline(target, project.baseline)
    check_target(target, project.baseline, _SETTING)  # before the analysis, not after
    if existing is not None and not update:
        raise UserError(f"baseline '{project.baseline}' already exists",
                        hint="run 'lamina baseline --update' to shrink it (new findings need --allow-growth)")
    if existing is None and update:
        raise UserError(f"baseline '{project.baseline}' does not exist", hint="run 'lamina baseline' to create it")
    # Parsed up front: a malformed file is a usage error before any analysis work is done.
    previous = parse_baseline(existing, project.baseline) if existing is not None else None
    result = analyze(project)
    sources = frozenset(result.files)
    texts = read_source_texts(project.root, {f.path for f in result.findings if f.path in sources})
    plan = plan_baseline(result.findings, texts, sources, previous, allow_growth)
    written = False
    if not plan.refused:
        data = render_baseline(plan.entries)
        if data != existing:
            write_output(target, data, project.baseline, _SETTING)
            written = True
    # Stale entries (LAM503) disappear with this very write, so they are not left open.
    left_open = sum(
        1 for f in result.findings
        if f.status is FindingStatus.OPEN and f.code != "LAM503" and not baselinable(f, sources)
    )
    return BaselineRun(project.baseline, len(plan.entries), plan.findings, plan.growth, plan.refused,
                       plan.dropped, plan.lowered, written, left_open, outside_root(target, project.root))


def _plural(count: int, singular: str, plural: str = "") -> str:
    return f"{count} {singular if count == 1 else (plural or singular + 's')}"


@click.command("baseline")
@click.option("--update", is_flag=True,
              help="Rewrite an existing baseline: drop stale entries and lower counts.")
@click.option("--allow-growth", is_flag=True,
              help="With --update, also add findings the baseline does not cover yet.")
@config_option
@click.option("--debug", is_flag=True, help="Re-raise internal errors with a traceback.")
@handle_errors
def baseline_command(update: bool, allow_growth: bool, config: str | None, debug: bool) -> None:
    """Write the current findings to the baseline file, so that 'lamina check' fails only
    on new ones. Exit 0 written, 1 new findings refused (without --allow-growth), 2 usage
    or configuration error, 3 internal error."""
    if allow_growth and not update:
        raise UserError("--allow-growth needs --update", hint="a new baseline always records every finding")
    run = write_baseline(config, os.getcwd(), update, allow_growth)
    if run.outside:
        from lamina.cli.write_target import outside_warning

        click.echo(outside_warning("baseline", run.path), err=True)
    if run.refused:
        for finding in run.growth:
            click.echo(
                f"{one_line(finding.path)}:{finding.line}:{finding.column}: {finding.code} {one_line(finding.message)}"
            )
        click.echo(
            f"lamina: {_plural(len(run.growth), 'new finding')} not in {run.path}; the baseline only shrinks "
            "unless --allow-growth is given (fix them, suppress them with a reason, or pass --allow-growth)"
        )
        click.get_current_context().exit(1)
    verb = ("updated" if run.written else "unchanged") if update else "wrote"
    line = (
        f"lamina: {verb} {run.path}: {_plural(run.entries, 'entry', 'entries')} for {_plural(run.findings, 'finding')}"
    )
    if update:
        line += f" ({run.dropped} dropped, {run.lowered} lowered, {len(run.growth)} added)"
    click.echo(line)
    if run.left_open:
        click.echo(f"lamina: {_plural(run.left_open, 'open finding')} not recorded: LAM004, LAM5xx and "
                   "findings located in packs are never baselined", err=True)
