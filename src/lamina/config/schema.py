"""The rule-pack format (docs/packs.md) and ``[tool.lamina]``, written as data.

``pack_record(specs)`` and ``TOOL`` drive validation; ``pack_json_schema`` turns the same data into
the JSON Schema that ``lamina schema`` prints. Option defaults shown in the JSON Schema
are read from the option dataclasses, so they cannot drift from what rules use.
"""

from __future__ import annotations

import dataclasses

from lamina.config.rulespec import SpecIndex
from lamina.config.schema_types import (
    AnyOf,
    Bool,
    ByCode,
    Choice,
    Field,
    Int,
    IntOrStr,
    ListOf,
    MapOf,
    Record,
    Spec,
    Str,
    to_json_schema,
)

STRS = ListOf(Str())
GLOBS = ListOf(Str("glob"))
DOMAIN_GLOBS = ListOf(Str("domain_glob"))
SELECTORS = ListOf(Str("selector"))
SEVERITIES = ("error", "warning", "info", "off")
INCLUDE = Choice(("include", "ignore"), "import setting")

IMPORTS = Record(
    (Field("lazy", INCLUDE), Field("type_checking", INCLUDE), Field("importlib", INCLUDE)),
    doc="Which import kinds the rule reads.",
)

HEADER = Record(
    (
        Field("max_lines", Int(minimum=1), default=50),
        Field("layer_field", Str(), default="Layer"),
        Field("role_field", Str(), default="Role"),
        Field("fallback", Bool(), default=False,
              doc="Place unmatched files by their header claim."),
    ),
    doc="How header comments are read (docs/packs.md#8-header).",
)

DOMAINS = Record(
    (
        Field("from", ListOf(Str("domain_source"), min_items=1),
              doc="Directory patterns with one {domain}."),
        Field("exclude", ListOf(Str("name_glob")), default=[], doc="Domain names to drop."),
    ),
    doc="How domains are derived from the tree (docs/packs.md#5-domains).",
)

LAYER = Record(
    (
        Field("name", Str("layer_name"), required=True),
        Field("paths", DOMAIN_GLOBS, required=True),
        Field("modules", ListOf(Str("module")), default=[]),
        Field("zones", MapOf(DOMAIN_GLOBS, key=Str("zone_name")), default={}),
        Field("claims", STRS, doc="Header tokens claiming this layer (default: [name])."),
        Field("allow_empty", Bool(), default=False),
    )
)

ROLE = Record(
    (
        Field("paths", DOMAIN_GLOBS, required=True),
        Field("exclude", DOMAIN_GLOBS, default=[]),
        Field("stems", ListOf(Str("name_glob")), default=[]),
        Field("allow_empty", Bool(), default=False),
    )
)

CALL_PATTERN = Record(
    (
        Field("call", Str("call"), doc="Call pattern on the callee text."),
        Field("decorator", Str("call"), doc="Decorator pattern (register only)."),
        Field("receiver", ListOf(Str("name_glob")), default=[],
              doc="Globs on the receiver's last segment; with receiver_class/receiver_factory, only for "
                  "receivers that cannot be resolved."),
        Field("receiver_class", ListOf(Str("name_glob")), default=[],
              doc="Globs on the resolved class of the receiver (dotted name or its last segment)."),
        Field("receiver_factory", ListOf(Str("name_glob")), default=[],
              doc="Globs on the factory the receiver comes from (dotted name or its last segment)."),
        Field("name", ListOf(IntOrStr()), default=[0]),
        Field("handler", ListOf(IntOrStr()), default=[]),
        Field("deps", Str()),
    )
)

OPERATIONS = Record(
    (
        Field("register", ListOf(CALL_PATTERN), default=[]),
        Field("execute", ListOf(CALL_PATTERN), default=[]),
        Field("domain_access", ListOf(CALL_PATTERN), default=[]),
        Field("follow_roles", ListOf(Str("role_name")), default=[]),
        Field("aliases", MapOf(Str()), default={}),
    ),
    doc="Registration / execution call patterns (docs/packs.md#9-operations).",
)

EXPECT = Record(
    (
        Field("label", Str(), required=True),
        Field("symbol", Str()),
        Field("kind", Choice(("class", "function", "any"), "symbol kind"), default="any"),
        Field("rule", Str(), doc="A rule code or rule id."),
        Field("scope", Choice(("folder", "codebase"), "scope"), default="folder"),
    )
)

PROHIBITION = Record(
    (
        Field("text", Str(), required=True),
        Field("rules", ListOf(Str(), min_items=1),
              doc="Rule codes or ids whose instances check this prohibition in the folder."),
        Field("unchecked", Str(), doc="Why no rule can check it (instead of 'rules')."),
    )
)

