"""The single pass over an ``ast.Module`` (ARCHITECTURE.md section 9, rule 9).

A hand-rolled iterative walk rather than ``ast.NodeVisitor``: no recursion (generated
code nests deeper than the interpreter's recursion limit), leaves are never pushed
(``Name``, ``Constant`` and the context singletons are two thirds of all nodes), and only
the node types that carry facts have handlers; everything else is descended generically.

What runs where follows the interpreter: decorators, defaults, annotations and class
bases belong to the enclosing scope; only bodies belong to the definition.
"""

from __future__ import annotations

import ast
from ast import Attribute, Await, Call, Name, Starred, Subscript
from types import MappingProxyType
from typing import Callable, Iterable

from lamina.extract.calls import callee_text
from lamina.extract.definitions import function_fact, source_text, target_names
from lamina.extract.imports import ast_guards_imports, ast_is_type_checking, statement_bindings, statement_facts
from lamina.extract.literals import OTHER, Summarizer
from lamina.extract.positions import SourceLines
from lamina.extract.recorder import Frame, RawClass, Recorder, Scope, child_symbol, module_frame
from lamina.model.facts import ArgFact, ArgKind, ImportKind, KeywordArgFact

# Fields that never hold a node worth visiting (contexts, operators, identifiers, flags).
_SCALAR_FIELDS = frozenset(
    {"ctx", "op", "ops", "type_ignores", "kind", "conversion", "is_async", "simple", "level", "type_comment",
     "id", "attr", "arg", "asname", "module", "tag", "lineno", "rest", "kwd_attrs"}
)  # fmt: skip
# Classes never pushed: leaves, and the scalar values a node field may hold.
_LEAVES = frozenset({ast.Name, ast.Constant, ast.Pass, ast.Break, ast.Continue, ast.Global, ast.Nonlocal,
                     type(None), str, bytes, int, float, complex, bool, type(...)})  # fmt: skip


def _subclasses(cls: type) -> Iterable[type]:
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def _children_table() -> MappingProxyType[type, tuple[str, ...]]:
    """Per node class, the fields that may hold child nodes (a read-only table)."""
    return MappingProxyType(
        {
            cls: () if cls in _LEAVES else tuple(f for f in cls._fields if f not in _SCALAR_FIELDS)
            for cls in _subclasses(ast.AST)
        }
    )


_CHILDREN = _children_table()
_TRY_STAR = getattr(ast, "TryStar", None)  # Python 3.11+
_TYPE_ALIAS = getattr(ast, "TypeAlias", None)  # Python 3.12+


_CALL = ArgKind.CALL


def _inner_kind(frame: Frame) -> ImportKind:
    return ImportKind.TYPE_CHECKING if frame.kind is ImportKind.TYPE_CHECKING else ImportKind.LAZY


