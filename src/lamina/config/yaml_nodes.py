"""YAML as a tree of marked nodes (docs/packs.md#12-validation).

Packs are composed with PyYAML's *safe* composer only (never ``yaml.load``), and every
key and value keeps the file, line and column it was written at, so that each
configuration error and each ``LAM004`` finding can point at the pack line.
The same node types also carry ``[tool.lamina]`` values (see ``toml_table.py``),
so one schema checker serves both formats.
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml
from yaml.constructor import SafeConstructor

from lamina.errors import UserError
from lamina.model.project import Mark

# What the safe constructor returns for a scalar: str, int, float, bool, None, or
# another safe type such as a date (rejected by the schema wherever it appears).
ScalarValue = object
_CONTAINER_TAGS = ("tag:yaml.org,2002:seq", "tag:yaml.org,2002:map")
# Limits checked while composing, before anything is expanded: packs arrive in pull
# requests, and CI must not be stalled by one. Real packs nest about 6 levels deep and
# alias a few small lists; an alias bomb ("billion laughs") expands exponentially.
MAX_DEPTH = 64
MAX_ALIAS_NODES = 10_000
_DEPTH_HINT = "a pack nests a few levels deep; flatten the structure"
_ALIAS_HINT = "aliases may copy only small values; write the values out instead"


class _LimitExceeded(Exception):
    def __init__(self, message: str, mark: yaml.Mark, hint: str) -> None:
        super().__init__(message)
        self.message = message
        self.mark = mark
        self.hint = hint


class _LimitedLoader(yaml.SafeLoader):
    """The safe loader with a nesting limit and a budget of nodes produced by aliases.

    The composer shares one node for every alias of an anchor; converting the tree copies
    it once per alias. So the expanded size and depth of each composed node are recorded,
    and an alias is charged the size of its anchor: an alias bomb is refused after a few
    thousand nodes, before the tree is built. (The composer recurses once per level, so the
    depth limit also keeps it far from Python's recursion limit.)
    """

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0
        self._expanded = 0
        self._shape: dict[int, tuple[int, int]] = {}  # id(node) -> (expanded size, depth)

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            mark = self._next_mark()
            node = super().compose_node(parent, index)
            # An alias of an unfinished ancestor has no shape yet (reported as recursive later).
            size, depth = self._shape.get(id(node), (1, 1))
            self._expanded += size
            if self._expanded > MAX_ALIAS_NODES:
                raise _LimitExceeded(f"YAML aliases expand to more than {MAX_ALIAS_NODES} values", mark, _ALIAS_HINT)
            if self._depth + depth > MAX_DEPTH:
                raise _LimitExceeded(f"YAML nests deeper than {MAX_DEPTH} levels (through an alias)", mark, _DEPTH_HINT)
            return node
        self._depth += 1
        if self._depth > MAX_DEPTH:
            mark = self._next_mark()
            raise _LimitExceeded(f"YAML nests deeper than {MAX_DEPTH} levels", mark, _DEPTH_HINT)
        try:
            node = super().compose_node(parent, index)
        finally:
            self._depth -= 1
        if node is not None and not isinstance(node, yaml.ScalarNode):
            self._shape[id(node)] = self._measure(node)
        return node

    def _next_mark(self) -> yaml.Mark:
        # types-PyYAML leaves the pure-Python Parser.peek_event unannotated (it returns an Event).
        event: yaml.Event = self.peek_event()  # type: ignore[no-untyped-call]
        mark = event.start_mark
        assert isinstance(mark, yaml.Mark)  # the pure-Python parser marks every event it makes
        return mark

    def _measure(self, node: yaml.Node) -> tuple[int, int]:
        if isinstance(node, yaml.SequenceNode):
            children = list(node.value)
        elif isinstance(node, yaml.MappingNode):
            children = [child for pair in node.value for child in pair]
        else:
            return (1, 1)
        shapes = [self._shape.get(id(child), (1, 1)) for child in children]
        return (1 + sum(size for size, _ in shapes), 1 + max((depth for _, depth in shapes), default=0))


class _Refused:
    """The value of a node that was refused (reported already); checkers skip it."""

    def __repr__(self) -> str:
        return "<refused>"


REFUSED = _Refused()


@dataclass(frozen=True, slots=True)
class YScalar:
    value: ScalarValue
    mark: Mark


@dataclass(frozen=True, slots=True)
class YSeq:
    items: tuple[YNode, ...]
    mark: Mark
    # Positions of ``items`` in the list as written, when checking dropped invalid items;
    # messages name entries by their written index (``rules[3]``).
    indices: tuple[int, ...] = ()

    def written_index(self, position: int) -> int:
        return self.indices[position] if self.indices else position


@dataclass(frozen=True, slots=True)
class YMap:
    """A mapping with string keys, in the order written (duplicates already rejected)."""

    items: tuple[tuple[YScalar, YNode], ...]
    mark: Mark
    # Keys that were written but dropped by checking (reported already), so that a
    # later "missing key" check does not report them a second time.
    invalid: tuple[str, ...] = ()

    def get(self, key: str) -> YNode | None:
        for k, value in self.items:
            if k.value == key:
                return value
        return None

    def value_mark(self, key: str) -> Mark:
        value = self.get(key)
        return value.mark if value is not None else self.mark

    def key_mark(self, key: str) -> Mark:
        for k, _ in self.items:
            if k.value == key:
                return k.mark
        return self.mark


YNode = YScalar | YSeq | YMap


def type_name(node: YNode) -> str:
    """How a value's type is named in error messages."""
    if isinstance(node, YMap):
        return "mapping"
    if isinstance(node, YSeq):
        return "list"
    value = node.value
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, (int, float, str)):
        return type(value).__name__
    return type(value).__name__


