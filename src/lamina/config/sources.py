"""Where the configuration comes from (docs/packs.md#1-where-configuration-comes-from) and the project root
(docs/packs.md)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from lamina.config.toml_table import read_tool_table
from lamina.config.yaml_nodes import YMap
from lamina.errors import UserError
from lamina.locate import walk_up

NO_CONFIG = "no lamina configuration found; run 'lamina init' or pass --config"
PACK_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True, slots=True)
class ConfigSource:
    """The project root, the config file and its ``[tool.lamina]`` table (``None`` for a pack)."""

    root: Path
    file: Path
    tool: YMap | None

    def display(self, path: Path) -> str:
        return display_path(path, self.root)


def display_path(path: Path, root: Path) -> str:
    """``path`` relative to ``root`` (POSIX); absolute POSIX when it lies outside the root."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def find_config(config: str | None, cwd: str) -> ConfigSource:
    """The configuration for a run started in ``cwd``, optionally forced by ``--config``."""
    start = Path(os.path.abspath(cwd))
    if config is None:
        found = _walk_up(start)
        if found is None:
            raise UserError(NO_CONFIG, hint="lamina looks for a pyproject.toml with [tool.lamina] from the "
                            "current directory up to the repository root")
        return found
    path = Path(config) if os.path.isabs(config) else start / config
    path = Path(os.path.abspath(path))
    if not path.is_file():
        raise UserError(f"configuration file not found: {config}",
                        hint="--config takes a pyproject.toml or a pack .yaml file")
    if path.suffix in PACK_SUFFIXES:
        # A pack given directly: the root is still the project that holds [tool.lamina],
        # so that paths keep their meaning; without one, the current directory.
        found = _walk_up(start)
        return ConfigSource(found.root if found else start, path, None)
    if path.suffix != ".toml":
        raise UserError(f"unsupported configuration file: {config}",
                        hint="--config takes a pyproject.toml or a pack .yaml file")
    table = read_tool_table(path, display_path(path, path.parent))
    if table is None:
        raise UserError(f"no [tool.lamina] table in {config}", hint="run 'lamina init'")
    return ConfigSource(path.parent, path, table)


def _walk_up(start: Path) -> ConfigSource | None:
    """The nearest pyproject.toml with ``[tool.lamina]``, not crossing a ``.git`` directory:
    the one locator every command and the cache use (``lamina.locate``)."""
    found = walk_up(str(start))
    if found is None:
        return None
    directory, candidate = Path(found.root), Path(found.config_file)
    table = read_tool_table(candidate, display_path(candidate, directory))
    return ConfigSource(directory, candidate, table) if table is not None else None
