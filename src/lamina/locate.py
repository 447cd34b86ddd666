"""The one configuration locator: which file configures the run started in a directory,
and which directory is the project root (docs/packs.md#1-where-configuration-comes-from).

Every command and the cache use it, so they can never disagree about the configuration
(a nested ``pyproject.toml`` that writes ``[tool]`` / ``lamina = {...}`` is found like one
that writes ``[tool.lamina]``). Standard library only: the cached path imports no YAML.
"""

from __future__ import annotations

import os
import sys
from typing import NamedTuple

PACK_SUFFIXES = (".yaml", ".yml")


class Located(NamedTuple):
    config_file: str  # absolute path of the pyproject.toml or pack
    root: str  # absolute project root
    table: dict[str, object]  # the [tool.lamina] table; {} for a pack given as --config


def tool_table(path: str) -> dict[str, object] | None:
    """The ``tool.lamina`` table of a TOML file, or None when it has none. A file that
    mentions lamina but is not valid TOML counts as configured (an empty table): the search
    stops there and the loader reports the error with its position, instead of silently
    using a configuration further up."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read()
    except OSError:
        return None
    if b"lamina" not in raw:  # a table named lamina needs the word; most pyprojects are skipped unparsed
        return None
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # Python 3.10: the same parser under its backport name
        import tomli as tomllib
    try:
        tool = tomllib.loads(raw.decode("utf-8")).get("tool")
    except (ValueError, UnicodeDecodeError, RecursionError):
        return {}
    table = tool.get("lamina") if isinstance(tool, dict) else None
    return table if isinstance(table, dict) else None


def walk_up(start: str) -> Located | None:
    """The nearest ``pyproject.toml`` with a lamina table, not crossing a ``.git`` directory."""
    directory = os.path.abspath(start)
    while True:
        candidate = os.path.join(directory, "pyproject.toml")
        if os.path.isfile(candidate):
            table = tool_table(candidate)
            if table is not None:
                return Located(candidate, directory, table)
        if os.path.exists(os.path.join(directory, ".git")):
            return None
        parent = os.path.dirname(directory)
        if parent == directory:
            return None
        directory = parent


def locate(config: str | None, cwd: str) -> Located | None:
    """The configuration of a run in ``cwd`` (``config`` is ``--config``), or None when
    there is none or it cannot be read: the loader then reports why, at a position."""
    start = os.path.abspath(cwd)
    if config is None:
        return walk_up(start)
    path = os.path.abspath(os.path.join(start, config))
    if not os.path.isfile(path):
        return None
    if path.endswith(PACK_SUFFIXES):
        # A pack given directly: the root is still the project that holds [tool.lamina].
        found = walk_up(start)
        return Located(path, found.root if found else start, {})
    if not path.endswith(".toml"):
        return None
    table = tool_table(path)
    return Located(path, os.path.dirname(path), table) if table is not None else None
