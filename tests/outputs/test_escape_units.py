"""``lamina.model.escape``: how text from the analyzed tree is shown in each output."""

from __future__ import annotations

from lamina.model.escape import md_code, md_link, md_name, md_text, one_line, printable_block, shown


def test_shown_escapes_only_what_utf8_cannot_carry() -> None:
    assert shown("app/m\udcff.py") == "app/m\\xff.py"
    assert shown("lone \ud800") == "lone \\ud800"
    assert shown("café\n\x1b") == "café\n\x1b"  # JSON and SARIF escape these themselves
    shown("m\udcff").encode("utf-8")


def test_one_line_escapes_every_control_character() -> None:
    assert one_line("a\nb\rc\td\x1b[31me\x7f\x85f\u2028g\udcffh") == "a\\nb\\rc\\td\\x1b[31me\\x7f\\x85f\\u2028g\\xffh"
    assert one_line("plain café / path.py") == "plain café / path.py"
    assert printable_block("line\n\tindent\x1b\r") == "line\n\tindent\\x1b\\r"


def test_md_text_escapes_markup_but_keeps_code_spans_and_words() -> None:
    assert md_text("<!-- hidden") == "\\<!-- hidden"
    assert md_text("a | b\n  c", cell=True) == "a \\| b c"
    assert md_text("Uses ``session.commit()`` *not* [x](y)") == "Uses ``session.commit()`` \\*not\\* \\[x\\](y)"
    assert md_text("snake_case and __init__") == "snake_case and \\_\\_init\\_\\_"
    assert md_text("a lone ` backtick") == "a lone \\` backtick"
    assert md_text("code `a|b` in a cell", cell=True) == "code `a\\|b` in a cell"  # GFM reads \| in spans
    assert md_text("C:\\* and \\d") == "C:\\\\\\* and \\d"


def test_md_text_escapes_a_leading_block_marker() -> None:
    assert md_text("# not a heading") == "\\# not a heading"
    assert md_text("> not a quote") == "\\> not a quote"
    assert md_text("- not a list") == "\\- not a list"
    assert md_text("1. not a list") == "1\\. not a list"
    assert md_text("```python") == "\\`\\`\\`python"
    assert md_text("3.14 is a number") == "3.14 is a number"


def test_md_name_shows_a_newline_instead_of_folding_it() -> None:
    assert md_name("a|b\nc.py", cell=True) == "a\\|b\\nc.py"
    assert md_name("m\udcff.py") == "m\\xff.py"


def test_md_code_fences_longer_than_any_backtick_run() -> None:
    assert md_code("plain") == "`plain`"
    assert md_code("tick`s") == "``tick`s``"
    assert md_code("``x``") == "``` ``x`` ```"
    assert md_code("a|b\nc", cell=True) == "`a\\|b\\nc`"
    assert md_code(" padded ") == "`  padded  `"


def test_md_link_percent_encodes_the_bytes() -> None:
    assert md_link("dir/operation_registry.md") == "dir/operation_registry.md"
    assert md_link("a|b\nc (1).md") == "a%7Cb%0Ac%20%281%29.md"
    assert md_link("m\udcff.md") == "m%FF.md"
    assert md_link("a&lt;b.md") == "a%26lt;b.md"  # no entity is decoded in a destination