def load_yaml(text: str, file: str) -> tuple[YNode | None, list[UserError]]:
    """Compose ``text`` safely; a syntax error raises ``UserError`` at its position.

    Returns the root node (``None`` for an empty document) and the structural errors
    found while converting (duplicate keys, non-string keys, merge keys, recursion).
    """
    try:
        root = yaml.compose(text, Loader=_LimitedLoader)
    except _LimitExceeded as exc:
        raise UserError(exc.message, path=file, line=exc.mark.line + 1, column=exc.mark.column + 1,
                        hint=exc.hint) from None
    except yaml.MarkedYAMLError as exc:
        raise _syntax_error(exc, file) from None
    except yaml.YAMLError as exc:  # unmarked errors (e.g. a reader error without position)
        raise UserError(f"invalid YAML: {exc}", path=file, line=1, column=1,
                        hint="a pack is a UTF-8 YAML file") from None
    if root is None:
        return None, []
    converter = _Converter(file)
    return converter.convert(root), converter.errors


def _syntax_error(exc: yaml.MarkedYAMLError, file: str) -> UserError:
    mark = exc.problem_mark or exc.context_mark
    problem = exc.problem or exc.context or "invalid YAML"
    if exc.context and exc.problem:
        problem = f"{problem} ({exc.context})"
    line = mark.line + 1 if mark is not None else 1
    column = mark.column + 1 if mark is not None else 1
    return UserError(f"YAML syntax error: {problem}", path=file, line=line, column=column,
                     hint="fix the YAML syntax at this position")


class _Converter:
    """Turns PyYAML nodes into marked ``Y*`` nodes, collecting structural errors."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.errors: list[UserError] = []
        # Scalars are constructed by the safe constructor so that YAML's own typing
        # (quoted "1" is a string, 1 is an int, true is a bool) is kept exactly.
        self._constructor = SafeConstructor()
        self._active: set[int] = set()

    def _mark(self, node: yaml.Node) -> Mark:
        return Mark(self.file, node.start_mark.line + 1, node.start_mark.column + 1)

    def _error(self, message: str, mark: Mark) -> None:
        self.errors.append(UserError(message, path=mark.file, line=mark.line, column=mark.column))

    def convert(self, node: yaml.Node) -> YNode:
        if isinstance(node, yaml.ScalarNode):
            return YScalar(self._scalar(node), self._mark(node))
        if node.tag not in _CONTAINER_TAGS:
            # Explicit tags such as !!python/object are refused, never constructed.
            self._error(f"unsupported YAML tag '{node.tag}'", self._mark(node))
            return YScalar(REFUSED, self._mark(node))
        if id(node) in self._active:
            # An alias pointing at its own ancestor would make the tree infinite.
            self._error("recursive YAML alias", self._mark(node))
            return YScalar(REFUSED, self._mark(node))
        self._active.add(id(node))
        try:
            if isinstance(node, yaml.SequenceNode):
                return YSeq(tuple(self.convert(item) for item in node.value), self._mark(node))
            assert isinstance(node, yaml.MappingNode)
            return self._mapping(node)
        finally:
            self._active.discard(id(node))

    def _scalar(self, node: yaml.ScalarNode) -> ScalarValue:
        # YAML 1.2 booleans only: PyYAML follows YAML 1.1, where a plain `off`, `on`, `yes`
        # or `no` is a bool - and `severity: off` would silently stop meaning "off".
        if node.tag == "tag:yaml.org,2002:bool" and node.style is None and node.value.lower() not in ("true", "false"):
            return node.value
        try:
            value: ScalarValue = self._constructor.construct_object(node, deep=True)
            return value
        except yaml.MarkedYAMLError:  # an unknown tag: the safe constructor refuses it
            self._error(f"unsupported YAML tag '{node.tag}'", self._mark(node))
            return REFUSED

    def _mapping(self, node: yaml.MappingNode) -> YMap:
        items: list[tuple[YScalar, YNode]] = []
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            key_mark = self._mark(key_node)
            if key_node.tag == "tag:yaml.org,2002:merge":
                self._error("YAML merge keys ('<<') are not supported", key_mark)
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self._error("mapping keys must be strings", key_mark)
                continue
            key = self._scalar(key_node)
            if key is REFUSED:
                continue
            if not isinstance(key, str):
                self._error(f"mapping keys must be strings, got {key!r}", key_mark)
                continue
            if key in first_line:
                self._error(f"duplicate key '{key}' (first at line {first_line[key]})", key_mark)
                continue
            first_line[key] = key_mark.line
            items.append((YScalar(key, key_mark), self.convert(value_node)))
        return YMap(tuple(items), self._mark(node))


# -- reading checked nodes ---------------------------------------------------------
# After schema checking, types are known; these accessors only translate to Python.


def strs(node: YNode | None, default: tuple[str, ...] = ()) -> tuple[str, ...]:
    """A checked list of strings as a tuple (``default`` when absent)."""
    if not isinstance(node, YSeq):
        return default
    return tuple(str(item.value) for item in node.items if isinstance(item, YScalar))


def string(node: YNode | None, default: str | None = None) -> str | None:
    if isinstance(node, YScalar) and isinstance(node.value, str):
        return node.value
    return default


def flag(node: YNode | None, default: bool = False) -> bool:
    if isinstance(node, YScalar) and isinstance(node.value, bool):
        return node.value
    return default


def integer(node: YNode | None, default: int) -> int:
    value = node.value if isinstance(node, YScalar) else None
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    return default
