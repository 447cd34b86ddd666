"""The configuration stage with the rules in effect: the built-in rule specs and those of
installed plugins are what a pack may name. A plugin whose rules the pack enables becomes a
source of the configuration (``plugin:DIST``), digested by its installed version, so that
upgrading it re-runs what it computed."""

from __future__ import annotations

from lamina.cache.result_store import PLUGIN_SOURCE
from lamina.config.load import load_project as load_with_specs
from lamina.model.project import Project
from lamina.rules.catalog import catalog


def load_project(config: str | None, cwd: str) -> Project:
    """The validated ``Project`` of the configuration around ``cwd`` (``--config`` relative to it)."""
    kinds = catalog(with_plugins=True)
    project = load_with_specs(config, cwd, {code: kind.spec for code, kind in kinds.items()})
    plugins = sorted({
        PLUGIN_SOURCE + origin.distribution
        for origin in (kinds[rule.code].spec.origin for rule in project.rules)
        if origin is not None
    })  # fmt: skip
    return project._replace(sources=(*project.sources, *plugins)) if plugins else project
