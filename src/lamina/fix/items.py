"""Adding and dropping items of a bracket while keeping its layout: one line stays one
line, one item per line stays one item per line, a trailing comma stays."""

from __future__ import annotations

from lamina.fix.nodes import Bracket, indent_of
from lamina.fix.source import FixSource
from lamina.model.fixes import Edit


def _one_item_per_line(source: FixSource, bracket: Bracket) -> bool:
    """The closing bracket sits on a later line than the last item (or the opening one)."""
    last = bracket.items[-1] if bracket.items else None
    before = (last.comma_end or last.end) if last is not None else bracket.open_end
    return source.position(bracket.close_start)[0] > source.position(before)[0]


def append_items(source: FixSource, bracket: Bracket, texts: list[str]) -> list[Edit]:
    """Edits adding ``texts`` (source code) after the last item."""
    if not texts:
        return []
    if not bracket.items:
        inner = source.text[bracket.open_end:bracket.close_start]
        if inner.strip():
            return []  # only a comment inside: leave it to a human
        return [source.edit(bracket.open_end, bracket.close_start, ", ".join(texts))]
    last = bracket.items[-1]
    if not _one_item_per_line(source, bracket):
        if last.comma_end is not None:
            return [source.edit(last.comma_end, last.comma_end, " " + ", ".join(texts) + ",")]
        return [source.edit(last.end, last.end, ", " + ", ".join(texts))]
    indent = indent_of(source, last.start)
    newline = source.newline
    joined = ("," + newline + indent).join(texts)
    anchor_line = source.position(last.comma_end or last.end)[0]
    line_end = source.starts[anchor_line - 1] + len(source.line_text(anchor_line))
    if last.comma_end is not None:
        return [source.edit(line_end, line_end, newline + indent + joined + ",")]
    return [source.edit(last.end, last.end, ","), source.edit(line_end, line_end, newline + indent + joined)]


def drop_items(source: FixSource, bracket: Bracket, drop: set[int]) -> list[Edit]:
    """Edits removing the items at the indexes ``drop``."""
    items = bracket.items
    kept = [i for i in range(len(items)) if i not in drop]
    if not kept:
        return [source.edit(bracket.open_end, bracket.close_start, "")]
    last_kept = kept[-1]
    edits = [source.edit(items[i].start, items[i + 1].start, "") for i in sorted(drop) if i < last_kept]
    if last_kept < len(items) - 1:
        edits.append(source.edit(items[last_kept].end, items[-1].end, ""))
    return edits


def rewrite_items(source: FixSource, bracket: Bracket, texts: list[str]) -> list[Edit]:
    """One edit replacing the whole inside by ``texts`` in the bracket's layout."""
    if not texts:
        return [source.edit(bracket.open_end, bracket.close_start, "")]
    trailing = bool(bracket.items) and bracket.items[-1].comma_end is not None
    if bracket.items and _one_item_per_line(source, bracket):
        indent = indent_of(source, bracket.items[0].start)
        close_indent = indent_of(source, bracket.close_start)
        newline = source.newline
        body = "".join(newline + indent + text + "," for text in texts)
        return [source.edit(bracket.open_end, bracket.close_start, body + newline + close_indent)]
    return [source.edit(bracket.open_end, bracket.close_start, ", ".join(texts) + ("," if trailing else ""))]
