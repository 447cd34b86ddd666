"""Hostile input (issue 11): nothing in a source file can crash or hang extraction. The
fallback parser gets only texts its pre-check admits, in a child process under a time
budget; the ``ast`` path turns exhaustion into a syntax error."""

from __future__ import annotations

import os
import sys

import pytest

import lamina.extract
import lamina.extract.isolated as isolated
import lamina.parsing.fallback as fallback
from lamina.extract import extract_facts, fallback_facts, parser_crashed
from lamina.model.facts import ParseProblem
from lamina.model.source import ParseStatus
from lamina.parsing.fallback import complexity, refusal
from lamina.rules.catalog import catalog

# Before 3.12 an f-string is one STRING token, and ast sends these files to the fallback.
before_312 = pytest.mark.skipif(sys.version_info >= (3, 12), reason="Python 3.12+ parses these f-strings itself")

# ast rejects it (too many nested parentheses); libcst overflows the machine stack on it.
DEEP_FSTRING = 'x = f"{' + "(" * 1500 + "1" + ")" * 1500 + '}"\n'
# ``type`` sends the file to libcst, which takes minutes on the sum inside the f-string.
LONG_FSTRING = 'type X = int\nx = f"{' + "+".join(["1"] * 20_000) + '}"\n'


@before_312
def test_brackets_inside_an_fstring_count_towards_the_depth() -> None:
    assert complexity(DEEP_FSTRING)[0] == 1501  # the field's brace is a bracket as well
    assert refusal(DEEP_FSTRING) == "too deeply nested for the fallback parser (1501 brackets; limit 400)"


@before_312
def test_operators_inside_an_fstring_count_towards_the_chain() -> None:
    assert refusal(LONG_FSTRING) == (
        "too long an expression for the fallback parser (19999 operators in one statement; limit 1000)"
    )


@before_312
@pytest.mark.parametrize(
    ("literal", "expected"),
    [
        ('f"((((( {x} -----"', (1, 0)),  # literal text is not code
        ('f"{{(((}} {a(b)}"', (2, 1)),  # doubled braces are text
        ("f\"{'}' + ((1))}\"", (3, 3)),  # a brace in a nested string does not end the field
        ("f\"{f'{((1))}'}\"", (4, 2)),  # a nested f-string is overestimated, never under
        ('f"{a if b else not c}"', (1, 3)),
    ],
)
def test_fstring_fields_are_measured_and_text_is_not(literal: str, expected: tuple[int, int]) -> None:
    assert complexity(f"x = {literal}\n") == expected


@before_312
@pytest.mark.parametrize(
    ("source", "reason"),
    [
        (DEEP_FSTRING, "too deeply nested for the fallback parser (1501 brackets; limit 400)"),
        (LONG_FSTRING, "too long an expression for the fallback parser"),
    ],
)
def test_refused_texts_are_syntax_errors_naming_the_reason(source: str, reason: str) -> None:
    result = extract_facts(source.encode())
    assert result.status is ParseStatus.SYNTAX_ERROR
    assert result.problem is not None and reason in result.problem.message


@before_312
def test_a_crash_of_the_fallback_parser_is_a_syntax_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fallback, "MAX_DEPTH", 10**9)  # lets the stack overflow happen, in the child
    monkeypatch.setattr(fallback, "MAX_CHAIN", 10**9)
    result = extract_facts(DEEP_FSTRING.encode())
    assert result.status is ParseStatus.SYNTAX_ERROR
    assert result.problem is not None
    assert result.problem.message == "f-string: too many nested parenthesis; the fallback parser crashed on this file"


@before_312
def test_a_fallback_parse_past_the_budget_is_a_syntax_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fallback, "MAX_CHAIN", 10**9)  # libcst would take minutes
    monkeypatch.setattr(isolated, "FALLBACK_BUDGET_SECONDS", 1.0)
    result = extract_facts(LONG_FSTRING.encode())
    assert result.status is ParseStatus.SYNTAX_ERROR
    assert result.problem is not None
    assert result.problem.message == "invalid syntax; the fallback parse exceeded the 1 s budget"


