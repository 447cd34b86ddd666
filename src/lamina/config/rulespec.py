"""``RuleSpec``: everything lamina knows about a rule kind, declared once, next to its code.

Each rule module (built-in ``lamina.rules.*`` or a plugin registered under the
``lamina.rules`` entry-point group) exposes ``SPEC`` and ``check``. The catalog collects
them; the configuration schema, ``lamina explain``, ``lamina rules``, the JSON Schema of
packs, the engine's reuse decisions (locality) and the cache key all read the spec, so no
other list in lamina names a rule.

The spec lives on floor 2 because its option schema is written in the configuration's
schema vocabulary (``schema_types``); rules (floor 4) declare specs, and the configuration
loader receives them from its caller instead of importing the rules.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Mapping
from enum import Enum
from typing import NamedTuple

from lamina.config.schema_types import Field, MapOf, Record, describe
from lamina.model.codes import Locality, Needs, Reads
from lamina.model.findings import Severity
from lamina.model.options import ImportKinds, NoOptions

# A code is a prefix of capitals and three or four digits; ``LAM`` belongs to lamina.
CODE_PATTERN = re.compile(r"^[A-Z][A-Z0-9]{1,9}[0-9]{3,4}$")
BUILTIN_PREFIX = "LAM"


class Example(NamedTuple):
    """A short source snippet shown on the rule's page; ``fires`` says whether it is reported."""

    title: str
    source: str
    fires: bool = True


class PluginOrigin(NamedTuple):
    """Where a plugin rule comes from: its distribution, version and entry point. Part of
    the cache key, so that upgrading a plugin re-runs its rule."""

    distribution: str
    version: str
    entry_point: str

    def describe(self) -> str:
        return f"{self.distribution} {self.version} (entry point '{self.entry_point}')"


class RuleSpec(NamedTuple):
    """One rule kind.

    ``reads`` names the facts the rule consumes: ``CALLS``/``DEFINITIONS`` make files be
    extracted with their code facts, ``GRAPH`` builds the import graph. ``locality`` says
    what a finding may depend on (see ``Locality``); it decides what a one-file run may
    reuse, so a rule reading other files' facts must say ``GLOBAL``.
    """

    code: str
    name: str
    family: str
    severity: Severity
    doc: str
    reads: frozenset[Reads] = frozenset({Reads.IMPORTS})
    locality: Locality = Locality.LOCAL
    options: type = NoOptions
    option_fields: tuple[Field, ...] = ()
    always_on: bool = False
    status: str = "stable"
    since: str = "0.1.0"
    examples: tuple[Example, ...] = ()
    origin: PluginOrigin | None = None

    @property
    def needs(self) -> Needs:
        if Reads.GRAPH in self.reads:
            return Needs.GRAPH
        return Needs.FACTS if self.reads else Needs.NOTHING

    @property
    def reads_code(self) -> bool:
        return bool(self.reads & {Reads.CALLS, Reads.DEFINITIONS})

    @property
    def is_plugin(self) -> bool:
        return self.origin is not None

    def options_record(self) -> Record:
        """The schema of the rule's ``options``, its documented defaults read from the
        options type so that they cannot drift from what the rule uses."""
        if not self.option_fields:
            return Record(())
        instance = self.options()
        return Record(tuple(
            field if field.required else dataclasses.replace(field, default=_documented(field, instance))
            for field in self.option_fields
        ))  # fmt: skip

    def page(self) -> str:
        """The documentation below the title: the rule's text, then a generated options
        table and the examples (``lamina explain``, SARIF help, docs/rules.md)."""
        parts = [self.doc.rstrip() + "\n"]
        table = options_table(self)
        if table:
            parts.append("Option schema (types and defaults, from the options type):\n" + table)
        for example in self.examples:
            verdict = "reported" if example.fires else "not reported"
            body = "\n".join("    " + line if line else "" for line in example.source.rstrip().splitlines())
            parts.append(f"Example ({example.title}, {verdict}):\n{body}\n")
        return "\n".join(parts)


def _documented(field: Field, options: object) -> object:
    value = json_default(getattr(options, field.attribute))
    # Mappings are held as tuples of pairs; an empty one is still written ``{}``.
    return {} if isinstance(field.spec, MapOf) and value == [] else value


def json_default(value: object) -> object:
    """An option default as JSON (tuples → lists, ImportKinds → include/ignore)."""
    if isinstance(value, ImportKinds):
        return {name: "include" if getattr(value, name) else "ignore" for name in value._fields}
    if isinstance(value, tuple):
        return [json_default(v) for v in value]
    if isinstance(value, Enum):
        return value.value
    return value


def options_table(spec: RuleSpec) -> str:
    """One line per option: name, type, default or ``(required)``, and its doc."""
    lines = []
    for field in spec.options_record().fields:
        default = "(required)" if field.required else f"default {_short(field.default)}"
        doc = f"  {field.doc}" if field.doc else ""
        lines.append(f"    {field.name}: {describe(field.spec)}  {default}{doc}")
    return "\n".join(lines) + ("\n" if lines else "")


def _short(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


SpecIndex = Mapping[str, RuleSpec]


def spec_problem(spec: object, builtin: bool) -> str | None:
    """Why an object cannot serve as a rule spec (None when it can)."""
    if not isinstance(spec, RuleSpec):
        return f"SPEC is a {type(spec).__name__}, not a lamina.api.RuleSpec"
    if not CODE_PATTERN.match(spec.code):
        return f"code '{spec.code}' is not a prefix of capitals followed by 3 or 4 digits"
    if builtin != spec.code.startswith(BUILTIN_PREFIX):
        return f"code '{spec.code}': the prefix {BUILTIN_PREFIX} is reserved for lamina's own rules"
    if not re.match(r"^[a-z][a-z0-9-]*$", spec.name):
        return f"name '{spec.name}' is not kebab-case"
    if not isinstance(spec.severity, Severity) or not isinstance(spec.locality, Locality):
        return "severity and locality must be lamina.api.Severity and lamina.api.Locality values"
    if not all(isinstance(r, Reads) for r in spec.reads):
        return "reads must hold lamina.api.Reads values"
    return None
