"""``lamina report [--out DIR] [--folder PATH]... [--templates DIR] [--check]``: write or
drift-check the audit reports (docs/reports.md). Exit 0 written / up to date, 1 drift,
2 configuration or template error, 3 internal error."""

from __future__ import annotations

import os
import time

import click

from lamina.cli.check import stderr_warning
from lamina.cli.errors import handle_errors
from lamina.cli.options import analysis_options
from lamina.cli.report_files import OutputTree, TemplateDir
from lamina.cli.write_target import outside_root, outside_warning
from lamina.errors import UserError
from lamina.model.escape import one_line
from lamina.model.findings import Severity
from lamina.model.settings import RunSettings


@click.command("report")
@click.option("--out", type=click.Path(file_okay=False), default=None,
              help="Output directory, relative to the project root (default: [tool.lamina] report_out, 'reports').")
@click.option("--folder", "folders", multiple=True,
              help="Only this configured folder's summary and pages (root-relative path; repeatable).")
@click.option("--templates", type=click.Path(exists=True, file_okay=False), default=None,
              help="Directory whose folder_summary/script_page/pairing/index .md.j2 files replace the defaults.")
@click.option("--check", is_flag=True, help="Write nothing; exit 1 with a diff when the reports on disk differ.")
@click.option("--force", is_flag=True,
              help="Overwrite files at report paths that lack the generated-file marker (hand-written files).")
@analysis_options
@handle_errors
def report_command(
    out: str | None,
    folders: tuple[str, ...],
    templates: str | None,
    check: bool,
    force: bool,
    config: str | None,
    fail_on: str | None,
    cache_dir: str | None,
    no_cache: bool,
    jobs: int | None,
    timings: bool,
    debug: bool,
) -> None:
    """Render folder summaries, script pages, the pairing report and the index from the
    same analysis as `lamina check`; with --check, compare them with the files on disk."""
    started = time.perf_counter()
    from lamina.analysis import analyze_for_report, load_project
    from lamina.audit.documents import build_documents
    from lamina.audit.drift import compare, drift_report
    from lamina.audit.render import TemplateProblem, render_documents

    cwd = os.getcwd()
    project = load_project(config, cwd)
    selected = _selected_folders(folders, tuple(f.path.rstrip("/") for f in project.folders))
    tree = OutputTree(project.root, out or project.report_out)
    if not check:
        tree.check_base()  # before the analysis: a bad --out fails at once
        if outside_root(tree.base, project.root):
            click.echo(outside_warning("report directory", tree.display("")), err=True)
    template_dir = TemplateDir(templates)
    overrides = template_dir.overrides()
    settings = RunSettings(
        fail_on=Severity(fail_on) if fail_on else None, cache_dir=cache_dir, no_cache=no_cache, jobs=jobs,
        warn=stderr_warning(),
    )
    report_input = analyze_for_report(project, settings)
    documents = build_documents(report_input)
    try:
        rendered = render_documents(documents, overrides, template_dir.load)
    except TemplateProblem as problem:
        raise UserError(problem.message, path=problem.file, line=problem.line,
                        hint="fix the template (templates only loop over and print view fields)") from problem
    chosen = {d.path for d in documents if not d.folders or selected is None or set(d.folders) & selected}
    everything = set(rendered)
    searched = ("",) if selected is None else tuple(sorted(selected))
    stale = tree.stale(searched, everything)
    wanted = {path: rendered[path] for path in sorted(chosen)}
    committed = {path: tree.read(path) for path in wanted}
    if check:
        # A report is named after its script: the name may hold a newline or undecodable bytes.
        display = {path: one_line(tree.display(path)) for path in (*wanted, *stale)}
        drifts = compare(wanted, committed, stale, display)
        click.echo(drift_report(drifts, len(wanted)), nl=False)
        _timings(timings, report_input.result.timings, started)
        click.get_current_context().exit(1 if drifts else 0)
    changed = [path for path, text in wanted.items() if committed[path] != text]
    tree.check_writes({path: committed[path] for path in changed}, force)
    for path in changed:
        tree.write(path, wanted[path])
    for path in stale:
        tree.delete(path)
    click.echo(
        f"reports written to {one_line(tree.display('')).rstrip('/') or '.'}: {len(wanted)} files "
        f"({len(changed)} changed, {len(stale)} stale deleted)"
    )
    _timings(timings, report_input.result.timings, started)


def _selected_folders(given: tuple[str, ...], configured: tuple[str, ...]) -> set[str] | None:
    if not given:
        return None
    import difflib

    chosen = set()
    for folder in given:
        name = folder.replace(os.sep, "/").rstrip("/")
        if name not in configured:
            close = difflib.get_close_matches(name, configured, n=1, cutoff=0.6)
            hint = f"did you mean '{close[0]}'?" if close else "give a configured folder's root-relative path"
            raise UserError(f"'{folder}' is not a configured folder", hint=hint)
        chosen.add(name)
    return chosen


def _timings(enabled: bool, stages: tuple[tuple[str, float, str], ...], started: float) -> None:
    if not enabled:
        return
    for stage, seconds, note in stages:
        click.echo(f"lamina: {stage:<9} {seconds * 1000:8.1f} ms" + (f"  {note}" if note else ""), err=True)
    click.echo(f"lamina: {time.perf_counter() - started:.2f} s", err=True)