@before_312
def test_the_isolated_fallback_gives_the_same_facts_as_before() -> None:
    result = extract_facts(b"import os\ntype X = int\nos.getcwd()\n")
    assert result.status is ParseStatus.FALLBACK
    assert [i.module for i in result.imports] == ["os"]
    assert [c.text for c in result.calls] == ["os.getcwd"]


def test_parser_crashed_facts() -> None:
    result = parser_crashed(b"import os\r\nx = 1\r\n", "its worker process died")
    assert result.status is ParseStatus.SYNTAX_ERROR
    assert result.problem is not None
    assert result.problem.message == "the parser crashed on this file (its worker process died)"


@pytest.mark.parametrize(
    ("source", "status"),
    [
        ("x = " + "+".join(["1"] * 50_000), ParseStatus.SYNTAX_ERROR),  # ast's own recursion limit
        ("x = " + "+".join(["1"] * 900), ParseStatus.OK),  # just below it: the walk must cope
        ("x = " + "(" * 190 + "f()" + ")" * 190, ParseStatus.OK),
        ("x = " + "[" * 190 + "1" + "]" * 190, ParseStatus.OK),
        ("x = " + "f(" * 190 + ")" * 190, ParseStatus.OK),
        ("x = a" + ".b()" * 2_000, ParseStatus.SYNTAX_ERROR),
        ("x = " + " and ".join(["a"] * 100_000), ParseStatus.OK),
        ("".join("    " * i + "def f():\n" for i in range(99)) + "    " * 99 + "pass", ParseStatus.OK),
    ],
)
def test_deep_but_valid_trees_never_raise(source: str, status: ParseStatus) -> None:
    for with_code in (True, False):
        result = extract_facts((source + "\n").encode(), with_code)
        assert result.status is status
        if status is ParseStatus.SYNTAX_ERROR:
            assert result.problem is not None and result.problem.message.startswith("source too complex")


def test_the_lam001_page_states_the_limits_and_the_budget() -> None:
    doc = catalog()["LAM001"].doc
    assert f"limit {fallback.MAX_DEPTH})" in doc and f"limit {fallback.MAX_CHAIN})" in doc
    assert f"exceeded the {isolated.FALLBACK_BUDGET_SECONDS:g} s budget" in doc


@pytest.mark.skipif(not hasattr(os, "fork"), reason="compares with the forked child")
def test_the_spawned_child_where_fork_is_not_used_gives_the_same_facts() -> None:
    text = "import os\ntype X = int\nos.getcwd()\n"
    problem = ParseProblem("invalid syntax", 2, 6)
    forked = isolated._run_forked(text, problem, 60.0, fallback_facts)
    assert isinstance(forked, bytes) and forked == isolated._run_spawned(text, problem, 60.0, fallback_facts)
    # Starting a fresh interpreter alone takes longer than a millisecond.
    assert (
        isolated._run_spawned(text, problem, 0.001, fallback_facts) == "the fallback parse exceeded the 0.001 s budget"
    )


@pytest.mark.parametrize(("error", "reason"), [(RecursionError, "stack"), (MemoryError, "memory")])
def test_exhaustion_in_the_fallback_parser_is_a_syntax_error(
    monkeypatch: pytest.MonkeyPatch, error: type[BaseException], reason: str
) -> None:
    def exhausted(text: str) -> None:
        raise error()

    monkeypatch.setattr(lamina.extract, "parse_fallback", exhausted)
    result = fallback_facts("type X = int\n", ParseProblem("invalid syntax", 1, 6))
    assert result.status is ParseStatus.SYNTAX_ERROR
    assert result.problem == ParseProblem(f"invalid syntax; the fallback parser ran out of {reason}", 1, 6)
