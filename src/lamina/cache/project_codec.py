"""The validated ``Project`` ⇄ data-only JSON, so that an incremental run needs no YAML.

Only the model's own record classes can be rebuilt (an explicit table), values are
checked by their constructors, and anything unexpected is a ``ValueError`` - a planted
entry can at worst be a cache miss.
"""

from __future__ import annotations

import json
from enum import Enum
from typing import Any

from lamina.model import options, project
from lamina.model.findings import Severity


def _is_record_class(value: object) -> bool:
    return isinstance(value, type) and issubclass(value, tuple) and hasattr(value, "_fields")


def _classes() -> dict[str, type]:
    table: dict[str, type] = {}
    for module in (options, project):
        for name in dir(module):
            value = getattr(module, name)
            if _is_record_class(value) and value.__module__ == module.__name__:
                table[name] = value
    return table


def _encode(value: Any) -> Any:
    if _is_record_class(type(value)):
        fields = {name: _encode(getattr(value, name)) for name in value._fields}
        return {"$": type(value).__name__, **fields}
    if isinstance(value, Severity):
        return {"$severity": value.value}
    if isinstance(value, Enum):
        raise ValueError(f"unexpected enum {value!r}")
    if isinstance(value, (tuple, list)):
        return [_encode(item) for item in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    raise ValueError(f"cannot encode {type(value).__name__}")


def _decode(data: Any, classes: dict[str, type]) -> Any:
    if isinstance(data, dict):
        if "$severity" in data:
            return Severity(data["$severity"])
        cls = classes[data.pop("$")]
        return cls(**{key: _decode(value, classes) for key, value in data.items()})
    if isinstance(data, list):
        return tuple(_decode(item, classes) for item in data)
    return data


def encode_project(value: project.Project) -> str:
    return json.dumps(_encode(value), sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def decode_project(text: str) -> project.Project:
    try:
        decoded = _decode(json.loads(text), _classes())
    except (KeyError, TypeError, ValueError, RecursionError) as exc:
        raise ValueError(f"malformed project entry: {exc!r}") from None
    if not isinstance(decoded, project.Project):
        raise ValueError("not a project")
    return decoded
