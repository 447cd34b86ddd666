"""``extract_facts`` is total: any bytes become facts, never an exception (R5)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lamina.extract import extract_facts
from lamina.model.facts import ModuleFacts
from lamina.model.source import ParseStatus

# Fragments that make random text look like Python often enough to reach every stage.
FRAGMENTS = [
    "import os\n", "from . import x\n", "from ..a import (b as c)\n", "def f(a, *b, c=1, **d):\n", "    ",
    "class C(B):\n", "if TYPE_CHECKING:\n", "try:\n", "except ImportError:\n", "pass\n", "return ", "await ",
    "lambda: ", "f(", ")", "[", "]", "{", "}", ",", ":", ".", "x", "'s'", '"""doc"""', "f'{x}'", 'f"{x["k"]}"',
    "# lamina: ignore[LAM101] r\n", "# Layer: L5\n", "\n", "\t", "\r\n", "\\\n", "@d\n", "(y := g())", "*", "**",
    "é", "\x00", "\xff", "type X = int\n", "def g[T](x: T): ...\n", "match x:\n    case 1: pass\n",
]  # fmt: skip


def _check(result: ModuleFacts) -> None:
    assert isinstance(result, ModuleFacts)
    if result.status in (ParseStatus.SYNTAX_ERROR, ParseStatus.UNDECODABLE):
        assert result.problem is not None and result.problem.line >= 1
    for call in result.calls:
        assert call.callee_call is None or 0 <= call.callee_call < len(result.calls)
    hash(result)  # facts are hashable data all the way down


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.binary(max_size=400))
def test_random_bytes(data: bytes) -> None:
    _check(extract_facts(data))


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.text(max_size=300))
def test_random_text(text: str) -> None:
    _check(extract_facts(text.encode("utf-8", errors="surrogatepass")))


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=40))
def test_python_like_text(parts: list[str]) -> None:
    data = "".join(parts).encode("utf-8", errors="surrogatepass")
    first = extract_facts(data)
    _check(first)
    assert extract_facts(data) == first  # deterministic