class AstWalker:
    """Walks one module tree into a ``Recorder``."""

    def __init__(self, lines: SourceLines, recorder: Recorder) -> None:
        self.lines = lines
        self.rec = recorder
        self.stack: list[tuple[ast.AST, Frame]] = []
        self.ascii = lines.ascii
        summarizer = Summarizer()
        self.summarize = summarizer.summarize
        self.keyword = summarizer.keyword
        self.add_call = recorder.calls.append
        handlers: dict[type, Callable[[ast.AST, Frame], None]] = {
            ast.Call: self._call,  # type: ignore[dict-item]
            ast.Await: self._await,  # type: ignore[dict-item]
            ast.FunctionDef: self._function,  # type: ignore[dict-item]
            ast.AsyncFunctionDef: self._function,  # type: ignore[dict-item]
            ast.ClassDef: self._class,  # type: ignore[dict-item]
            ast.Lambda: self._lambda,  # type: ignore[dict-item]
            ast.If: self._if,  # type: ignore[dict-item]
            ast.Try: self._try,  # type: ignore[dict-item]
            ast.Import: self._import,  # type: ignore[dict-item]
            ast.ImportFrom: self._import,  # type: ignore[dict-item]
            ast.Assign: self._assign,  # type: ignore[dict-item]
            ast.AnnAssign: self._ann_assign,  # type: ignore[dict-item]
            ast.AugAssign: self._aug_assign,  # type: ignore[dict-item]
            ast.NamedExpr: self._named,  # type: ignore[dict-item]
            ast.For: self._for,  # type: ignore[dict-item]
            ast.AsyncFor: self._for,  # type: ignore[dict-item]
            ast.With: self._with,  # type: ignore[dict-item]
            ast.AsyncWith: self._with,  # type: ignore[dict-item]
            ast.ExceptHandler: self._except,  # type: ignore[dict-item]
        }
        if _TRY_STAR is not None:
            handlers[_TRY_STAR] = self._try  # type: ignore[assignment]
        if _TYPE_ALIAS is not None:
            handlers[_TYPE_ALIAS] = self._type_alias  # type: ignore[assignment]
        self.handlers = handlers

    def walk(self, tree: ast.Module) -> None:
        self._push_all(tree.body, module_frame())
        stack = self.stack
        pop = stack.pop
        push = stack.append
        handlers = self.handlers
        children = _CHILDREN
        leaves = _LEAVES
        while stack:
            node, frame = pop()
            cls = node.__class__
            handler = handlers.get(cls)
            if handler is not None:
                handler(node, frame)
                continue
            for field in children[cls]:
                value = getattr(node, field, None)
                if value.__class__ is list:
                    for item in value:
                        if item.__class__ not in leaves:
                            push((item, frame))
                elif value.__class__ not in leaves:
                    push((value, frame))

    def _push_all(self, nodes: Iterable[ast.AST | None], frame: Frame) -> None:
        push = self.stack.append
        for node in nodes:
            if node.__class__ not in _LEAVES:
                push((node, frame))  # type: ignore[arg-type]

    def _position(self, node: ast.AST) -> tuple[int, int, int, int]:
        lines = self.lines
        line, end_line = node.lineno, node.end_lineno or node.lineno  # type: ignore[attr-defined]
        return line, lines.column(line, node.col_offset), end_line, lines.column(end_line, node.end_col_offset)  # type: ignore[attr-defined]

    # -- expressions ------------------------------------------------------------------

    def _call(self, node: ast.Call, frame: Frame) -> None:
        push = self.stack.append
        leaves = _LEAVES
        func = node.func
        # Render the callee (calls.callee_text, inlined: this is the hottest path) and push
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
                        parts.append(head)  # type: ignore[arg-type]
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
        callee = None
        if cls is Call and link is func:
            callee = id(func)
        elif func.__class__ is Await and func.value.__class__ is Call:  # type: ignore[attr-defined]
            callee = id(func.value)  # type: ignore[attr-defined]
        # Layout: recorder.RawCall.
        self.add_call(
            [id(node), text, head, frame, func.lineno, column, end_line, end_column, args, keywords, star,
             star_kwargs, callee]
        )  # fmt: skip

    def _await(self, node: ast.Await, frame: Frame) -> None:
        value = node.value
        if value.__class__ is Call:
            self.rec.awaited.add(id(value))
        if value.__class__ not in _LEAVES:
            self.stack.append((value, frame))

    def _lambda(self, node: ast.Lambda, frame: Frame) -> None:
        self._push_all(node.args.defaults, frame)
        self._push_all(node.args.kw_defaults, frame)
        inner = Frame(frame.symbol, Scope(frame.scope, False), _inner_kind(frame), False, True, False)
        self._push_all((node.body,), inner)

    def _named(self, node: ast.NamedExpr, frame: Frame) -> None:
        target = node.target
        if isinstance(target, ast.Name):
            if node.value.__class__ is ast.Call:
                self.rec.assigns.append((target.id, id(node.value), frame.symbol, node.lineno))
            if frame.module_level:
                self.rec.module_bindings.add(target.id)
        self._push_all((node.value,), frame)

    # -- definitions ------------------------------------------------------------------

    def _function(self, node: ast.FunctionDef | ast.AsyncFunctionDef, frame: Frame) -> None:
        name = node.name
        qualname = name if frame.symbol == "<module>" else f"{frame.symbol}.{name}"
        scope = frame.scope
        rec = self.rec
        rec.functions.append(function_fact(node, qualname, scope.is_class, frame.in_function, self.lines))
        if scope.methods is not None:
            scope.methods.add(name)
        if frame.module_level:
            rec.module_bindings.add(name)
        # Decorators, annotations and defaults run in the enclosing scope.
        push = self.stack.append
        leaves = _LEAVES
        for decorator in node.decorator_list:
            if decorator.__class__ is Call:
                rec.decorators[id(decorator)] = qualname
            if decorator.__class__ not in leaves:
                push((decorator, frame))
        args = node.args
        for group in (args.posonlyargs, args.args, args.kwonlyargs):
            for arg in group:
                if arg.annotation is not None and arg.annotation.__class__ not in leaves:
                    push((arg.annotation, frame))
        for arg in (args.vararg, args.kwarg):
            if arg is not None and arg.annotation is not None and arg.annotation.__class__ not in leaves:
                push((arg.annotation, frame))
        for default in (*args.defaults, *args.kw_defaults, node.returns, *getattr(node, "type_params", ())):
            if default.__class__ not in leaves:
                push((default, frame))
        kind = ImportKind.TYPE_CHECKING if frame.kind is ImportKind.TYPE_CHECKING else ImportKind.LAZY
        inner = Frame(qualname, Scope(scope, False), kind, False, True, False)
        for statement in node.body:
            if statement.__class__ not in leaves:
                push((statement, inner))

    def _class(self, node: ast.ClassDef, frame: Frame) -> None:
        qualname = child_symbol(frame, node.name)
        scope = Scope(frame.scope, True)
        line, column, _, _ = self._position(node)
        bases = tuple(source_text(base, self.lines) for base in node.bases)
        self.rec.classes.append(
            RawClass(qualname, node.name, line, column, node.end_lineno or line, bases, frame.module_level, scope)
        )
        if frame.module_level:
            self.rec.module_bindings.add(node.name)
        for decorator in node.decorator_list:
            if decorator.__class__ is Call:
                self.rec.decorators[id(decorator)] = qualname
        self._push_all(node.decorator_list, frame)
        self._push_all((*node.bases, *(k.value for k in node.keywords), *getattr(node, "type_params", ())), frame)
        inner = Frame(qualname, scope, frame.kind, frame.guarded, frame.in_function, False)
        self._push_all(node.body, inner)

    # -- statements -------------------------------------------------------------------

    def _if(self, node: ast.If, frame: Frame) -> None:
        self._push_all((node.test,), frame)
        body = frame
        if frame.kind is not ImportKind.TYPE_CHECKING and ast_is_type_checking(node.test):
            body = Frame(frame.symbol, frame.scope, ImportKind.TYPE_CHECKING, frame.guarded,
                         frame.in_function, frame.module_level)  # fmt: skip
        self._push_all(node.body, body)
        self._push_all(node.orelse, frame)

    def _try(self, node: ast.Try, frame: Frame) -> None:
        body = frame
        if not frame.guarded and ast_guards_imports(node.handlers):
            body = Frame(frame.symbol, frame.scope, frame.kind, True, frame.in_function, frame.module_level)
        self._push_all(node.body, body)
        self._push_all((*node.handlers, *node.orelse, *node.finalbody), frame)

    def _except(self, node: ast.ExceptHandler, frame: Frame) -> None:
        if node.name and frame.module_level:
            self.rec.module_bindings.add(node.name)
        self._push_all((node.type, *node.body), frame)

    def _import(self, node: ast.Import | ast.ImportFrom, frame: Frame) -> None:
        position = self._position(node)
        facts = statement_facts(node, frame.kind, frame.guarded, frame.symbol, position)
        self.rec.imports.extend(facts)
        for fact in facts:
            for name, target in statement_bindings(fact):
                frame.scope.bind(name, target, position[0], position[1])
                if frame.module_level:
                    self.rec.module_bindings.add(name)

    def _assign(self, node: ast.Assign, frame: Frame) -> None:
        targets = node.targets
        value = node.value
        push = self.stack.append
        if len(targets) == 1:
            target = targets[0]
            if target.__class__ is Name:
                if value.__class__ is Call:
                    self.rec.assigns.append((target.id, id(value), frame.symbol, node.lineno))  # type: ignore[attr-defined]
            else:
                push((target, frame))
        else:
            self._push_all(targets, frame)
        if frame.module_level:
            for target in targets:
                target_names(target, self.rec.module_bindings)
        if value.__class__ not in _LEAVES:
            push((value, frame))

    def _ann_assign(self, node: ast.AnnAssign, frame: Frame) -> None:
        target = node.target
        if target.__class__ is Name and node.value.__class__ is Call:
            self.rec.assigns.append((target.id, id(node.value), frame.symbol, node.lineno))  # type: ignore[union-attr]
        if frame.module_level and node.value is not None:
            target_names(target, self.rec.module_bindings)
        self._push_all((target, node.annotation, node.value), frame)

    def _aug_assign(self, node: ast.AugAssign, frame: Frame) -> None:
        if frame.module_level:
            target_names(node.target, self.rec.module_bindings)
        self._push_all((node.target, node.value), frame)

    def _for(self, node: ast.For | ast.AsyncFor, frame: Frame) -> None:
        if frame.module_level:
            target_names(node.target, self.rec.module_bindings)
        self._push_all((node.target, node.iter, *node.body, *node.orelse), frame)

    def _with(self, node: ast.With | ast.AsyncWith, frame: Frame) -> None:
        for item in node.items:
            if item.optional_vars is not None and frame.module_level:
                target_names(item.optional_vars, self.rec.module_bindings)
            self._push_all((item.context_expr, item.optional_vars), frame)
        self._push_all(node.body, frame)

    def _type_alias(self, node: ast.AST, frame: Frame) -> None:
        if frame.module_level:
            target_names(node.name, self.rec.module_bindings)  # type: ignore[attr-defined]
        self._push_all((node.value, *getattr(node, "type_params", ())), frame)  # type: ignore[attr-defined]
