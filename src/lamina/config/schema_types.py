"""The vocabulary the pack schema is written in, and its translation to JSON Schema.

A schema is plain frozen data (``Record`` of ``Field``s of ``Str``/``ListOf``/…), so the
same value drives validation (``check.py``), documentation and ``lamina schema``.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType

# Regular expressions of the named string forms (also emitted into the JSON Schema).
NAME_PATTERNS = MappingProxyType({
    "rule_id": r"^[a-z][a-z0-9-]*$",
    "layer_name": r"^[A-Za-z][A-Za-z0-9_.]*$",
    "role_name": r"^[a-z][a-z0-9_]*$",
    "zone_name": r"^[A-Za-z][A-Za-z0-9_]*$",
})


@dataclass(frozen=True, slots=True)
class Str:
    """A string; ``form`` names the syntax it must have (see ``forms.py``)."""

    form: str = ""
    doc: str = ""


@dataclass(frozen=True, slots=True)
class Int:
    minimum: int | None = None
    doc: str = ""


@dataclass(frozen=True, slots=True)
class Bool:
    doc: str = ""


@dataclass(frozen=True, slots=True)
class IntOrStr:
    """A positional argument index or a keyword name."""

    doc: str = ""


@dataclass(frozen=True, slots=True)
class Choice:
    """One of fixed strings; ``suggest`` adds a did-you-mean for unknown values."""

    values: tuple[str, ...]
    noun: str
    suggest: bool = False
    doc: str = ""


@dataclass(frozen=True, slots=True)
class ListOf:
    item: Spec
    doc: str = ""
    min_items: int = 0


@dataclass(frozen=True, slots=True)
class MapOf:
    """A mapping with free keys (of syntax ``key``) and values of one spec."""

    value: Spec
    key: Str = Str()
    doc: str = ""


@dataclass(frozen=True, slots=True)
class AnyOf:
    choices: tuple[Spec, ...]
    described: str
    doc: str = ""


@dataclass(frozen=True, slots=True)
class ByCode:
    """Rule options: the schema is chosen by the sibling ``code`` value."""

    table: tuple[tuple[str, Record], ...]
    doc: str = ""

    def for_code(self, code: str) -> Record | None:
        for key, record in self.table:
            if key == code:
                return record
        return None


@dataclass(frozen=True, slots=True)
class Field:
    name: str
    spec: Spec
    required: bool = False
    default: object = None  # JSON-compatible; documentation only, the model holds real defaults
    doc: str = ""
    attr: str = ""  # dataclass attribute when the YAML key is a keyword (except → except_)

    @property
    def attribute(self) -> str:
        return self.attr or self.name


@dataclass(frozen=True, slots=True)
class Record:
    """A mapping with a fixed set of keys; any other key is an error."""

    fields: tuple[Field, ...]
    doc: str = ""

    def field(self, name: str) -> Field | None:
        for f in self.fields:
            if f.name == name:
                return f
        return None

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)


Spec = Str | Int | Bool | IntOrStr | Choice | ListOf | MapOf | AnyOf | ByCode | Record


def describe(spec: Spec) -> str:
    """The expected type, as written in ``expected … for 'x', got int``."""
    if isinstance(spec, Str):
        return "a string"
    if isinstance(spec, Int):
        return "an integer" if spec.minimum is None else f"an integer >= {spec.minimum}"
    if isinstance(spec, Bool):
        return "true or false"
    if isinstance(spec, IntOrStr):
        return "an integer or a string"
    if isinstance(spec, Choice):
        return "one of " + ", ".join(spec.values)
    if isinstance(spec, ListOf):
        item = spec.item
        if isinstance(item, Str):
            return "a list of strings"
        if isinstance(item, IntOrStr):
            return "a list of integers or strings"
        if isinstance(item, (Record, MapOf)):
            return "a list of mappings"
        return "a list"
    if isinstance(spec, AnyOf):
        return spec.described
    return "a mapping"


def to_json_schema(spec: Spec) -> dict[str, object]:
    """Translate one spec into JSON Schema (draft 2020-12 vocabulary)."""
    out: dict[str, object]
    if isinstance(spec, Str):
        out = {"type": "string"}
        if spec.form in NAME_PATTERNS:
            out["pattern"] = NAME_PATTERNS[spec.form]
    elif isinstance(spec, Int):
        out = {"type": "integer"}
        if spec.minimum is not None:
            out["minimum"] = spec.minimum
    elif isinstance(spec, Bool):
        out = {"type": "boolean"}
    elif isinstance(spec, IntOrStr):
        out = {"type": ["integer", "string"]}
    elif isinstance(spec, Choice):
        out = {"enum": list(spec.values)}
    elif isinstance(spec, ListOf):
        out = {"type": "array", "items": to_json_schema(spec.item)}
        if spec.min_items:
            out["minItems"] = spec.min_items
    elif isinstance(spec, MapOf):
        out = {"type": "object", "additionalProperties": to_json_schema(spec.value)}
        if spec.key.form in NAME_PATTERNS:
            out["propertyNames"] = {"pattern": NAME_PATTERNS[spec.key.form]}
    elif isinstance(spec, AnyOf):
        out = {"anyOf": [to_json_schema(choice) for choice in spec.choices]}
    elif isinstance(spec, ByCode):
        out = {"type": "object"}
    else:
        out = _record_schema(spec)
    if spec.doc:
        out["description"] = spec.doc
    return out


def _record_schema(record: Record) -> dict[str, object]:
    properties: dict[str, object] = {}
    conditions: list[object] = []
    for f in record.fields:
        prop = to_json_schema(f.spec)
        if f.doc:
            prop["description"] = f.doc
        if f.default is not None:
            prop["default"] = f.default
        properties[f.name] = prop
        if isinstance(f.spec, ByCode):
            # One if/then per code: the options object is validated by the code's schema.
            for code, options in f.spec.table:
                then: dict[str, object] = {"properties": {f.name: to_json_schema(options)}}
                if any(option.required for option in options.fields):
                    # A code with a required option needs the options mapping itself, as
                    # the loader does; otherwise omitting it would pass the schema.
                    then["required"] = [f.name]
                conditions.append(
                    {
                        "if": {"properties": {"code": {"const": code}}, "required": ["code"]},
                        "then": then,
                    }
                )
    out: dict[str, object] = {
        "type": "object",
        "properties": properties,
        "additionalProperties": False,
    }
    required = [f.name for f in record.fields if f.required]
    if required:
        out["required"] = required
    if conditions:
        out["allOf"] = conditions
    return out
