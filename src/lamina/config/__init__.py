"""Floor 2: the configuration stage (docs/packs.md).

``load_project`` finds the configuration (pyproject ``[tool.lamina]`` or ``--config``),
reads the packs with the safe YAML composer, merges ``extends``, validates strictly and
returns a frozen ``Project``; the rules a pack may name (``specs``) come from the caller,
since rules live on a higher floor. ``pack_json_schema`` is the JSON Schema of a pack.

Both are imported on first use: rules import ``lamina.config.rulespec`` on every run, and a
run that reuses its stored project must not pay for the YAML loader.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lamina.config.load import load_project
    from lamina.config.schema import pack_json_schema

__all__ = ["load_project", "pack_json_schema"]


def __getattr__(name: str) -> object:
    if name == "load_project":
        from lamina.config.load import load_project

        return load_project
    if name == "pack_json_schema":
        from lamina.config.schema import pack_json_schema

        return pack_json_schema
    raise AttributeError(f"module 'lamina.config' has no attribute {name!r}")
