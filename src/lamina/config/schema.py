"""The rule-pack format (RULES.md §2) and ``[tool.lamina]``, written as data.

``PACK`` and ``TOOL`` drive validation; ``pack_json_schema()`` turns the same data into
the JSON Schema that ``lamina schema`` prints. Option defaults shown in the JSON Schema
are read from the option dataclasses, so they cannot drift from what rules use.
"""

from __future__ import annotations

import dataclasses
from enum import Enum

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
from lamina.model import options as o
from lamina.model.codes import code_table

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
    doc="How header comments are read (RULES.md §2.8).",
)

DOMAINS = Record(
    (
        Field("from", ListOf(Str("domain_source"), min_items=1),
              doc="Directory patterns with one {domain}."),
        Field("exclude", ListOf(Str("name_glob")), default=[], doc="Domain names to drop."),
    ),
    doc="How domains are derived from the tree (RULES.md §2.5).",
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
        Field("receiver", ListOf(Str("name_glob")), default=[]),
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
    doc="Registration / execution call patterns (RULES.md §2.9).",
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

FOLDER = Record(
    (
        Field("path", Str("dir_path"), required=True),
        Field("title", Str()),
        Field("purpose", Str()),
        Field("belongs", STRS, default=[]),
        Field("must_not", STRS, default=[]),
        Field("subfolders", MapOf(Record((Field("title", Str()), Field("description", Str()))),
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
    doc="Pairing-report settings (REPORTS.md §5).",
)


def _json_default(value: object, spec: Spec | None = None) -> object:
    """An option default as JSON (tuples → lists, pairs of a map → an object, ImportKinds →
    include/ignore)."""
    if isinstance(spec, MapOf) and isinstance(value, tuple):
        return {key: _json_default(item) for key, item in value}
    if isinstance(value, o.ImportKinds):
        return {name: "include" if getattr(value, name) else "ignore" for name in value._fields}
    if isinstance(value, tuple):
        return [_json_default(v) for v in value]
    if isinstance(value, Enum):
        return value.value
    return value


def _options(cls: type, *fields: Field) -> Record:
    """An option record whose documented defaults come from the option class."""
    instance = cls()
    filled = tuple(
        dataclasses.replace(f, default=_json_default(getattr(instance, f.attribute), f.spec))
        if not f.required else f
        for f in fields
    )
    return Record(filled)


OPTION_RECORDS: tuple[tuple[str, Record], ...] = (
    ("LAM101", _options(
        o.LayerMatrixOptions,
        Field("matrix", MapOf(ListOf(Str("matrix_target")), key=Str("layer_name")),
              doc="Source layer -> allowed targets (X, X:zone, X@same, X@other)."),
        Field("default", Choice(("unchecked", "lower"), "matrix default")),
        Field("transitive", Bool()),
        Field("imports", IMPORTS),
    )),
    ("LAM102", _options(
        o.ForbiddenImportOptions,
        Field("targets", ListOf(Str("module_or_selector")), required=True),
        Field("names", STRS),
        Field("except", ListOf(Str("module_or_selector")), attr="except_"),
        Field("transitive", Bool()),
        Field("imports", IMPORTS),
    )),
    ("LAM103", _options(o.CrossDomainOptions, Field("allowed_targets", SELECTORS),
                        Field("imports", IMPORTS))),
    ("LAM104", _options(o.HeaderLayerOptions,
                        Field("unknown_claims",
                              Choice(("report", "ignore"), "unknown_claims value")))),
    ("LAM107", _options(o.CycleOptions, Field("imports", IMPORTS))),
    ("LAM201", _options(
        o.OrchestratorReachOptions,
        Field("targets", ListOf(Str("module")), required=True),
        Field("factories", ListOf(Str("name_glob"))),
        Field("imports", IMPORTS),
    )),
    ("LAM202", _options(o.ReflectiveDispatchOptions, Field("functions", STRS))),
    ("LAM203", _options(o.BannedCallOptions, Field("calls", ListOf(Str("call")), required=True),
                        Field("replacement", MapOf(Str("module"), key=Str("module")),
                              doc="Banned dotted name -> the dotted name `lamina fix` calls instead."))),
    ("LAM204", _options(o.DynamicImportOptions, Field("functions", ListOf(Str("call"))))),
    ("LAM306", _options(
        o.ForbiddenParameterOptions,
        Field("names", STRS),
        Field("annotations", STRS),
        Field("targets", Choice(("all", "methods", "functions"), "targets value")),
    )),
    ("LAM307", _options(o.OversizedClassOptions, Field("classes", Str("name_glob")),
                        Field("max_public_methods", Int(minimum=0)))),
    ("LAM401", _options(
        o.TransactionOwnerOptions,
        Field("owners", SELECTORS, required=True),
        Field("methods", STRS),
        Field("ignore_receivers", STRS),
    )),
    ("LAM402", _options(o.DatabaseImportOptions, Field("modules", ListOf(Str("module"))),
                        Field("symbols", STRS), Field("imports", IMPORTS))),
    ("LAM504", _options(o.MissingHeaderFieldOptions, Field("fields", STRS))),
)

_NO_OPTIONS = Record(())
OPTIONS = ByCode(
    tuple((info.code, dict(OPTION_RECORDS).get(info.code, _NO_OPTIONS)) for info in code_table()),
    doc="Validated against the code's option schema.",
)

RULE = Record(
    (
        Field("code", Choice(tuple(i.code for i in code_table()), "rule code", suggest=True),
              required=True),
        Field("id", Str("rule_id"), doc="Kebab-case, unique (default: the code's name)."),
        Field("severity", Choice(SEVERITIES, "severity"), doc="Default: the code's severity."),
        Field("paths", Record((Field("include", SELECTORS, doc="Default: every file."),
                               Field("exclude", SELECTORS, default=[])))),
        Field("options", OPTIONS, default={}),
        Field("metadata", MapOf(AnyOf((Str(), STRS), "a string or a list of strings")), default={}),
        Field("allow_empty", Bool(), default=False),
    )
)

PACK = Record(
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
        Field("rules", ListOf(RULE), default=[]),
        Field("disable", STRS, default=[], doc="Inherited rule ids or codes to drop."),
    ),
    doc="A lamina rule pack (RULES.md §2).",
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


def option_record(code: str) -> Record:
    found = OPTIONS.for_code(code)
    return found if found is not None else _NO_OPTIONS


def pack_json_schema() -> dict[str, object]:
    """The JSON Schema of a rule pack file (``lamina schema``)."""
    schema = to_json_schema(PACK)
    properties = schema["properties"]
    assert isinstance(properties, dict)
    # The loader accepts version 1 only (RULES.md §2.12); say so, so that editors agree.
    properties["version"]["const"] = 1
    out: dict[str, object] = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "lamina rule pack",
    }
    out.update(schema)
    return out


__all__ = ["PACK", "TOOL", "RULE", "SEVERITIES", "Spec", "option_record", "pack_json_schema"]
