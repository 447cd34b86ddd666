"""Applying the fixes of one file: all edits of a fix or none, never two fixes over the same
text, and never a result that does not parse."""

from __future__ import annotations

from typing import NamedTuple

from lamina.fix.source import FixSource
from lamina.model.fixes import Edit, Fix


class Applied(NamedTuple):
    text: str  # the new text (BOM not included)
    fixes: tuple[Fix, ...]  # the fixes it contains, in position order


def _clash(edit: Edit, taken: list[Edit]) -> bool:
    for other in taken:
        if edit == other:
            continue
        if edit.start < other.end and other.start < edit.end:
            return True
        if edit.start == edit.end and other.start < edit.start < other.end:
            return True
        if other.start == other.end and edit.start < other.start < edit.end:
            return True
        if edit.start == edit.end == other.start == other.end:
            return True  # two insertions at one point: their order would be a guess
    return False


def apply_fixes(source: FixSource, fixes: list[Fix]) -> Applied | None:
    """The file with every fix applied that does not clash with an earlier one (fixes taken
    in position order); None when nothing applies or the result would not parse."""
    taken: list[Edit] = []
    chosen: list[Fix] = []
    for fix in sorted(fixes, key=lambda f: (f.edits[0].start, f.edits[0].end, f.message)):
        if any(_clash(edit, taken) for edit in fix.edits):
            continue
        chosen.append(fix)
        taken.extend(edit for edit in fix.edits if edit not in taken)
    if not chosen:
        return None
    text = source.text
    for edit in sorted(taken, key=lambda e: (e.start, e.end), reverse=True):
        text = text[: edit.start] + edit.content + text[edit.end:]
    if text == source.text or not parses(text):
        return None
    return Applied(text, tuple(chosen))


def parses(text: str) -> bool:
    """Whether the interpreter's parser (or, for a newer grammar, libcst's) accepts the text."""
    import ast
    import warnings

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ast.parse(text)
        return True
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        pass
    import libcst

    try:
        libcst.parse_module(text)
    except Exception:  # libcst.ParserSyntaxError and its recursion failures
        return False
    return True
