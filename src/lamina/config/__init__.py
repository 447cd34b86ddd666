"""Floor 2: the configuration stage (docs/packs.md).

``load_project`` finds the configuration (pyproject ``[tool.lamina]`` or ``--config``),
reads the packs with the safe YAML composer, merges ``extends``, validates strictly and
returns a frozen ``Project``; the rules a pack may name (``specs``) come from the caller,
since rules live on a higher floor. ``pack_json_schema`` is the JSON Schema of a pack.
"""

from __future__ import annotations

from lamina.config.load import load_project
from lamina.config.schema import pack_json_schema

__all__ = ["load_project", "pack_json_schema"]
