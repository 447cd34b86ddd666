"""The facts cache encoding (ARCHITECTURE.md section 5): a lossless, data-only round
trip, and ``ValueError`` — nothing else — for any malformed entry."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lamina.cache.facts_codec import facts_from_data, facts_to_data
from lamina.extract import extract_facts
from lamina.model.facts import FACTS_SCHEMA_VERSION, ModuleFacts

SRC = Path(__file__).resolve().parents[2] / "src" / "lamina"

SAMPLES = [
    b"import os\n",
    b"x = = 1\n",
    b"\xff\xfe",
    b'# Layer: L5\n"""Doc."""\nfrom . import a as b\nimport importlib\nimportlib.import_module(".x", "p")\n'
    b"@dec('a', ['b'], k=c.d)\nasync def f(x: int, *a, **k):\n    await g()(h())  # lamina: ignore[LAM1] r\n"
    b"class C(B):\n    def m(self): y = call()\n",
    'label = f"{d["k"]}"\nimport os\n'.encode(),  # fallback under Python 3.11
]


def round_trip(facts: ModuleFacts) -> ModuleFacts:
    encoded = json.dumps(facts_to_data(facts), separators=(",", ":"), ensure_ascii=False)
    return facts_from_data(json.loads(encoded))


@pytest.mark.parametrize("data", SAMPLES)
def test_round_trip_of_samples(data: bytes) -> None:
    facts = extract_facts(data)
    assert round_trip(facts) == facts


def test_round_trip_of_real_modules() -> None:
    for path in sorted(SRC.rglob("*.py")):
        facts = extract_facts(path.read_bytes())
        assert round_trip(facts) == facts, path


def test_encoding_is_plain_data_led_by_the_schema_version() -> None:
    data = facts_to_data(extract_facts(SAMPLES[3]))
    assert data[0] == FACTS_SCHEMA_VERSION
    assert json.loads(json.dumps(data)) == data  # only lists, str, int, bool and None


def _valid() -> list[Any]:
    return json.loads(json.dumps(facts_to_data(extract_facts(SAMPLES[3]))))


@pytest.mark.parametrize(
    "corrupt",
    [
        lambda d: None,
        lambda d: {"version": 1},
        lambda d: d[:-1],
        lambda d: [FACTS_SCHEMA_VERSION + 1, *d[1:]],
        lambda d: [d[0], "exploded", *d[2:]],
        lambda d: [*d[:6], [[*d[6][0][:3], "1", *d[6][0][4:]]], *d[7:]],  # a call line as text
        lambda d: [*d[:6], [[*d[6][0][:7], 1, *d[6][0][8:]]], *d[7:]],  # awaited as an int
        lambda d: [*d[:6], [[*d[6][0][:8], [["nope"]], *d[6][0][9:]]], *d[7:]],  # unknown arg kind
        lambda d: [*d[:6], [[*d[6][0][:8], [[[]]], *d[6][0][9:]]], *d[7:]],  # unhashable arg kind
        lambda d: [*d[:7], [["x", 99, "<module>", 1]], *d[8:]],  # assignment index out of range
        lambda d: [*d[:12], 1],  # trivial_init as an int
    ],
)
def test_malformed_entries_raise_value_error(corrupt: Any) -> None:
    with pytest.raises(ValueError):
        facts_from_data(corrupt(_valid()))


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 300) | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=15),
    max_leaves=60,
)


@settings(max_examples=300, deadline=None)
@given(json_values)
def test_arbitrary_data_never_raises_anything_but_value_error(obj: Any) -> None:
    try:
        facts_from_data(obj)
    except ValueError:
        pass


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 12), json_values)
def test_one_replaced_field_is_accepted_or_a_value_error(index: int, value: Any) -> None:
    data = _valid()
    data[index] = value
    try:
        facts_from_data(data)
    except ValueError:
        pass
