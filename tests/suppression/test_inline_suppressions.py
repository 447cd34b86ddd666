"""Inline suppressions end to end (docs/rule-semantics.md#inline-suppressions): where a directive applies, what
makes it invalid (LAM502) or unused (LAM501), and how suppressed findings are shown."""

from __future__ import annotations

from pathlib import Path

import pytest
from suppression_tree import PACK, Tree

from lamina.model.facts import SuppressionComment
from lamina.rules.catalog import catalog
from lamina.suppression.inline import Directive, Problem, parse_directive


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Tree:
    return Tree(tmp_path, monkeypatch)


def messages(tree: Tree, code: str) -> list[tuple[int, str]]:
    rows = tree.check().json()["findings"]
    assert isinstance(rows, list)
    return [(f["line"], f["message"]) for f in rows if f["code"] == code]


def test_trailing_suppression_keeps_the_finding_as_suppressed_with_its_reason(tree: Tree) -> None:
    tree.write("app/run.py", """\
        def run(source: str) -> object:
            return eval(source)  # lamina: ignore[LAM203] - trusted plugin manifests only
        """)
    outcome = tree.check()
    assert outcome.exit_code == 0
    (finding,) = outcome.json()["findings"]  # type: ignore[misc]
    assert finding["status"] == "suppressed"
    assert finding["justification"] == "trusted plugin manifests only"
    assert finding["line"] == 2 and finding["symbol"] == "run"
    assert outcome.json()["summary"]["suppressed"] == 1  # type: ignore[index]
    text = tree.lamina("check", "--no-cache")
    assert text.exit_code == 0
    assert "eval" not in text.stdout and "1 suppressed" in text.stdout


def test_comment_alone_applies_to_the_next_code_line(tree: Tree) -> None:
    tree.write("app/run.py", """\
        def run(source: str) -> object:
            # lamina: ignore[LAM203] trusted plugin manifests only

            # (blank and comment-only lines are skipped)
            return eval(source)


        def other(source: str) -> object:
            return eval(source)
        """)
    assert tree.check().findings() == [
        ("app/run.py", 5, "LAM203", "suppressed"),
        ("app/run.py", 9, "LAM203", "open"),
    ]


def test_ignore_file_in_the_header_covers_the_whole_file(tree: Tree) -> None:
    tree.write("app/run.py", """\
        # Layer: tools
        # lamina: ignore-file[LAM203] this module is the sandboxed expression evaluator
        \"\"\"Evaluator.\"\"\"


        def run(source: str) -> object:
            return eval(source)


        def again(source: str) -> None:
            exec(source)
        """)
    assert tree.check().findings() == [
        ("app/run.py", 7, "LAM203", "suppressed"),
        ("app/run.py", 11, "LAM203", "suppressed"),
    ]


def test_multi_line_statement_is_suppressed_at_its_first_line(tree: Tree) -> None:
    tree.write("app/run.py", """\
        def run(source: str) -> object:
            # lamina: ignore[LAM203] the statement's first line carries the finding
            first = eval(
                source,
            )
            second = eval(
                source,
                {},
            )  # lamina: ignore[LAM203] a trailing comment on the last line covers the first
            return first, second
        """)
    assert tree.check().findings() == [
        ("app/run.py", 3, "LAM203", "suppressed"),
        ("app/run.py", 6, "LAM203", "suppressed"),
    ]


def test_reason_is_mandatory(tree: Tree) -> None:
    tree.write("app/run.py", """\
        def run(source: str) -> object:
            return eval(source)  # lamina: ignore[LAM203] --
        """)
    outcome = tree.check()
    assert outcome.exit_code == 1
    assert outcome.findings() == [("app/run.py", 2, "LAM203", "open"), ("app/run.py", 2, "LAM502", "open")]
    assert messages(tree, "LAM502") == [(2, "suppression of LAM203 has no reason")]


def test_unknown_code_suggests_the_closest_one(tree: Tree) -> None:
    tree.write("app/run.py", """\
        def run(source: str) -> object:
            return eval(source)  # lamina: ignore[LAM2O3] trusted plugin manifests only
        """)
    assert messages(tree, "LAM502") == [(2, "unknown code 'LAM2O3' (did you mean LAM203?)")]
    assert messages(tree, "LAM203") == [(2, "call to banned 'eval'")]


def test_unknown_directive_is_invalid(tree: Tree) -> None:
    tree.write("app/run.py", """\
        def run(source: str) -> object:
            return eval(source)  # lamina: ignroe[LAM203] trusted plugin manifests only
        """)
    assert messages(tree, "LAM502") == [(2, "unknown directive 'lamina: ignroe' (did you mean 'lamina: ignore'?)")]


def test_directive_inside_a_string_literal_does_not_count(tree: Tree) -> None:
    tree.write("app/run.py", """\
        def run(source: str) -> object:
            return eval(source), "# lamina: ignore[LAM203] looks like a comment but is a string"


        HELP = \"\"\"
        # lamina: ignroe[LAM2O3] neither is this docstring-like block
        \"\"\"
        """)
    assert tree.check().findings() == [("app/run.py", 2, "LAM203", "open")]