FOLDER = Record(
    (
        Field("path", Str("dir_path"), required=True),
        Field("title", Str()),
        Field("purpose", Str()),
        Field("belongs", STRS, default=[]),
        Field("must_not", ListOf(AnyOf((Str(), PROHIBITION), "a sentence or {text, rules}")), default=[],
              doc="What must not be here: a sentence, or {text, rules} naming the rules that check it."),
        Field("subfolders", MapOf(Record((Field("title", Str()), Field("description", Str()),
                                          Field("rules", STRS, default=[],
                                                doc="Rules checking what the description rules out."))),
                                  key=Str("dir_path")), default={}),
        Field("expects", ListOf(EXPECT), default=[]),
        Field("allow_empty", Bool(), default=False),
    )
)

PAIRING = Record(
    (
        Field("entry_role", Str("role_name"), doc="Required once packs are merged."),
        Field("wiring_layers", STRS, default=[]),
        Field("bypass_layers", STRS, default=[]),
        Field("bypass_targets", STRS, default=[]),
    ),
    doc="Pairing-report settings (docs/reports.md#pairing-report).",
)


# The rule-instance and pack records are completed with the codes and option schemas of
# the rule specs in effect (built-in and plugin rules): see ``pack_record``.
_RULE = Record(
    (
        Field("code", Choice((), "rule code", suggest=True), required=True),
        Field("id", Str("rule_id"), doc="Kebab-case, unique (default: the code's name)."),
        Field("severity", Choice(SEVERITIES, "severity"), doc="Default: the code's severity."),
        Field("paths", Record((Field("include", SELECTORS, doc="Default: every file."),
                               Field("exclude", SELECTORS, default=[])))),
        Field("options", ByCode(()), default={}),
        Field("metadata", MapOf(AnyOf((Str(), STRS), "a string or a list of strings")), default={}),
        Field("allow_empty", Bool(), default=False),
    )
)

_PACK = Record(
    (
        Field("version", Int(), required=True, doc="Pack format version; must be 1."),
        Field("name", Str(), doc="Shown in outputs (default: the file stem)."),
        Field("extends", STRS, default=[], doc="Packs applied before this one."),
        Field("roots", ListOf(Str("relative_dir"), min_items=1), default=["."]),
        Field("exclude", GLOBS, default=[]),
        Field("header", HEADER),
        Field("domains", DOMAINS),
        Field("layers", ListOf(LAYER), default=[]),
        Field("roles", MapOf(ROLE, key=Str("role_name")), default={}),
        Field("operations", OPERATIONS),
        Field("folders", ListOf(FOLDER), default=[]),
        Field("pairing", PAIRING),
        Field("rules", ListOf(_RULE), default=[]),
        Field("disable", STRS, default=[], doc="Inherited rule ids or codes to drop."),
    ),
    doc="A lamina rule pack (docs/packs.md).",
)

TOOL = Record(
    (
        Field("packs", ListOf(Str(), min_items=1), required=True),
        Field("roots", ListOf(Str("relative_dir"), min_items=1)),
        Field("exclude", GLOBS),
        Field("fail_on", Choice(("error", "warning", "info"), "fail_on value"), default="error"),
        Field("baseline", Str(), default="lamina-baseline.json"),
        Field("cache_dir", Str(), default=".lamina_cache"),
        Field("report_out", Str(), default="reports"),
        Field("jobs", Int(minimum=0), default=0, doc="0 = number of CPUs."),
    ),
    doc="The [tool.lamina] table of pyproject.toml.",
)


def rule_record(specs: SpecIndex) -> Record:
    """A rule instance: its ``code`` one of ``specs``, its ``options`` checked against that
    code's option schema."""
    codes = tuple(sorted(specs))
    options = ByCode(tuple((code, specs[code].options_record()) for code in codes),
                     doc="Validated against the code's option schema.")
    return dataclasses.replace(_RULE, fields=tuple(
        dataclasses.replace(f, spec=Choice(codes, "rule code", suggest=True)) if f.name == "code"
        else dataclasses.replace(f, spec=options) if f.name == "options" else f
        for f in _RULE.fields
    ))  # fmt: skip


def pack_record(specs: SpecIndex) -> Record:
    """A rule pack whose rules may name the codes of ``specs``."""
    rules = ListOf(rule_record(specs))
    return dataclasses.replace(_PACK, fields=tuple(
        dataclasses.replace(f, spec=rules) if f.name == "rules" else f for f in _PACK.fields
    ))  # fmt: skip


def pack_json_schema(specs: SpecIndex) -> dict[str, object]:
    """The JSON Schema of a rule pack file (``lamina schema``) for the rules of ``specs``."""
    schema = to_json_schema(pack_record(specs))
    properties = schema["properties"]
    assert isinstance(properties, dict)
    # The loader accepts version 1 only (docs/packs.md#12-validation); say so, so that editors agree.
    properties["version"]["const"] = 1
    out: dict[str, object] = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "lamina rule pack",
    }
    out.update(schema)
    return out


__all__ = ["TOOL", "SEVERITIES", "Spec", "pack_json_schema", "pack_record", "rule_record"]
