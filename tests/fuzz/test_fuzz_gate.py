"""Fuzzing the gate: hostile sources, names, encodings, packs and baselines never take
``lamina check`` down (exit 0/1/2 only, no traceback, valid JSON/SARIF, cached == --no-cache).

CI runs a bounded number of examples per strategy (``LAMINA_FUZZ_EXAMPLES``, default 10);
``bash dev.sh fuzz N`` runs a long campaign and prints the exits by code.
"""

from __future__ import annotations

import json
import os
from typing import Any

import yaml
from fuzz_support import BASE_PACK, BASE_SOURCES, BASELINE_HEAD, Violation, check_property, project
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

CAMPAIGN = os.environ.get("LAMINA_FUZZ_EXAMPLES")
STATS = os.environ.get("LAMINA_FUZZ_STATS")
# The bounded run in the test suite is derandomized, so that CI is reproducible; a
# campaign draws new examples every time.
FUZZ = settings(max_examples=int(CAMPAIGN or "10"), deadline=None, database=None, derandomize=CAMPAIGN is None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _record(strategy: str, files: dict[bytes | str, bytes]) -> None:
    try:
        run = check_property(files)
    except Violation:
        _tally(strategy, "violation")
        raise
    _tally(strategy, f"exit-{run.exit_code}")


def _tally(strategy: str, outcome: str) -> None:
    if STATS:  # the long campaign counts outcomes by strategy
        with open(STATS, "a", encoding="utf-8") as handle:
            handle.write(f"{strategy} {outcome}\n")


# --- sources ---------------------------------------------------------------------------

FRAGMENTS = [
    "import os\n", "from . import x\n", "from ..a import (b as c)\n", "from app.api import views\n",
    "import app.core.model\n", "def f(a, *b, c=1, **d):\n", "    ", "class C(B):\n", "if TYPE_CHECKING:\n",
    "try:\n", "except ImportError:\n", "pass\n", "return ", "await ", "lambda: ", "f(", ")", "[", "]", "{", "}",
    ",", ":", ".", "x", "'s'", '"""doc"""', "f'{x}'", 'f"{x["k"]}"', "getattr(o, n)()", "session.commit()\n",
    "eval(s)\n", "# lamina: ignore[LAM101] reason\n", "# lamina: ignore[LAM999]\n", "# Layer: L5\n", "\n",
    "\t", "\r\n", "\r", "\\\n", "@d\n", "(y := g())", "*", "**", "é", "\x00", "\ufeff", "\u2028",
    "type X = int\n", "def g[T](x: T): ...\n", "match x:\n    case 1: pass\n", "<!-- ", "|", "`",
]  # fmt: skip

python_like = st.lists(st.sampled_from(FRAGMENTS), max_size=40).map(
    lambda parts: "".join(parts).encode("utf-8", errors="surrogatepass")
)


@st.composite
def deep_nesting(draw: st.DrawFn) -> bytes:
    """Text that is deep or long where parsers recurse: brackets, f-strings, operator
    chains, attribute and call chains, nested blocks - with or without a statement that
    only the newer-grammar fallback parser accepts."""
    depth = draw(st.sampled_from([10, 150, 199, 201, 300, 450, 1_000, 1_500]))
    shape = draw(st.sampled_from(["parens", "lists", "fstring", "sum", "fstring-sum", "calls", "attrs",
                                  "blocks", "not", "lambda"]))
    body = {
        "parens": "x = " + "(" * depth + "1" + ")" * depth,
        "lists": "x = " + "[" * depth + "]" * depth,
        "fstring": 'x = f"{' + "(" * depth + "1" + ")" * depth + '}"',
        "sum": "x = " + "+".join(["1"] * depth * 4),
        "fstring-sum": 'x = f"{' + "+".join(["a"] * depth * 4) + '}"',
        "calls": "x = " + "f(" * depth + ")" * depth,
        "attrs": "x = a" + ".b" * depth * 4,
        "blocks": "".join(" " * i + "if x:\n" for i in range(min(depth, 120))) + " " * min(depth, 120) + "pass",
        "not": "x = " + "not " * depth + "y",
        "lambda": "x = " + "lambda: " * depth + "1",
    }[shape]
    prefix = draw(st.sampled_from(["", "type X = int\n", "def g[T](x: T): ...\n"]))
    return (prefix + body + "\n").encode("utf-8")


COOKIES = [b"", b"# -*- coding: latin-1 -*-\n", b"# coding: utf-16\n", b"# coding: bogus\n",
           b"# coding: rot13\n", b"# coding=utf-8-sig\n", b"#!/usr/bin/env python\n# coding: cp1252\n"]


@st.composite
def odd_encoding(draw: st.DrawFn) -> bytes:
    text = draw(st.text(max_size=80))
    bom = draw(st.sampled_from([b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"]))
    cookie = draw(st.sampled_from(COOKIES))
    codec = draw(st.sampled_from(["utf-8", "latin-1", "utf-16", "utf-16-be", "cp1252"]))
    body = text.encode(codec, errors="replace")
    return bom + cookie + b"import os\n" + body


source_bytes = st.one_of(python_like, st.binary(max_size=300), deep_nesting(), odd_encoding())


def _sources(strategy: st.SearchStrategy[bytes]) -> st.SearchStrategy[dict[bytes | str, bytes]]:
    return st.dictionaries(st.sampled_from(["app/core/model.py", "app/api/views.py", "app/core/extra.py"]),
                           strategy, min_size=1, max_size=3).map(lambda extra: {**BASE_SOURCES, **extra})


@FUZZ
@given(_sources(python_like))
def test_python_like_sources(sources: dict[bytes | str, bytes]) -> None:
    _record("python-like", project(sources))


@FUZZ
@given(_sources(st.binary(max_size=400)))
def test_random_byte_sources(sources: dict[bytes | str, bytes]) -> None:
    _record("random-bytes", project(sources))


@FUZZ
@given(deep_nesting())
def test_deeply_nested_sources(source: bytes) -> None:
    _record("deep-nesting", project({**BASE_SOURCES, "app/core/deep.py": source}))


@FUZZ
@given(_sources(odd_encoding()))
def test_odd_encodings_and_boms(sources: dict[bytes | str, bytes]) -> None:
    _record("encodings", project(sources))


# --- names -----------------------------------------------------------------------------

NAME_PARTS = [b"a", b"mod", b" ", b"|", b"\n", b"\t", b"-", b".", b"..", b"\xc3\xa9", b"\xff", b"\x1b[31m",
              b"__init__", b"<!--", b"`", b"*", b"[x]", b"#", b"\\", b"%s", b"\xe2\x80\xae"]  # fmt: skip


@st.composite
def odd_name(draw: st.DrawFn) -> bytes:
    directory = draw(st.sampled_from([b"app/core/", b"app/api/", b"app/", b"", b"app/\xff/", b"app/n e w/"]))
    stem = b"".join(draw(st.lists(st.sampled_from(NAME_PARTS), min_size=1, max_size=4))).replace(b"/", b"_")
    return directory + stem + b".py"


@FUZZ
@given(st.dictionaries(odd_name(), st.sampled_from([b"import os\n", b"from app.api import views\n",
                                                     b"eval('1')\n", b"x = (\n"]), min_size=1, max_size=4))
def test_odd_file_names(extra: dict[bytes, bytes]) -> None:
    _record("names", project({**BASE_SOURCES, **extra}))


# --- packs -----------------------------------------------------------------------------

json_like = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 3) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=8,
)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(value, dict):
        for key, child in value.items():
            found.extend(_paths(child, prefix + (key,)))
    elif isinstance(value, list):
        for position, child in enumerate(value):
            found.extend(_paths(child, prefix + (position,)))
    return found


@st.composite
def mutated_pack(draw: st.DrawFn) -> str:
    """The base pack with a few nodes replaced by arbitrary values or removed."""
    document = yaml.safe_load(BASE_PACK)
    for _ in range(draw(st.integers(1, 3))):
        paths = [p for p in _paths(document) if p]
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent = document
        for step in path[:-1]:
            parent = parent[step]
        if draw(st.booleans()):
            parent[path[-1]] = draw(json_like)
        elif isinstance(parent, dict):
            del parent[path[-1]]
        else:
            parent.pop(path[-1])
    return yaml.safe_dump(document, sort_keys=False)


@st.composite
def text_mutation(draw: st.DrawFn, base: str) -> str:
    text = base
    for _ in range(draw(st.integers(1, 4))):
        position = draw(st.integers(0, len(text)))
        kind = draw(st.sampled_from(["insert", "delete", "replace"]))
        piece = draw(st.sampled_from([":", "-", "[", "]", "{", "}", "&a", "*a", "!!python/object ", "\t", "\n",
                                      "  ", "'", '"', "\x00", "\ufeff", "%", "?", "|", ">", "#", "é", "\udcff"]))
        if kind == "insert":
            text = text[:position] + piece + text[position:]
        elif kind == "delete":
            text = text[:position] + text[position + len(piece):]
        else:
            text = text[:position] + piece + text[position + 1:]
    return text


@st.composite
def hostile_pack(draw: st.DrawFn) -> str:
    """Configuration built to exhaust the loader: alias bombs, deep nesting, huge scalars."""
    shape = draw(st.sampled_from(["alias-bomb", "deep-flow", "deep-block", "big-scalar", "many-rules"]))
    if shape == "alias-bomb":
        levels = draw(st.integers(2, 9))
        lines = ['a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x", "x"]']
        lines += [f"a{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * 10) + "]" for n in range(1, levels)]
        return BASE_PACK + "\n".join(lines) + "\n"
    depth = draw(st.sampled_from([50, 200, 1_000, 5_000]))
    if shape == "deep-flow":
        return BASE_PACK + "extra: " + "[" * depth + "]" * depth + "\n"
    if shape == "deep-block":
        return BASE_PACK + "".join("  " * level + f"k{level}:\n" for level in range(min(depth, 400))) + "\n"
    if shape == "big-scalar":
        return BASE_PACK.replace("direction", "d" * depth * 100)
    rules = "".join(f"  - code: LAM203\n    id: r{n}\n    options: {{calls: [f{n}]}}\n" for n in range(depth // 10))
    return BASE_PACK + rules


@FUZZ
@given(st.one_of(mutated_pack(), text_mutation(BASE_PACK), hostile_pack()))
def test_hostile_packs(pack: str) -> None:
    _record("packs", project(pack=pack))


# --- baselines -------------------------------------------------------------------------

VALID_BASELINE = BASELINE_HEAD + (
    '{"code": "LAM101", "path": "app/core/model.py", "symbol": "load", "anchor": "0", "count": 1}\n]}\n'
)


@st.composite
def mutated_baseline(draw: st.DrawFn) -> bytes:
    shape = draw(st.sampled_from(["structure", "text", "deep", "bytes"]))
    if shape == "structure":
        document = json.loads(VALID_BASELINE)
        paths = [p for p in _paths(document) if p]
        path = draw(st.sampled_from(paths))
        parent = document
        for step in path[:-1]:
            parent = parent[step]
        parent[path[-1]] = draw(json_like)
        return json.dumps(document).encode("utf-8")
    if shape == "text":
        return draw(text_mutation(VALID_BASELINE)).encode("utf-8", errors="surrogatepass")
    if shape == "deep":
        depth = draw(st.sampled_from([100, 1_000, 100_000]))
        return ('{"version": 1, "entries": ' + "[" * depth + "]" * depth + "}").encode("utf-8")
    return draw(st.binary(max_size=200))


@FUZZ
@given(mutated_baseline())
def test_hostile_baselines(baseline: bytes) -> None:
    _record("baselines", project(baseline=baseline))


def test_the_base_project_reaches_every_rule_family() -> None:
    """The harness is not vacuous: the unmutated project is valid and fires an import, a
    call and a transaction rule, so mutations start from a run that reaches the rules."""
    run = check_property(project())
    assert run.exit_code == 1
    codes = {finding["code"] for finding in json.loads(run.stdout)["findings"]}
    assert {"LAM101", "LAM107", "LAM203", "LAM401"} <= codes
