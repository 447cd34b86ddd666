"""The single pass over an ``ast.Module`` (docs/architecture.md#house-style, rule 9).

A hand-rolled iterative walk rather than ``ast.NodeVisitor``: no recursion (generated
code nests deeper than the interpreter's recursion limit), leaves are never pushed
(``Name``, ``Constant`` and the context singletons are two thirds of all nodes), and only
the node types that carry facts have handlers; everything else is descended generically.

What runs where follows the interpreter: decorators, defaults, annotations and class
bases belong to the enclosing scope; only bodies belong to the definition.
"""

from __future__ import annotations

import ast
from ast import Call, Name
from bisect import bisect_left
from collections.abc import Callable, Iterable, Sequence
from types import MappingProxyType
from typing import Any

from lamina.extract.ast_nodes import CHILDREN, LEAVES, TRY_STAR, TYPE_ALIAS
from lamina.extract.calls import CallHandlers
from lamina.extract.definitions import function_fact, lambda_fact, source_text, target_names
from lamina.extract.imports import ast_guards_imports, ast_is_type_checking, statement_bindings, statement_facts
from lamina.extract.literals import Summarizer
from lamina.extract.names import dotted_name
from lamina.extract.positions import SourceLines
from lamina.extract.recorder import (
    Frame,
    RawClass,
    Recorder,
    Scope,
    attribute_binding,
    bound_lambda,
    child_symbol,
    module_frame,
    recorded_annotation,
)
from lamina.model.facts import BindingKind, ImportKind

IMPORT_STATEMENTS = frozenset({ast.Import, ast.ImportFrom})
FUNCTION_STATEMENTS = frozenset({ast.FunctionDef, ast.AsyncFunctionDef})
# Compound statements other than definitions: their statement lists are walked.
BLOCK_STATEMENTS = frozenset(
    cls for cls in (ast.If, ast.Try, TRY_STAR, ast.For, ast.AsyncFor, ast.While, ast.With, ast.AsyncWith, ast.Match)
    if cls is not None
)  # fmt: skip


def _no_targets(node: ast.AST) -> tuple[ast.expr, ...]:
    return ()


# The targets through which a statement binds names (module-level bindings).
_BINDING_STATEMENTS: dict[type, Callable[[Any], Iterable[ast.expr]]] = {
    ast.Assign: lambda node: node.targets,
    ast.AnnAssign: lambda node: (node.target,) if node.value is not None else (),
    ast.AugAssign: lambda node: (node.target,),
    ast.For: lambda node: (node.target,),
    ast.AsyncFor: lambda node: (node.target,),
    ast.With: lambda node: [item.optional_vars for item in node.items if item.optional_vars is not None],
    ast.AsyncWith: lambda node: [item.optional_vars for item in node.items if item.optional_vars is not None],
}
if TYPE_ALIAS is not None:
    _BINDING_STATEMENTS[TYPE_ALIAS] = lambda node: (node.name,)
BINDING_STATEMENTS = MappingProxyType(_BINDING_STATEMENTS)


