"""The configuration stage: pyproject / --config → packs → merged, validated ``Project``.

Every problem is collected and raised together as ``ConfigErrors`` (exit 2), each at its
``file:line:col``; a Project is returned only when the configuration is entirely valid.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from lamina.config.build_extras import build_folders, build_operations, build_pairing
from lamina.config.build_layout import (
    build_domains,
    build_header,
    build_layers,
    build_roles,
)
from lamina.config.build_rules import build_rules
from lamina.config.check import Checker
from lamina.config.issues import Issues
from lamina.config.merge import Merged, merge_packs
from lamina.config.packs import PackLoader
from lamina.config.references import Names
from lamina.config.rulespec import SpecIndex
from lamina.config.schema import TOOL
from lamina.config.sources import ConfigSource, find_config
from lamina.config.yaml_nodes import YMap, YScalar, YSeq, integer, string, strs
from lamina.model.findings import Severity
from lamina.model.project import Mark, Project


def load_project(config: str | None, cwd: str, specs: SpecIndex) -> Project:
    """Load and validate the configuration of the project around ``cwd``.

    ``config`` is ``--config PATH`` (a pyproject.toml or a pack .yaml), relative to
    ``cwd``; ``specs`` are the rules packs may name (the catalog's, plugins included). Raises
    ``UserError`` when no configuration exists and ``ConfigErrors`` with every error found
    when it is invalid.
    """
    source = find_config(config, cwd)
    issues = Issues()
    tool = _check_tool(source, issues)
    loader = PackLoader(source.root, issues, specs)
    references = _pack_references(source, tool)
    for ref, base_dir, mark in references:
        loader.apply(ref, base_dir, mark)
    merged = merge_packs(loader.packs, issues, specs)
    if tool is not None:
        # [tool.lamina] roots/exclude override whatever the packs merged to.
        for key in ("roots", "exclude"):
            value = tool.get(key)
            if value is not None:
                merged.values[key] = value
    project = _build(source, tool, merged, [pack.display for pack in loader.packs], issues, specs)
    issues.raise_if_any()
    # A pack given as --config was chosen on the command line, not referenced: no warning.
    chosen = [(ref, mark) for ref, _, mark in references] if source.tool is None else []
    _warn_outside([item for item in loader.outside if item not in chosen])
    config_file = Path(os.path.abspath(source.file)).as_posix()
    return project._replace(sources=(config_file, *(f for f in loader.files if f != config_file)))


def _warn_outside(outside: list[tuple[str, Mark]]) -> None:
    """One stderr line per extended pack outside the project root. Printed when the
    configuration is read (a warm run reuses it silently); never on stdout, which carries
    the findings."""
    for ref, mark in outside:
        sys.stderr.write(f"{mark.file}:{mark.line}:{mark.column}: warning: pack '{ref}' lies outside the "
                         "project root; it can change without a change in this repository\n")


def _check_tool(source: ConfigSource, issues: Issues) -> YMap | None:
    if source.tool is None:
        return None
    checked = Checker(issues, "[tool.lamina]").check(source.tool, TOOL)
    return checked if isinstance(checked, YMap) else None


def _pack_references(source: ConfigSource, tool: YMap | None) -> list[tuple[str, Path, Mark]]:
    if source.tool is None:
        # --config PACK.yaml: the pack itself is the configuration.
        return [(str(source.file), source.file.parent, Mark(source.display(source.file), 1, 1))]
    packs = tool.get("packs") if tool is not None else None
    if not isinstance(packs, YSeq):
        return []
    refs = []
    for item in packs.items:
        assert isinstance(item, YScalar) and isinstance(item.value, str)
        refs.append((item.value, source.file.parent, item.mark))
    return refs


def _build(source: ConfigSource, tool: YMap | None, merged: Merged, packs: list[str],
           issues: Issues, specs: SpecIndex) -> Project:
    layers = build_layers(merged)
    roles = build_roles(merged)
    names = Names(layers, roles, issues)
    table = tool if tool is not None else YMap((), Mark("", 0, 0))
    defaults = Project(root="", config_file="", packs=())
    fail_on = string(table.get("fail_on"))
    return Project(
        root=Path(os.path.abspath(source.root)).as_posix(),
        config_file=source.display(source.file),
        packs=tuple(packs),
        roots=strs(merged.values.get("roots"), default=(".",)),
        exclude=strs(merged.values.get("exclude")),
        header=build_header(merged),
        domains=build_domains(merged, issues),
        layers=layers,
        roles=roles,
        operations=build_operations(merged, names, issues),
        folders=build_folders(merged, issues),
        pairing=build_pairing(merged, names, issues),
        rules=build_rules(merged, names, issues, specs),
        fail_on=Severity(fail_on) if fail_on else defaults.fail_on,
        baseline=string(table.get("baseline")) or defaults.baseline,
        cache_dir=string(table.get("cache_dir")) or defaults.cache_dir,
        report_out=string(table.get("report_out")) or defaults.report_out,
        jobs=integer(table.get("jobs"), defaults.jobs),
        name=merged.name,
    )
