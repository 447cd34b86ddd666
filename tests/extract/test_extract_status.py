"""Parse status and problems (docs/rules.md#lam001, docs/rules.md#lam002 and docs/rules.md#lam003): decoding,
syntax errors, fallback."""

from __future__ import annotations

import subprocess
import sys

from lamina.extract import extract_facts
from lamina.model.facts import ImportKind, ParseProblem
from lamina.model.source import ParseStatus
from lamina.parsing import decode_source


def test_invalid_utf8_is_undecodable_at_the_first_bad_byte() -> None:
    data = b"import os\nx = 'caf\xff'\n"
    result = extract_facts(data)
    assert result.status is ParseStatus.UNDECODABLE
    assert result.problem == ParseProblem("cannot decode as utf-8: invalid start byte 0xff at byte 18", 2, 9)


def test_truncated_sequence_and_continuation_byte_messages() -> None:
    assert decode_source(b"x = '\xc3'") == ParseProblem(
        "cannot decode as utf-8: invalid continuation byte 0xc3 at byte 5", 1, 6
    )
    assert decode_source(b"x = 1\r\ny = '\xe2\x82") == ParseProblem(
        "cannot decode as utf-8: unexpected end of data 0xe2 at byte 12", 2, 6
    )


def test_nul_byte_is_undecodable() -> None:
    result = extract_facts(b"a = 1\nb = '\x00'\n")
    assert result.status is ParseStatus.UNDECODABLE
    assert result.problem == ParseProblem("cannot decode as utf-8: NUL byte at byte 11", 2, 6)


def test_unknown_codec_in_cookie() -> None:
    result = extract_facts(b"# -*- coding: klingon -*-\nimport os\n")
    assert result.status is ParseStatus.UNDECODABLE
    assert result.problem == ParseProblem("cannot decode: unknown encoding 'klingon' in the coding cookie", 1, 1)


def test_utf8_bom_is_stripped() -> None:
    result = extract_facts(b"\xef\xbb\xbf# Layer: L5\nimport os\n")
    assert result.status is ParseStatus.OK
    assert result.header[0].key == "Layer"
    assert (result.imports[0].line, result.imports[0].column) == (2, 1)


def test_bom_with_conflicting_cookie_is_undecodable() -> None:
    result = extract_facts(b"\xef\xbb\xbf# coding: latin-1\nimport os\n")
    assert result.status is ParseStatus.UNDECODABLE


def test_latin1_coding_cookie_on_line_two() -> None:
    data = "#!/usr/bin/env python\n# -*- coding: latin-1 -*-\nname = 'café'\nf('é', x)\n".encode("latin-1")
    result = extract_facts(data)
    assert result.status is ParseStatus.OK
    call = result.calls[0]
    assert call.args[0].value == "é"
    assert (call.line, call.column, call.end_column) == (4, 1, 10)


def test_cookie_after_a_code_line_is_ignored() -> None:
    data = "x = 1\n# coding: latin-1\ny = 'é'\n".encode("latin-1")
    assert extract_facts(data).status is ParseStatus.UNDECODABLE


def test_syntax_error_position_and_message() -> None:
    result = extract_facts(b"import os\ndef f(:\n    pass\n")
    assert result.status is ParseStatus.SYNTAX_ERROR
    assert result.problem == ParseProblem("invalid syntax", 2, 7)
    assert result.imports == ()


def test_fallback_for_nested_same_quote_fstrings() -> None:
    source = 'import os\nfrom app import tools\nlabel = f"{data["key"]}"\ntools.run(label)\n'
    result = extract_facts(source.encode())
    if sys.version_info >= (3, 12):  # the stdlib parser accepts PEP 701 itself
        assert result.status is ParseStatus.OK
        return
    assert result.status is ParseStatus.FALLBACK
    assert result.problem is not None and result.problem.message.startswith("f-string")
    assert [i.module for i in result.imports] == ["os", "app"]
    assert [(c.text, c.qualname) for c in result.calls] == [("tools.run", "app.tools.run")]


def test_fallback_for_type_alias_and_generic_function() -> None:
    source = "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import heavy\ntype Alias = int\n" \
             "def first[T](items: list[T]) -> T:\n    import lazy_mod\n    return items[0]\n"  # fmt: skip
    result = extract_facts(source.encode())
    if sys.version_info < (3, 12):
        assert result.status is ParseStatus.FALLBACK
        assert result.problem is not None
    assert {i.module: i.kind for i in result.imports} == {
        "typing": ImportKind.MODULE,
        "heavy": ImportKind.TYPE_CHECKING,
        "lazy_mod": ImportKind.LAZY,
    }
    assert "Alias" in result.module_bindings and "first" in result.module_bindings
    assert result.functions[0].params[0].annotation == "list[T]"


def test_both_parsers_failing_is_a_syntax_error_at_the_ast_position() -> None:
    result = extract_facts(b"x = = 1\n")
    assert result.status is ParseStatus.SYNTAX_ERROR
    assert result.problem == ParseProblem("invalid syntax", 1, 5)


def test_parser_exhaustion_is_a_syntax_error_without_fallback() -> None:
    result = extract_facts(("x = " + "-" * 100_000 + "1\n").encode())
    assert result.status is ParseStatus.SYNTAX_ERROR
    assert result.problem is not None and result.problem.message.startswith("source too complex to parse")


def test_parenthesis_limit_of_the_stdlib_parser_falls_back() -> None:
    result = extract_facts(("x = " + "(" * 300 + "f()" + ")" * 300 + "\n").encode())
    assert result.status is ParseStatus.FALLBACK
    assert result.problem is not None and result.problem.message == "too many nested parentheses"
    assert [c.text for c in result.calls] == ["f"]


def test_pathological_fallback_input_is_a_syntax_error_not_a_crash() -> None:
    # The PEP 701 line makes ast fail first; libcst's native parser would overflow the
    # machine stack (or take minutes) on what follows, so it is never handed these.
    pep701 = 'label = f"{d["k"]}"\n'
    for body in ("(" * 100_000 + "1" + ")" * 100_000, "+".join(["a"] * 50_000), "a" + ".b" * 50_000):
        result = extract_facts((pep701 + "x = " + body + "\n").encode())
        assert result.status is ParseStatus.SYNTAX_ERROR


def test_valid_files_never_load_libcst() -> None:
    code = (
        "import sys\n"
        "from lamina.extract import extract_facts\n"
        "assert extract_facts(b'import os\\nos.getcwd()\\n').status.value == 'ok'\n"
        "print('libcst' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
