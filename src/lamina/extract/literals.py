"""Argument summaries (docs/rule-semantics.md#calls-and-name-resolution): literal strings and literal lists/tuples of
strings keep their values, names and calls their dotted text, everything else is ``other``.
A call argument also keeps its first positional argument when that is a string literal
(``text("COMMIT")`` is ``call`` ``text`` with values ``("COMMIT",)``): LAM401 reads SQL
wrapped that way.

An implicit concatenation ``"a" "b"`` is one string literal; f-strings, bytes, ``+``
concatenations and comprehensions are not literals.
"""

from __future__ import annotations

from ast import Attribute, Call, Constant, List, Name, Tuple, expr

from lamina.extract.names import callee_text, dotted_name
from lamina.model.facts import ArgFact, ArgKind, KeywordArgFact

# Shared immutable instance: most arguments summarise to it.
OTHER = ArgFact(ArgKind.OTHER)


def str_arg(value: str) -> ArgFact:
    """A string literal argument."""
    return ArgFact(ArgKind.STR, value)


def strs_arg(values: tuple[str, ...]) -> ArgFact:
    """A literal list or tuple of string literals (possibly empty)."""
    return ArgFact(ArgKind.STRS, None, values)


def name_arg(dotted: str | None) -> ArgFact:
    """A dotted name argument; ``other`` when the expression is not a pure dotted name."""
    return OTHER if dotted is None else ArgFact(ArgKind.NAME, dotted)


def call_arg(text: str | None, literal: str | None = None) -> ArgFact:
    """A call argument, kept as its callee text (``Handler`` for ``Handler()``) and the
    string literal it receives first, if any."""
    return ArgFact(ArgKind.CALL, text, () if literal is None else (literal,))


class Summarizer:
    """Summarises ``ast`` argument expressions for one module.

    Equal summaries are shared (they are immutable): the same names and strings recur
    across a module's calls, and building a frozen dataclass costs more than a lookup.
    """

    __slots__ = ("_names", "_strings", "_keywords")

    def __init__(self) -> None:
        self._names: dict[str, ArgFact] = {}
        self._strings: dict[str, ArgFact] = {}
        self._keywords: dict[tuple[str, int], KeywordArgFact] = {}

    def keyword(self, name: str, summary: ArgFact) -> KeywordArgFact:
        """``name=<summary>``, shared when the summary itself is shared (by identity)."""
        if summary.kind is ArgKind.CALL or summary.kind is ArgKind.STRS:
            return KeywordArgFact(name, summary)
        key = (name, id(summary))
        fact = self._keywords.get(key)
        if fact is None:
            fact = self._keywords[key] = KeywordArgFact(name, summary)
        return fact

    def summarize(self, node: expr) -> ArgFact:
        """The summary of one argument expression."""
        cls = node.__class__
        if cls is Name:
            name = node.id  # type: ignore[attr-defined]
            fact = self._names.get(name)
            if fact is None:
                fact = self._names[name] = ArgFact(ArgKind.NAME, name)
            return fact
        if cls is Constant:
            value = node.value  # type: ignore[attr-defined]
            if value.__class__ is not str:
                return OTHER
            fact = self._strings.get(value)
            if fact is None:
                fact = self._strings[value] = ArgFact(ArgKind.STR, value)
            return fact
        if cls is Attribute:
            dotted = dotted_name(node)
            if dotted is None:
                return OTHER
            fact = self._names.get(dotted)
            if fact is None:
                fact = self._names[dotted] = ArgFact(ArgKind.NAME, dotted)
            return fact
        if cls is Call:
            first = node.args[0] if node.args else None  # type: ignore[attr-defined]
            literal = first.value if first.__class__ is Constant else None
            return call_arg(callee_text(node.func)[0], literal if literal.__class__ is str else None)  # type: ignore[attr-defined]
        if cls is List or cls is Tuple:
            values: list[str] = []
            for element in node.elts:  # type: ignore[attr-defined]
                if element.__class__ is not Constant or element.value.__class__ is not str:
                    return OTHER
                values.append(element.value)
            return ArgFact(ArgKind.STRS, None, tuple(values))
        return OTHER
