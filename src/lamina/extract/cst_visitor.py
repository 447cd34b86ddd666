"""The same facts from a libcst tree, for files only the fallback parser accepts
(docs/architecture.md#parser-decision).

Mirrors ``visitor.AstWalker`` handler for handler and feeds the same ``Recorder``, so
both extractors resolve, order and link facts identically; the parity test checks the
rest. Speed does not matter here (a handful of files per run), clarity does. libcst is
imported inside ``extract_cst`` only.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from lamina.extract import cst_nodes as nodes
from lamina.extract.imports import from_binding, import_binding, is_type_checking_name
from lamina.extract.literals import OTHER
from lamina.extract.name_uses import call_assigned, cst_name_uses
from lamina.extract.positions import SourceLines
from lamina.extract.recorder import (
    Extracted,
    Frame,
    RawClass,
    Recorder,
    Scope,
    attribute_binding,
    bound_lambda,
    child_symbol,
    module_frame,
    raw_call,
    recorded_annotation,
)
from lamina.model.facts import (
    BindingKind,
    FunctionFact,
    ImportedName,
    ImportFact,
    ImportKind,
    ImportOrigin,
    KeywordArgFact,
)


class CstWalker:
    """Walks one libcst module into a ``Recorder`` (iteratively, like ``AstWalker``)."""

    def __init__(self, cst: Any, module: Any, positions: Any, recorder: Recorder) -> None:
        self.cst = cst
        self.module = module
        self.positions = positions
        self.rec = recorder
        self.stack: list[tuple[Any, Frame]] = []
        self.handlers: dict[type, Callable[[Any, Frame], None]] = {
            cst.Call: self._call,
            cst.Await: self._await,
            cst.Lambda: self._lambda,
            cst.NamedExpr: self._named,
            cst.FunctionDef: self._function,
            cst.ClassDef: self._class,
            cst.If: self._if,
            cst.Try: self._try,
            cst.TryStar: self._try,
            cst.ExceptHandler: self._except,
            cst.ExceptStarHandler: self._except,
            cst.Import: self._import,
            cst.ImportFrom: self._import_from,
            cst.Assign: self._assign,
            cst.AnnAssign: self._ann_assign,
            cst.AugAssign: self._aug_assign,
            cst.For: self._for,
            cst.With: self._with,
            cst.TypeAlias: self._type_alias,
        }

    def walk(self) -> None:
        """Record every fact of the module (depth-first, with an explicit stack)."""
        self._push_all(self.module.body, module_frame())
        while self.stack:
            node, frame = self.stack.pop()
            handler = self.handlers.get(type(node))
            if handler is not None:
                handler(node, frame)
            else:
                self._push_all(node.children, frame)

    def _push_all(self, items: Iterable[Any], frame: Frame) -> None:
        self.stack.extend((item, frame) for item in items if item is not None)

    def _start(self, node: Any) -> tuple[int, int]:
        start = self.positions[node].start
        return start.line, start.column + 1

    def _span(self, node: Any) -> tuple[int, int, int, int]:
        where = self.positions[node]
        return where.start.line, where.start.column + 1, where.end.line, where.end.column + 1

    # -- expressions ------------------------------------------------------------------

    def _call(self, node: Any, frame: Frame) -> None:
        cst = self.cst
        text, head = nodes.callee_text(cst, node.func)
        args: list[Any] = []
        keywords: list[KeywordArgFact] = []
        star = star_kwargs = False
        for arg in node.args:
            if arg.star == "*":
                star = True
                args.append(OTHER)
            elif arg.star == "**":
                star_kwargs = True
            elif arg.keyword is not None:
                keywords.append(KeywordArgFact(nodes.ident(arg.keyword.value), nodes.summarize(cst, arg.value)))
            else:
                args.append(nodes.summarize(cst, arg.value))
        method = None
        if text is None and isinstance(node.func, cst.Attribute):
            method = nodes.ident(node.func.attr.value)
        callee = None
        if isinstance(node.func, cst.Call):
            callee = id(node.func)
        elif isinstance(node.func, cst.Await) and isinstance(node.func.expression, cst.Call):
            callee = id(node.func.expression)
        line, column = self._start(node.func)
        _, _, end_line, end_column = self._span(node)
        position = (line, column, end_line, end_column)
        self.rec.calls.append(
            raw_call(
                id(node), text, head, frame, position, tuple(args), tuple(keywords), (star, star_kwargs), callee, method
            )
        )
        self._push_all((node.func, *(arg.value for arg in node.args)), frame)

    def _await(self, node: Any, frame: Frame) -> None:
        if isinstance(node.expression, self.cst.Call):
            self.rec.awaited.add(id(node.expression))
        self._push_all((node.expression,), frame)

    def _lambda(self, node: Any, frame: Frame) -> None:
        self._push_all((p.default for p in nodes.signature_params(self.cst, node.params)), frame)
        self._push_all((node.body,), frame.function_body(frame.symbol))

    def _named(self, node: Any, frame: Frame) -> None:
        if isinstance(node.target, self.cst.Name):
            self._bind_name(node.target, node.value, frame, self._start(node)[0], None)
            if frame.module_level:
                self.rec.module_bindings.add(nodes.ident(node.target.value))
        self._push_all((node.value,), frame)

    # -- definitions ------------------------------------------------------------------

    def _decorators(self, decorators: Any, qualname: str, frame: Frame) -> tuple[str, ...]:
        for decorator in decorators:
            if isinstance(decorator.decorator, self.cst.Call):
                self.rec.decorators[id(decorator.decorator)] = qualname
        self._push_all((d.decorator for d in decorators), frame)
        return tuple(nodes.decorator_text(self.cst, self.module, d.decorator) for d in decorators)

    def _function(self, node: Any, frame: Frame) -> None:
        name = nodes.ident(node.name.value)
        qualname = child_symbol(frame, name)
        scope = frame.scope
        decorators = self._decorators(node.decorators, qualname, frame)
        line, column, end_line, _ = self._span(node)
        self.rec.functions.append(
            FunctionFact(qualname, name, line, column, end_line, node.asynchronous is not None, scope.is_class,
                         nodes.param_facts(self.cst, self.module, self.positions, node.params), decorators,
                         frame.in_function)
        )  # fmt: skip
        if node.returns is not None:
            returns = recorded_annotation(nodes.source_text(self.cst, self.module, node.returns.annotation))
            if returns is not None:
                self.rec.bindings.append(("", BindingKind.RETURNS, returns, qualname, line, None))
        if scope.methods is not None:
            scope.methods.add(name)
        if frame.module_level:
            self.rec.module_bindings.add(name)
        params = nodes.signature_params(self.cst, node.params)
        self._push_all((p.annotation for p in params), frame)
        self._push_all((p.default for p in params), frame)
        self._push_all((node.returns, node.type_parameters), frame)
        self._push_all((node.body,), frame.function_body(qualname))

    def _class(self, node: Any, frame: Frame) -> None:
        name = nodes.ident(node.name.value)
        qualname = child_symbol(frame, name)
        scope = Scope(frame.scope, True)
        line, column, end_line, _ = self._span(node)
        bases = tuple(nodes.base_text(self.cst, self.module, arg) for arg in node.bases)
        self.rec.classes.append(RawClass(qualname, name, line, column, end_line, bases, frame.module_level, scope))
        if frame.module_level:
            self.rec.module_bindings.add(name)
        self._decorators(node.decorators, qualname, frame)
        self._push_all((*(a.value for a in (*node.bases, *node.keywords)), node.type_parameters), frame)
        self._push_all((node.body,), frame.class_body(qualname, scope))

    # -- statements -------------------------------------------------------------------

    def _if(self, node: Any, frame: Frame) -> None:
        body = frame
        if frame.kind is not ImportKind.TYPE_CHECKING and is_type_checking_name(nodes.dotted_name(self.cst, node.test)):
            body = frame.type_checking()
        self._push_all((node.test,), frame)
        self._push_all((node.body,), body)
        self._push_all((node.orelse,), frame)

    def _try(self, node: Any, frame: Frame) -> None:
        body = frame
        if not frame.guarded and nodes.guards_imports(self.cst, node.handlers):
            body = frame.import_guarded()
        self._push_all((node.body,), body)
        self._push_all((*node.handlers, node.orelse, node.finalbody), frame)

    def _except(self, node: Any, frame: Frame) -> None:
        if node.name is not None and frame.module_level:
            nodes.target_names(self.cst, node.name.name, self.rec.module_bindings)
        self._push_all((node.type, node.body), frame)

    def _bind(self, frame: Frame, fact: ImportFact, pairs: Iterable[tuple[str, str] | None]) -> None:
        for pair in pairs:
            if pair is None:
                continue
            frame.scope.bind(pair[0], pair[1], fact.line, fact.column)
            if frame.module_level:
                self.rec.module_bindings.add(pair[0])

    def _alias(self, alias: Any) -> tuple[str, str | None]:
        name = nodes.dotted_name(self.cst, alias.name) or ""
        asname = nodes.ident(alias.asname.name.value) if alias.asname is not None else None
        return name, asname

    def _import(self, node: Any, frame: Frame) -> None:
        line, column, end_line, end_column = self._span(node)
        for alias in node.names:
            name, asname = self._alias(alias)
            fact = ImportFact(name, 0, (), asname, frame.kind, ImportOrigin.IMPORT, frame.guarded, frame.symbol,
                              line, column, end_line, end_column)  # fmt: skip
            self.rec.imports.append(fact)
            self._bind(frame, fact, [import_binding(name, asname)])

    def _import_from(self, node: Any, frame: Frame) -> None:
        line, column, end_line, end_column = self._span(node)
        module = nodes.dotted_name(self.cst, node.module) if node.module is not None else ""
        level = len(node.relative)
        if isinstance(node.names, self.cst.ImportStar):
            names: tuple[ImportedName, ...] = (ImportedName("*"),)
        else:
            names = tuple(ImportedName(*self._alias(alias)) for alias in node.names)
        fact = ImportFact(module or "", level, names, None, frame.kind, ImportOrigin.FROM, frame.guarded,
                          frame.symbol, line, column, end_line, end_column)  # fmt: skip
        self.rec.imports.append(fact)
        self._bind(frame, fact, [from_binding(level, module or "", n.name, n.alias) for n in names])

    def _assign(self, node: Any, frame: Frame) -> None:
        targets = [t.target for t in node.targets]
        if len(targets) == 1 and isinstance(targets[0], self.cst.Name):
            self._bind_name(targets[0], node.value, frame, self._start(node)[0], node)
        elif len(targets) == 1:
            self._bind_attribute(targets[0], node.value, frame, self._start(node)[0])
        if frame.module_level:
            for target in targets:
                nodes.target_names(self.cst, target, self.rec.module_bindings)
        self._push_all((*targets, node.value), frame)

    def _ann_assign(self, node: Any, frame: Frame) -> None:
        if isinstance(node.target, self.cst.Name) and node.value is not None:
            self._bind_name(node.target, node.value, frame, self._start(node)[0], node)
        is_name = isinstance(node.target, self.cst.Name)
        written = nodes.ident(node.target.value) if is_name else nodes.dotted_name(self.cst, node.target)
        if written is not None and (is_name or attribute_binding(frame, written)):
            line = self._start(node)[0]
            annotation = recorded_annotation(nodes.source_text(self.cst, self.module, node.annotation.annotation))
            if annotation is not None:
                self.rec.bindings.append((written, BindingKind.ANNOTATION, annotation, frame.symbol, line, None))
            if not is_name and node.value is not None:
                self._bind_attribute(node.target, node.value, frame, line)
        if frame.module_level and node.value is not None:
            nodes.target_names(self.cst, node.target, self.rec.module_bindings)
        self._push_all((node.target, node.annotation, node.value), frame)

    def _bind_name(self, target: Any, value: Any, frame: Frame, line: int, statement: Any) -> None:
        """``AstWalker._bind_name``: record ``target = value`` (``statement`` None for ``:=``)."""
        cst = self.cst
        name = nodes.ident(target.value)
        if isinstance(value, cst.Call):
            self.rec.assigns.append((name, id(value), frame.symbol, line, None))
        elif isinstance(value, cst.Name) and value.value not in nodes.CONSTANT_NAMES:
            self.rec.assigns.append((name, None, frame.symbol, line, nodes.ident(value.value)))
        else:
            self.rec.assigns.append((name, None, frame.symbol, line, None))
            if isinstance(value, cst.Lambda) and statement is not None and bound_lambda(frame):
                target_line, target_column = self._start(target)
                self.rec.lambdas.append(
                    FunctionFact(child_symbol(frame, name), name, target_line, target_column, self._span(statement)[2],
                                 False, frame.scope.is_class,
                                 nodes.param_facts(cst, self.module, self.positions, value.params), (),
                                 frame.in_function)
                )  # fmt: skip

    def _bind_attribute(self, target: Any, value: Any, frame: Frame, line: int) -> None:
        """``AstWalker._bind_attribute``: ``self.x = <call or name>`` in an ``__init__``."""
        cst = self.cst
        written = nodes.dotted_name(cst, target)
        if written is None or not attribute_binding(frame, written):
            return
        if isinstance(value, cst.Call):
            self.rec.bindings.append((written, BindingKind.CALL, "", frame.symbol, line, id(value)))
        elif isinstance(value, cst.Name) and value.value not in nodes.CONSTANT_NAMES:
            self.rec.bindings.append((written, BindingKind.NAME, nodes.ident(value.value), frame.symbol, line, None))

    def _aug_assign(self, node: Any, frame: Frame) -> None:
        if frame.module_level:
            nodes.target_names(self.cst, node.target, self.rec.module_bindings)
        self._push_all((node.target, node.value), frame)

    def _for(self, node: Any, frame: Frame) -> None:
        if frame.module_level:
            nodes.target_names(self.cst, node.target, self.rec.module_bindings)
        self._push_all((node.target, node.iter, node.body, node.orelse), frame)

    def _with(self, node: Any, frame: Frame) -> None:
        for item in node.items:
            if item.asname is not None and frame.module_level:
                nodes.target_names(self.cst, item.asname.name, self.rec.module_bindings)
            self._push_all((item.item, item.asname), frame)
        self._push_all((node.body,), frame)

    def _type_alias(self, node: Any, frame: Frame) -> None:
        if frame.module_level:
            self.rec.module_bindings.add(nodes.ident(node.name.value))
        self._push_all((node.value, node.type_parameters), frame)


def extract_cst(module: Any, lines: SourceLines) -> tuple[Extracted, str | None, bool]:
    """Facts, docstring and the trivial-``__init__`` flag of a libcst module.

    ``lines`` is accepted for symmetry with the ``ast`` path; libcst reports character
    columns itself.
    """
    import libcst
    from libcst.metadata import MetadataWrapper, PositionProvider

    positions = MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)
    recorder = Recorder()
    CstWalker(libcst, module, positions, recorder).walk()
    extracted = recorder.finish()
    extracted = extracted._replace(
        uses=cst_name_uses(libcst, module, extracted.module_bindings, call_assigned(extracted.assigns))
    )
    return extracted, nodes.module_docstring(libcst, module), nodes.is_trivial(libcst, module)
