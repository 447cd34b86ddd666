"""The syntax of each named string form of the schema (``Str(form=...)``).

Forms are checked per pack while its YAML is validated; whether a named layer, zone or
role exists is checked later, once every pack is merged (``references.py``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from types import MappingProxyType

from lamina.config import validate_globs as g
from lamina.config.schema_types import NAME_PATTERNS

_NAME_MESSAGES = MappingProxyType({
    "rule_id": "rule id '{text}' is not kebab-case ([a-z][a-z0-9-]*)",
    "layer_name": "layer name '{text}' must match [A-Za-z][A-Za-z0-9_.]*",
    "role_name": "role name '{text}' must match [a-z][a-z0-9_]*",
    "zone_name": "zone name '{text}' must match [A-Za-z][A-Za-z0-9_]*",
})
_MATRIX_TARGET = re.compile(
    r"^(?P<layer>[A-Za-z][A-Za-z0-9_.]*)(?::(?P<zone>[A-Za-z][A-Za-z0-9_]*))?(?:@(?P<domain>same|other))?$"
)


@dataclass(frozen=True, slots=True)
class Selector:
    """``layer:NAME``, ``layer:NAME:ZONE`` or ``role:NAME``; a path glob has kind ``glob``."""

    kind: str  # layer | role | glob
    name: str
    zone: str | None = None


def parse_selector(text: str) -> Selector | None:
    """The selector named by ``text``; ``None`` when a ``layer:``/``role:`` form is malformed."""
    if text.startswith("layer:"):
        parts = text.split(":")
        if len(parts) not in (2, 3) or not all(parts[1:]):
            return None
        return Selector("layer", parts[1], parts[2] if len(parts) == 3 else None)
    if text.startswith("role:"):
        parts = text.split(":")
        if len(parts) != 2 or not parts[1]:
            return None
        return Selector("role", parts[1])
    return Selector("glob", text)


def parse_matrix_target(text: str) -> tuple[str, str | None, str | None] | None:
    """(layer, zone, same|other) of a matrix entry, or ``None`` when malformed."""
    match = _MATRIX_TARGET.match(text)
    if match is None:
        return None
    return match.group("layer"), match.group("zone"), match.group("domain")


def _selector_problem(text: str, where: str, modules_allowed: bool) -> str | None:
    if text.startswith(("layer:", "role:")):
        if parse_selector(text) is None:
            return (
                f"malformed selector '{text}' at '{where}' "
                "(expected layer:NAME, layer:NAME:ZONE or role:NAME)"
            )
        return None
    if modules_allowed and "/" not in text and not text.endswith(".py"):
        return g.module_problem(text, where)
    return g.glob_problem(text, where)


def form_problem(form: str, text: str, where: str) -> str | None:
    """The error message for ``text`` written at ``where`` in form ``form``, else ``None``."""
    if form in NAME_PATTERNS:
        if re.match(NAME_PATTERNS[form], text):
            return None
        return _NAME_MESSAGES[form].format(text=text)
    if form == "glob":
        return g.glob_problem(text, where)
    if form == "domain_glob":
        return g.glob_problem(text, where, g.OPTIONAL)
    if form == "domain_source":
        return g.glob_problem(text, where, g.EXACTLY_ONE)
    if form == "module":
        return g.module_problem(text, where)
    if form in ("name_glob", "call"):
        # Call patterns are dotted globs over callee text; like name globs they never
        # contain '/' or captures.
        return g.name_glob_problem(text, where)
    if form == "dir_path":
        return g.dir_path_problem(text, where)
    if form == "relative_dir":
        return g.relative_dir_problem(text, where)
    if form == "selector":
        return _selector_problem(text, where, modules_allowed=False)
    if form == "module_or_selector":
        return _selector_problem(text, where, modules_allowed=True)
    if form == "matrix_target":
        if parse_matrix_target(text) is None:
            return (
                f"invalid matrix target '{text}' at '{where}' "
                "(expected X, X:zone, X@same or X@other)"
            )
        return None
    return None
