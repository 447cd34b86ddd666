"""Facts read from the text rather than the tree: header fields (docs/packs.md#8-header)
and suppression comments (section 6.1)."""

from __future__ import annotations

from textwrap import dedent

from lamina.extract import extract_facts
from lamina.extract.comments import suppression_comments
from lamina.model.facts import HeaderField, ModuleFacts, SuppressionComment


def facts(source: str) -> ModuleFacts:
    return extract_facts(dedent(source).encode("utf-8"))


def test_header_fields_with_shebang_coding_continuations_and_repeats() -> None:
    result = facts(
        """\
        #!/usr/bin/env python
        # -*- coding: utf-8 -*-
        # Layer: L2.1 — API Facade
        #Role: engine
        #   Continuation: ignored
        # layer: second occurrence kept

          # Indented Key: value
        # not a field line
        # URL: https://example.test/a:b
        import os
        # After: the block
        """
    )
    assert result.header == (
        HeaderField("Layer", "L2.1 — API Facade", 3),
        HeaderField("Role", "engine", 4),
        HeaderField("layer", "second occurrence kept", 6),
        HeaderField("Indented Key", "value", 8),
        HeaderField("URL", "https://example.test/a:b", 10),
    )


def test_header_stops_at_the_docstring() -> None:
    result = facts('"""Doc."""\n# Layer: L5\n')
    assert result.header == ()


def test_header_is_read_up_to_two_hundred_lines() -> None:
    source = "".join(f"# Key{n}: v\n" for n in range(1, 251))
    result = extract_facts(source.encode())
    assert len(result.header) == 200
    assert result.header[-1] == HeaderField("Key200", "v", 200)


def test_coding_cookie_is_not_a_field_but_a_later_coding_line_is() -> None:
    result = facts("# coding: utf-8\n# Layer: L4\n# coding: later\n")
    assert [h.key for h in result.header] == ["Layer", "coding"]


def test_suppression_comments_trailing_and_own_line() -> None:
    result = facts(
        """\
        # Layer: L5
        # lamina: ignore-file[LAM203] header directive
        import os

        x = call()  # lamina: ignore[LAM203] trailing
        # lamina: ignore[LAM401] applies below

        # another comment
        await self._session.commit()
        """
    )
    assert result.suppressions == (
        SuppressionComment(2, 1, "# lamina: ignore-file[LAM203] header directive", 3, True, 3),
        SuppressionComment(5, 13, "# lamina: ignore[LAM203] trailing", 5, False, 5),
        SuppressionComment(6, 1, "# lamina: ignore[LAM401] applies below", 9, False, 9),
    )


def test_marker_inside_strings_is_not_a_comment() -> None:
    result = facts(
        '''\
        """Docstring mentioning # lamina: ignore[LAM101] x."""
        text = "# lamina: ignore[LAM203] not a comment"
        other = """
        # lamina: ignore[LAM401] inside a triple-quoted string
        """
        '''
    )
    assert result.suppressions == ()


def test_statement_line_of_multiline_statements() -> None:
    result = facts(
        """\
        result = registry.execute(
            "logs.pdf",  # lamina: ignore[LAM305] trailing on a continuation line
            # lamina: ignore[LAM305] own line inside the call
            tenant_id=t,
        )
        """
    )
    trailing, own_line = result.suppressions
    assert (trailing.line, trailing.target_line, trailing.statement_line) == (2, 2, 1)
    assert (own_line.line, own_line.target_line, own_line.statement_line) == (3, 4, 1)


def test_comment_at_end_of_file_targets_its_own_line() -> None:
    result = facts("x = 1\n# lamina: ignore[LAM101] dangling\n")
    assert result.suppressions[0].target_line == 2


def test_suppressions_before_a_tokenize_error_are_kept() -> None:
    text = "x = 1  # lamina: ignore[LAM101] reason\ny = (\n"
    (comment,) = suppression_comments(text, text.split("\n"), 0)
    assert (comment.line, comment.target_line, comment.in_header) == (1, 1, False)
