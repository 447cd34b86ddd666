"""The validated ``Project`` ⇄ data-only JSON, so that an incremental run needs no YAML.

Only the model's own classes can be rebuilt (an explicit table), values are checked by
the dataclasses' constructors, and anything unexpected is a ``ValueError`` - a planted
entry can at worst be a cache miss.
"""

from __future__ import annotations

import dataclasses
import json
from enum import Enum
from typing import Any

from lamina.model import options, project
from lamina.model.findings import Severity


def _classes() -> dict[str, type]:
    table: dict[str, type] = {}
    for module in (options, project):
        for name in dir(module):
            value = getattr(module, name)
            if isinstance(value, type) and dataclasses.is_dataclass(value) and value.__module__ == module.__name__:
                table[name] = value
    return table


def _encode(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = {f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
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