class AstWalker(CallHandlers):
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
        if TRY_STAR is not None:
            handlers[TRY_STAR] = self._try  # type: ignore[assignment]
        if TYPE_ALIAS is not None:
            handlers[TYPE_ALIAS] = self._type_alias
        self.handlers = handlers

    def walk_statements(self, tree: ast.Module, import_lines: Sequence[int]) -> None:
        """Record imports and module-level bindings only, never descending into an
        expression (none holds an import statement and, outside ``:=``, which callers
        route to ``walk``, none binds a module-level name): the walk for runs whose rules
        read no calls or definitions. Statement lists are walked with an explicit stack;
        simple statements below module level are passed over without a look inside, and
        so is every definition or block below module level whose lines hold no
        ``import`` (``import_lines``: the lines where the word occurs, ascending)."""

        def may_import(node: ast.stmt) -> bool:
            at = bisect_left(import_lines, node.lineno)
            return at < len(import_lines) and import_lines[at] <= (node.end_lineno or node.lineno)

        rec = self.rec
        bindings = rec.module_bindings
        stack: list[tuple[list[ast.stmt], Frame]] = [(tree.body, module_frame())]
        push = stack.append
        while stack:
            body, frame = stack.pop()
            module_level = frame.module_level
            for node in body:
                cls = node.__class__
                if cls in IMPORT_STATEMENTS:
                    self._import(node, frame)  # type: ignore[arg-type]
                elif cls in FUNCTION_STATEMENTS:
                    name = node.name  # type: ignore[attr-defined]
                    if module_level:
                        bindings.add(name)
                    if not may_import(node):
                        continue
                    push((node.body, frame.function_body(child_symbol(frame, name))))  # type: ignore[attr-defined]
                elif cls is ast.ClassDef:
                    if module_level:
                        bindings.add(node.name)  # type: ignore[attr-defined]
                    if not may_import(node):
                        continue
                    push((node.body, frame.class_body(child_symbol(frame, node.name), Scope(frame.scope, True))))  # type: ignore[attr-defined]
                elif cls in BLOCK_STATEMENTS:
                    if module_level or may_import(node):
                        self._block_statements(node, frame, push)
                elif module_level and cls in BINDING_STATEMENTS:
                    for target in BINDING_STATEMENTS[cls](node):
                        target_names(target, bindings)

    def _block_statements(self, node: ast.stmt, frame: Frame,
                          push: Callable[[tuple[list[ast.stmt], Frame]], None]) -> None:  # fmt: skip
        """Push the statement lists of a compound statement with the frame each runs in."""
        cls = node.__class__
        if cls is ast.If:
            body = frame
            if frame.kind is not ImportKind.TYPE_CHECKING and ast_is_type_checking(node.test):  # type: ignore[attr-defined]
                body = frame.type_checking()
            push((node.body, body))  # type: ignore[attr-defined]
            push((node.orelse, frame))  # type: ignore[attr-defined]
            return
        if cls is ast.Try or cls is TRY_STAR:
            body = frame
            if not frame.guarded and ast_guards_imports(node.handlers):  # type: ignore[attr-defined]
                body = frame.import_guarded()
            push((node.body, body))  # type: ignore[attr-defined]
            for handler in node.handlers:  # type: ignore[attr-defined]
                if handler.name and frame.module_level:
                    self.rec.module_bindings.add(handler.name)
                push((handler.body, frame))
            push((node.orelse, frame))  # type: ignore[attr-defined]
            push((node.finalbody, frame))  # type: ignore[attr-defined]
            return
        if cls is ast.Match:
            for case in node.cases:  # type: ignore[attr-defined]
                push((case.body, frame))
            return
        if frame.module_level:
            for target in BINDING_STATEMENTS.get(cls, _no_targets)(node):
                target_names(target, self.rec.module_bindings)
        push((node.body, frame))  # type: ignore[attr-defined]
        orelse = getattr(node, "orelse", None)
        if orelse:
            push((orelse, frame))

    def walk(self, tree: ast.Module) -> None:
        """Record every fact of ``tree`` (depth-first, with an explicit stack)."""
        self._push_all(tree.body, module_frame())
        stack = self.stack
        pop = stack.pop
        push = stack.append
        handlers = self.handlers
        children = CHILDREN
        leaves = LEAVES
        while stack:
            node, frame = pop()
            cls = node.__class__
            handler = handlers.get(cls)
            if handler is not None:
                handler(node, frame)
                continue
            for field in children[cls]:
                value: Any = getattr(node, field, None)  # a node, a list of them, or a leaf
                if value.__class__ is list:
                    for item in value:
                        if item.__class__ not in leaves:
                            push((item, frame))
                elif value.__class__ not in leaves:
                    push((value, frame))

    def _push_all(self, nodes: Iterable[ast.AST | None], frame: Frame) -> None:
        push = self.stack.append
        for node in nodes:
            if node.__class__ not in LEAVES:
                push((node, frame))  # type: ignore[arg-type]

    def _position(self, node: ast.AST) -> tuple[int, int, int, int]:
        lines = self.lines
        line, end_line = node.lineno, node.end_lineno or node.lineno  # type: ignore[attr-defined]
        return line, lines.column(line, node.col_offset), end_line, lines.column(end_line, node.end_col_offset)  # type: ignore[attr-defined]

    # -- expressions ------------------------------------------------------------------

    def _lambda(self, node: ast.Lambda, frame: Frame) -> None:
        self._push_all(node.args.defaults, frame)
        self._push_all(node.args.kw_defaults, frame)
        self._push_all((node.body,), frame.function_body(frame.symbol))

    def _named(self, node: ast.NamedExpr, frame: Frame) -> None:
        target = node.target
        if isinstance(target, Name):
            self._bind_name(target, node.value, frame, node.lineno, None)
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
        if node.returns is not None:
            returns = self._annotation(node.returns)
            if returns is not None:
                rec.bindings.append(("", BindingKind.RETURNS, returns, qualname, node.lineno, None))
        if scope.methods is not None:
            scope.methods.add(name)
        if frame.module_level:
            rec.module_bindings.add(name)
        # Decorators, annotations and defaults run in the enclosing scope.
        push = self.stack.append
        leaves = LEAVES
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
        for star_arg in (args.vararg, args.kwarg):
            if star_arg is not None and star_arg.annotation is not None and star_arg.annotation.__class__ not in leaves:
                push((star_arg.annotation, frame))
        for default in (*args.defaults, *args.kw_defaults, node.returns, *getattr(node, "type_params", ())):
            if default.__class__ not in leaves:
                push((default, frame))
        inner = frame.function_body(qualname)
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
        self._push_all(node.body, frame.class_body(qualname, scope))

    # -- statements -------------------------------------------------------------------

    def _if(self, node: ast.If, frame: Frame) -> None:
        self._push_all((node.test,), frame)
        body = frame
        if frame.kind is not ImportKind.TYPE_CHECKING and ast_is_type_checking(node.test):
            body = frame.type_checking()
        self._push_all(node.body, body)
        self._push_all(node.orelse, frame)

    def _try(self, node: ast.Try, frame: Frame) -> None:
        body = frame
        if not frame.guarded and ast_guards_imports(node.handlers):
            body = frame.import_guarded()
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
                self._bind_name(target, value, frame, node.lineno, node)
            else:
                self._bind_attribute(target, value, frame, node.lineno)
                push((target, frame))
        else:
            self._push_all(targets, frame)
        if frame.module_level:
            for target in targets:
                target_names(target, self.rec.module_bindings)
        if value.__class__ not in LEAVES:
            push((value, frame))

    def _ann_assign(self, node: ast.AnnAssign, frame: Frame) -> None:
        target = node.target
        if target.__class__ is Name and node.value is not None:
            self._bind_name(target, node.value, frame, node.lineno, node)
        written = target.id if target.__class__ is Name else dotted_name(target)
        if target.__class__ is Name or attribute_binding(frame, written):
            annotation = self._annotation(node.annotation)
            if annotation is not None:
                self.rec.bindings.append((written, BindingKind.ANNOTATION, annotation, frame.symbol, node.lineno, None))  # type: ignore[arg-type]
            if target.__class__ is not Name and node.value is not None:
                self._bind_attribute(target, node.value, frame, node.lineno)
        if frame.module_level and node.value is not None:
            target_names(target, self.rec.module_bindings)
        self._push_all((target, node.annotation, node.value), frame)

    def _bind_name(self, target: Name, value: ast.expr, frame: Frame, line: int, statement: ast.stmt | None) -> None:
        """Record ``target = value`` (``statement``: the assignment, None for ``:=``)."""
        cls = value.__class__
        rec = self.rec
        if cls is Call:
            rec.assigns.append((target.id, id(value), frame.symbol, line, None))
        elif cls is Name:
            rec.assigns.append((target.id, None, frame.symbol, line, value.id))  # type: ignore[attr-defined]
        else:
            rec.assigns.append((target.id, None, frame.symbol, line, None))
            if cls is ast.Lambda and statement is not None and bound_lambda(frame):
                qualname = child_symbol(frame, target.id)
                end_line = statement.end_lineno or line
                rec.lambdas.append(
                    lambda_fact(value, target, qualname, frame.scope.is_class, frame.in_function, end_line, self.lines)  # type: ignore[arg-type]
                )

    def _annotation(self, node: ast.expr) -> str | None:
        """``recorded_annotation`` of the annotation ``node``, without cutting its source text
        for the common shapes (a name, a dotted name, ``None``): every typed ``def`` has one."""
        cls = node.__class__
        if cls is Name:
            return recorded_annotation(node.id)  # type: ignore[attr-defined]
        if cls is ast.Attribute:
            dotted = dotted_name(node)
            return None if dotted is None else recorded_annotation(dotted)
        if cls is ast.Constant and node.value is None:  # type: ignore[attr-defined]
            return None
        return recorded_annotation(source_text(node, self.lines))

    def _bind_attribute(self, target: ast.expr, value: ast.expr, frame: Frame, line: int) -> None:
        """Record ``self.x = <call or name>`` in an ``__init__`` (see ``attribute_binding``)."""
        written = dotted_name(target)
        if written is None or not attribute_binding(frame, written):
            return
        cls = value.__class__
        if cls is Call:
            self.rec.bindings.append((written, BindingKind.CALL, "", frame.symbol, line, id(value)))
        elif cls is Name:
            self.rec.bindings.append((written, BindingKind.NAME, value.id, frame.symbol, line, None))  # type: ignore[attr-defined]

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
