"""Call facts from ``ast.Call`` nodes (docs/rule-semantics.md#calls-and-name-resolution): the walker's hottest path."""

from __future__ import annotations

import ast
from ast import Attribute, Await, Call, Name, Starred, Subscript
from collections.abc import Callable

from lamina.extract.ast_nodes import LEAVES
from lamina.extract.literals import OTHER
from lamina.extract.names import callee_text
from lamina.extract.positions import SourceLines
from lamina.extract.recorder import Frame, RawCall, Recorder
from lamina.model.facts import ArgFact, ArgKind, KeywordArgFact

_CALL = ArgKind.CALL


class CallHandlers:
    """The ``ast.Call`` and ``ast.Await`` handlers of ``visitor.AstWalker`` (a mixin:
    calls are most of the work of a walk, so they get a module of their own)."""

    stack: list[tuple[ast.AST, Frame]]
    ascii: bool
    lines: SourceLines
    rec: Recorder
    summarize: Callable[[ast.expr], ArgFact]
    keyword: Callable[[str, ArgFact], KeywordArgFact]
    add_call: Callable[[RawCall], None]

    def _call(self, node: ast.Call, frame: Frame) -> None:
        push = self.stack.append
        leaves = LEAVES
        func = node.func
        # Render the callee (names.callee_text, inlined: this is the hottest path) and push
        # only the parts of its chain that can hold calls: attribute links and the root
        # name cannot, subscripts' slices and inner calls can.
        text: str | None = None
        head: str | None = None
        link = func
        cls = link.__class__
        if cls is Name:
            text = head = link.id  # type: ignore[attr-defined]
        else:
            parts: list[str] = []
            dotted = True  # only attribute links so far: the text is a plain dotted name
            while True:
                if cls is Attribute:
                    if dotted:
                        parts.append(link.attr)  # type: ignore[attr-defined]
                    link = link.value  # type: ignore[attr-defined]
                elif cls is Name:
                    if dotted:
                        head = link.id  # type: ignore[attr-defined]
                        parts.append(head)
                        parts.reverse()
                        text = ".".join(parts)
                    else:
                        text, head = callee_text(func)
                    break
                elif cls is Subscript:
                    dotted = False
                    if link.slice.__class__ not in leaves:  # type: ignore[attr-defined]
                        push((link.slice, frame))  # type: ignore[attr-defined]
                    link = link.value  # type: ignore[attr-defined]
                else:
                    if cls is Call:  # ``get_registry().register``: the chain keeps its text
                        text, head = callee_text(func)
                    if cls not in leaves:
                        push((link, frame))
                    break
                cls = link.__class__
        end_line = node.end_lineno or node.lineno
        if self.ascii:
            column, end_column = func.col_offset + 1, (node.end_col_offset or 0) + 1
        else:
            column = self.lines.column(func.lineno, func.col_offset)
            end_column = self.lines.column(end_line, node.end_col_offset or 0)
        star = star_kwargs = False
        args: tuple[ArgFact, ...] = ()
        keywords: tuple[KeywordArgFact, ...] = ()
        if node.args:
            summarize = self.summarize
            summaries = []
            for arg in node.args:
                if arg.__class__ is Starred:
                    star = True
                    summaries.append(OTHER)  # keeps the written index of the arguments after it
                    push((arg, frame))
                    continue
                summary = summarize(arg)
                summaries.append(summary)
                # Literals and dotted names hold no calls: nothing to visit.
                if summary is OTHER or summary.kind is _CALL:
                    push((arg, frame))
            args = tuple(summaries)
        if node.keywords:
            summarize = self.summarize
            keyword_facts = []
            for keyword in node.keywords:
                value = keyword.value
                summary = summarize(value)
                if keyword.arg is None:
                    star_kwargs = True
                else:
                    keyword_facts.append(self.keyword(keyword.arg, summary))
                if summary is OTHER or summary.kind is _CALL:
                    push((value, frame))
            keywords = tuple(keyword_facts)
        # A receiver not rooted in a name (``(await get_session()).commit``) leaves the
        # call without text; the attribute it calls is still worth knowing.
        method = func.attr if text is None and func.__class__ is Attribute else None
        callee = None
        if cls is Call and link is func:
            callee = id(func)
        elif func.__class__ is Await and func.value.__class__ is Call:
            callee = id(func.value)
        # Layout: recorder.RawCall.
        self.add_call(
            [id(node), text, head, frame, func.lineno, column, end_line, end_column, args, keywords, star,
             star_kwargs, callee, method]
        )  # fmt: skip

    def _await(self, node: ast.Await, frame: Frame) -> None:
        value = node.value
        if value.__class__ is Call:
            self.rec.awaited.add(id(value))
        if value.__class__ not in LEAVES:
            self.stack.append((value, frame))
