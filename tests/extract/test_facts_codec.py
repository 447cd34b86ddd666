"""The facts cache encoding (docs/architecture.md#engine-and-caches): a lossless, deterministic, data-only
round trip, and ``ValueError`` — nothing else — for any malformed entry: a damaged cache file is
a miss, never a crash."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import msgspec
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lamina.cache.facts_codec import decode_facts, encode_facts
from lamina.extract import extract_facts
from lamina.model.facts import FACTS_SCHEMA_VERSION, CodeFactsNotExtracted, ModuleFacts

SRC = Path(__file__).resolve().parents[2] / "src" / "lamina"

SAMPLES = [
    b"import os\n",
    b"x = = 1\n",
    b"\xff\xfe",
    b'# Layer: L5\n"""Doc."""\nfrom . import a as b\nimport importlib\nimportlib.import_module(".x", "p")\n'
    b"@dec('a', ['b'], k=c.d)\nasync def f(x: int, *a, **k):\n    await g()(h())  # lamina: ignore[LAM1] r\n"
    b"class C(B):\n    def m(self): y = call()\n",
    b'label = f"{d["k"]}"\nimport os\n',  # fallback under Python 3.11
    b'h("\\udcff", ["\\ud800"], k="\\udfff")\nimport os\n',  # lone surrogates: not UTF-8
    b"class C:\n    h = lambda session: session\nasync def f(a, b):\n    (await g()).commit()\n    z = f\n    w = z\n",
]
CODE_SAMPLE = SAMPLES[3]
BLIND_SPOTS_SAMPLE = SAMPLES[-1]


def round_trip(facts: ModuleFacts) -> ModuleFacts:
    decoded = decode_facts(encode_facts(facts))
    if decoded.has_code:
        decoded.code  # noqa: B018 - decoded lazily; equality would force it too
    return decoded


def split(raw: bytes) -> tuple[bytes, bytes, bytes]:
    """An entry's tag, core part and code part (see the codec's docstring)."""
    size = int.from_bytes(raw[1:5], "big")
    return raw[:1], raw[5 : 5 + size], raw[5 + size :]


def frame(core: Any, code: Any = None) -> bytes:
    """A well-framed MessagePack entry around arbitrary parts, a code digest made to match."""
    code_bytes = b"" if code is None else msgspec.msgpack.encode(code)
    if code is not None and isinstance(core, list) and len(core) == 10 and core[9] is not None:
        core = [*core[:9], hashlib.blake2b(code_bytes, digest_size=8).hexdigest()]
    core_bytes = msgspec.msgpack.encode(core)
    return b"M" + len(core_bytes).to_bytes(4, "big") + core_bytes + code_bytes


def valid_parts() -> tuple[list[Any], list[Any]]:
    _, core, code = split(encode_facts(extract_facts(CODE_SAMPLE)))
    return msgspec.msgpack.decode(core), msgspec.msgpack.decode(code)


@pytest.mark.parametrize("data", SAMPLES)
@pytest.mark.parametrize("with_code", [True, False])
def test_round_trip_of_samples(data: bytes, with_code: bool) -> None:
    facts = extract_facts(data, with_code=with_code)
    assert round_trip(facts) == facts
    assert round_trip(facts).has_code is facts.has_code


def test_round_trip_of_real_modules() -> None:
    for path in sorted(SRC.rglob("*.py")):
        facts = extract_facts(path.read_bytes())
        assert round_trip(facts) == facts, path


def test_lone_surrogates_round_trip_through_the_json_form() -> None:
    facts = extract_facts(SAMPLES[-2])
    assert encode_facts(facts)[:1] == b"J"
    assert "\udcff" in {a.value for c in round_trip(facts).calls for a in c.args}


def test_methods_rebinds_and_bound_lambdas_round_trip() -> None:
    decoded = round_trip(extract_facts(BLIND_SPOTS_SAMPLE))
    assert [c.method for c in decoded.calls] == ["commit", None]
    assert [(a.name, a.call, a.source) for a in decoded.assigns] == [
        ("h", None, None),
        ("z", None, "f"),
        ("w", None, "z"),
    ]
    assert [(f.qualname, [p.name for p in f.params]) for f in decoded.lambdas] == [("C.h", ["session"])]


def test_decoded_facts_are_the_model_records() -> None:
    call = round_trip(extract_facts(CODE_SAMPLE)).calls[0]
    assert type(call).__name__ == "CallFact" and type(call.args[0]).__name__ == "ArgFact"


def test_facts_without_code_still_refuse_to_give_code() -> None:
    facts = extract_facts(b"import os\nx = f()\n", with_code=False)
    assert not facts.has_code
    with pytest.raises(CodeFactsNotExtracted):
        round_trip(facts).calls  # noqa: B018


def test_encoding_is_deterministic_and_led_by_the_schema_version() -> None:
    facts = extract_facts(CODE_SAMPLE)
    raw = encode_facts(facts)
    assert raw == encode_facts(extract_facts(CODE_SAMPLE)) == encode_facts(round_trip(facts))
    core, _ = valid_parts()
    assert core[0] == FACTS_SCHEMA_VERSION


def test_strings_of_calls_are_shared_between_modules() -> None:
    first = round_trip(extract_facts(b"def f():\n    session.commit()\n"))
    second = round_trip(extract_facts(b"def f():\n    session.commit()\n    session.commit()\n"))
    assert first.calls[0].text is second.calls[0].text is second.calls[1].text
    assert first.calls[0].symbol is second.calls[1].symbol


def damaged(raw: bytes) -> list[bytes]:
    truncated = [raw[:size] for size in range(len(raw))]
    flipped = [raw[:i] + bytes([raw[i] ^ flip]) + raw[i + 1 :] for i in range(len(raw)) for flip in (0x01, 0x80, 0xFF)]
    return truncated + flipped + [raw + b"\x00", raw + raw]


@pytest.mark.parametrize("data", [CODE_SAMPLE, SAMPLES[-2], SAMPLES[1]])
def test_damaged_entries_are_a_value_error_or_decode_completely(data: bytes) -> None:
    """Truncated entries, flipped bits, trailing bytes: either ``ValueError`` at once (the store's
    miss), or facts whose code part also decodes (a damaged code part never passes its digest)."""
    raw = encode_facts(extract_facts(data))
    rejected = 0
    for entry in damaged(raw):
        try:
            facts = decode_facts(entry)
        except ValueError:
            rejected += 1
            continue
        assert facts.code is not None
    assert rejected > len(raw)  # every truncation at least


def test_every_truncation_and_code_byte_flip_is_rejected() -> None:
    raw = encode_facts(extract_facts(CODE_SAMPLE))
    _, core, code = split(raw)
    code_start = len(raw) - len(code)
    for entry in [raw[:size] for size in range(len(raw))] + [
        raw[:i] + bytes([raw[i] ^ 0x01]) + raw[i + 1 :] for i in range(code_start, len(raw))
    ]:
        with pytest.raises(ValueError):
            decode_facts(entry)


@pytest.mark.parametrize(
    "corrupt",
    [
        lambda core, code: (None, None),
        lambda core, code: ({"version": 1}, None),
        lambda core, code: (core[:-1], code),
        lambda core, code: ([FACTS_SCHEMA_VERSION + 1, *core[1:]], code),
        lambda core, code: ([core[0], "exploded", *core[2:]], code),
        lambda core, code: ([*core[:5], [["os"]], *core[6:]], code),  # an import with one field
        lambda core, code: ([*core[:8], 1, *core[9:]], code),  # trivial_init as an int
        lambda core, code: ([*core[:10], None], code),  # code facts following an entry without code
    ],
)
def test_malformed_cores_raise_value_error(corrupt: Any) -> None:
    core, code = corrupt(*valid_parts())
    with pytest.raises(ValueError):
        decode_facts(frame(core, code))


@pytest.mark.parametrize(
    "corrupt",
    [
        lambda c: [[[*c[0][0][:3], "1", *c[0][0][4:]]], *c[1:]],  # a call line as text
        lambda c: [[[*c[0][0][:7], 1, *c[0][0][8:]]], *c[1:]],  # awaited as an int
        lambda c: [[[*c[0][0][:8], [["nope"]], *c[0][0][9:]]], *c[1:]],  # unknown arg kind
        lambda c: [[[*c[0][0][:8], [[[]]], *c[0][0][9:]]], *c[1:]],  # unhashable arg kind
        lambda c: [[[*c[0][0][:10], 5, *c[0][0][11:]]], *c[1:]],  # callee index out of range
        lambda c: [c[0], [["x", 99, "<module>", 1]], *c[2:]],  # assignment index out of range
        lambda c: [*c, []],  # a field too many
        lambda c: "calls",
    ],
)
def test_crafted_code_parts_with_a_valid_digest_raise_value_error_when_read(corrupt: Any) -> None:
    core, code = valid_parts()
    facts = decode_facts(frame(core, corrupt(code)))
    with pytest.raises(ValueError):
        facts.code  # noqa: B018


msgpack_values = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 300) | st.text(max_size=5) | st.binary(max_size=3),
    lambda inner: st.lists(inner, max_size=15) | st.dictionaries(st.text(max_size=3), inner, max_size=3),
    max_leaves=60,
)


def decode_all(raw: bytes) -> None:
    try:
        facts = decode_facts(raw)
        if facts.has_code:
            facts.code  # noqa: B018
    except ValueError:
        pass


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=200))
def test_arbitrary_bytes_never_raise_anything_but_value_error(raw: bytes) -> None:
    decode_all(raw)
    decode_all(b"M" + raw)
    decode_all(b"J" + raw)


@settings(max_examples=300, deadline=None)
@given(msgpack_values, msgpack_values)
def test_arbitrary_parts_never_raise_anything_but_value_error(core: Any, code: Any) -> None:
    decode_all(frame(core, code))
    encoded = json.dumps([core, code], default=repr).encode()
    decode_all(b"J" + len(encoded).to_bytes(4, "big") + encoded)


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 9), msgpack_values)
def test_one_replaced_core_field_is_accepted_or_a_value_error(index: int, value: Any) -> None:
    core, code = valid_parts()
    core[index] = value
    decode_all(frame(core, code))


# --- round trip of the facts of generated sources -----------------------------------------

names = st.sampled_from(["a", "b", "self", "session", "registry", "é", "Ω_1", "get_x", "commit"])
dotted = st.lists(names, min_size=1, max_size=3).map(".".join)
strings = st.text(max_size=6).map(lambda s: repr(s))  # repr escapes lone surrogates as \udcxx
argument = st.one_of(dotted, strings, st.lists(strings, max_size=3).map(lambda v: f"[{', '.join(v)}]"),
                     dotted.map(lambda d: f"{d}()"), st.just("1 + 2"), st.just("*rest"), st.just("**extra"),
                     st.tuples(names, dotted).map(lambda kv: f"{kv[0]}={kv[1]}"))  # fmt: skip
call = st.tuples(dotted, st.lists(argument, max_size=4)).map(lambda c: f"{c[0]}({', '.join(c[1])})")


@st.composite
def statement(draw: st.DrawFn, indent: str = "") -> str:
    kind = draw(st.sampled_from(["call", "assign", "await", "import", "from", "lazy", "def", "class", "junk"]))
    if kind == "call":
        return f"{indent}{draw(call)}\n"
    if kind == "assign":
        return f"{indent}{draw(names)} = {draw(call)}\n"
    if kind == "await":
        return f"{indent}async def w():\n{indent}    await {draw(call)}\n"
    if kind == "import":
        return f"{indent}import {draw(dotted)} as {draw(names)}\n"
    if kind == "from":
        return f"{indent}from {'.' * draw(st.integers(0, 2))}{draw(dotted)} import {draw(names)}\n"
    if kind == "lazy":
        return f"{indent}importlib.import_module({draw(strings)}, {draw(strings)})\n"
    if kind == "def":
        decorator = draw(st.sampled_from(["", f"{indent}@{draw(call)}\n"]))
        params = ", ".join(draw(st.lists(st.sampled_from(["x", "y: int", "*args", "z: 'T' = 1", "**kw"]), unique=True,
                                         max_size=3)))  # fmt: skip
        body = "".join(draw(st.lists(statement(indent + "    "), max_size=2))) if len(indent) < 8 else ""
        return f"{decorator}{indent}def {draw(names)}({params}):\n{body or indent + '    pass' + chr(10)}"
    if kind == "class":
        return f"{indent}class C({draw(dotted)}):\n{indent}    def m(self): return {draw(call)}\n"
    return indent + draw(st.sampled_from(["x = = 1", "# lamina: ignore[LAM101] why", "'''doc'''", "pass"])) + "\n"


sources = st.lists(statement(), max_size=8).map(lambda parts: "".join(parts).encode("utf-8", "surrogatepass"))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sources, st.booleans())
def test_facts_of_generated_sources_round_trip(source: bytes, with_code: bool) -> None:
    facts = extract_facts(source, with_code=with_code)
    raw = encode_facts(facts)
    assert round_trip(facts) == facts
    assert encode_facts(round_trip(facts)) == raw