def test_unused_suppression_and_unused_code_of_a_list(tree: Tree) -> None:
    tree.write("app/run.py", """\
        def run(source: str) -> object:
            value = source.strip()  # lamina: ignore[LAM203] nothing to suppress here
            return eval(value)  # lamina: ignore[LAM203, LAM401] one code is used, one is not
        """)
    outcome = tree.check()
    assert outcome.findings() == [
        ("app/run.py", 2, "LAM501", "open"),
        ("app/run.py", 3, "LAM203", "suppressed"),
        ("app/run.py", 3, "LAM501", "open"),
    ]
    assert messages(tree, "LAM501") == [
        (2, "suppression of LAM203 matches no finding"),
        (3, "suppression of LAM401 matches no finding"),
    ]
    assert outcome.exit_code == 0  # LAM501 is a warning by default


def test_hygiene_severity_and_off_come_from_the_pack(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pack = PACK + (
        "  - {code: LAM501, id: strict-unused, severity: error}\n"
        "  - {code: LAM502, id: no-invalid, severity: 'off'}\n"
    )
    tree = Tree(tmp_path, monkeypatch, pack)
    tree.write("app/run.py", """\
        x = 1  # lamina: ignore[LAM203] nothing to suppress here
        y = 2  # lamina: ignore[LAM203]
        """)
    outcome = tree.check()
    rows = outcome.json()["findings"]
    assert [(f["line"], f["code"], f["rule_id"], f["severity"]) for f in rows] == [  # type: ignore[union-attr]
        (1, "LAM501", "strict-unused", "error"),
    ]
    assert outcome.exit_code == 1


def test_hygiene_codes_cannot_be_suppressed(tree: Tree) -> None:
    tree.write("app/run.py", "x = 1  # lamina: ignore[LAM501] hush\n")
    assert messages(tree, "LAM502") == [(1, "code LAM501 cannot be suppressed")]


def comment(text: str, in_header: bool = False) -> SuppressionComment:
    return SuppressionComment(line=3, column=5, text=text, target_line=3, in_header=in_header, statement_line=3)


KNOWN = frozenset(catalog())


@pytest.mark.parametrize(
    ("text", "codes", "reason"),
    [
        ("# lamina: ignore[LAM203] why", ("LAM203",), "why"),
        ("#lamina:ignore[LAM203,LAM101]:why not", ("LAM203", "LAM101"), "why not"),
        ("# lamina: ignore [ LAM203 , LAM203 ] \u2014 dup", ("LAM203",), "dup"),
        ("# type: ignore[attr-defined]  # lamina: ignore[LAM203] - after another pragma", ("LAM203",),
         "after another pragma"),
    ],
)
def test_valid_directive_spellings(text: str, codes: tuple[str, ...], reason: str) -> None:
    parsed = parse_directive(comment(text), KNOWN)
    assert isinstance(parsed, Directive)
    assert (parsed.codes, parsed.reason, parsed.whole_file) == (codes, reason, False)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("# lamina: ignore[LAM203]", "suppression of LAM203 has no reason"),
        ("# lamina: ignore[LAM203] 123 -", "suppression of LAM203 has no reason"),
        ("# lamina: ignore[] why", "empty code list"),
        ("# lamina: ignore[ , ] why", "empty code list"),
        ("# lamina: ignore[LAM203,,LAM101] why", "malformed code list '[LAM203,,LAM101]'"),
        ("# lamina: ignore[lam203] why", "unknown code 'lam203' (did you mean LAM203?)"),
        ("# lamina: ignore[LAM999] why", "unknown code 'LAM999'"),
        ("# lamina: ignore LAM203 why", "malformed suppression: expected '[CODES]' after 'lamina: ignore'"),
        ("# lamina: ignore[LAM203 why", "malformed suppression: the code list has no closing ']'"),
        ("# lamina:", "malformed suppression: expected 'ignore[CODES] REASON' after 'lamina:'"),
        (
            "# lamina: ignore_file[LAM203] why",
            "unknown directive 'lamina: ignore_file' (did you mean 'lamina: ignore-file'?)",
        ),
        ("# lamina: ignore-file[LAM203] why", "'lamina: ignore-file' is only allowed in the header block"),
        ("# lamina: ignore[LAM503] why", "code LAM503 cannot be suppressed"),
    ],
)
def test_invalid_directives(text: str, message: str) -> None:
    parsed = parse_directive(comment(text), KNOWN)
    assert isinstance(parsed, Problem)
    assert parsed.message == message


def test_marker_in_prose_is_not_a_directive() -> None:
    assert parse_directive(comment("# see the lamina: docs for directives"), KNOWN) is None
    parsed = parse_directive(comment("# lamina: ignore-file[LAM203] header", in_header=True), KNOWN)
    assert isinstance(parsed, Directive) and parsed.whole_file


def test_hygiene_exclude_narrows_where_unused_suppressions_are_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pack = PACK + '  - {code: LAM501, id: unused-outside-legacy, paths: {exclude: ["app/legacy/**"]}}\n'
    tree = Tree(tmp_path, monkeypatch, pack)
    tree.write("app/legacy/old.py", "x = 1  # lamina: ignore[LAM203] the legacy tree is frozen\n")
    tree.write("app/new.py", "x = 1  # lamina: ignore[LAM203] nothing to suppress here\n")
    assert tree.check().findings() == [("app/new.py", 1, "LAM501", "open")]
