"""LAM202 (unsafe): ``getattr(obj, name[, default])`` becomes an explicit dispatch map of the
public methods of ``obj``'s class, keyed by method name.

The class must be a class of the same module, and ``obj`` a name the enclosing function
binds to it: an annotated parameter (``engine: Engine``), a constructor call
(``engine = Engine(...)``) or a call of a module function whose return annotation names the
class (``engine = make_engine()``). The unknown-name branch is kept: with a default the
lookup becomes ``{...}.get(name, default)``; without one, ``{...}[name]`` raises
``KeyError`` where ``getattr`` raised ``AttributeError`` - one reason the fix is unsafe
(another: attributes set on the instance at run time are no longer reachable). When the
class cannot be resolved the fix is display-only: a map with a ``METHOD`` placeholder.
"""

from __future__ import annotations

from typing import Any

from lamina.fix.context import FixContext
from lamina.fix.nodes import nodes_at
from lamina.fix.source import FixSource
from lamina.model.findings import Finding
from lamina.model.fixes import Applicability, Fix


def fix(finding: Finding, source: FixSource, ctx: FixContext) -> Fix | None:
    import libcst

    calls = [c for c in nodes_at(source, libcst.Call, finding.line, finding.column)
             if isinstance(c.func, libcst.Name) and len(c.args) in (2, 3)
             and all(a.keyword is None and not a.star for a in c.args)]  # fmt: skip
    if not calls:
        return None
    call = calls[-1]
    receiver = call.args[0].value
    name_code = source.code(call.args[1].value)
    default = source.code(call.args[2].value) if len(call.args) == 3 else None
    receiver_code = source.code(receiver)
    methods = None
    if isinstance(receiver, libcst.Name):
        cls = _receiver_class(source, call, receiver.value)
        methods = _public_methods(cls) if cls is not None else None
    start, end = source.span(call)
    if not methods:
        # A template a human completes with the methods the receiver's class really has.
        mapping = f"{{\"METHOD\": {receiver_code}.METHOD}}"
        text = f"{mapping}.get({name_code}, {default})" if default is not None else f"{mapping}[{name_code}]"
        return Fix(Applicability.DISPLAY, "use an explicit dispatch map of the receiver's public methods",
                   (source.edit(start, end, text),))  # fmt: skip
    mapping = "{" + ", ".join(f'"{m}": {receiver_code}.{m}' for m in methods) + "}"
    text = f"{mapping}.get({name_code}, {default})" if default is not None else f"{mapping}[{name_code}]"
    return Fix(Applicability.UNSAFE, f"dispatch through an explicit map of {len(methods)} methods",
               (source.edit(start, end, text),))  # fmt: skip


def _parents(tree: Any) -> dict[Any, Any]:
    import libcst

    parents: dict[Any, Any] = {}

    class Visitor(libcst.CSTVisitor):
        def __init__(self) -> None:
            self.stack: list[Any] = []

        def on_visit(self, node: libcst.CSTNode) -> bool:
            if self.stack:
                parents[node] = self.stack[-1]
            self.stack.append(node)
            return True

        def on_leave(self, original_node: libcst.CSTNode) -> None:
            self.stack.pop()

    tree.visit(Visitor())
    return parents


def _classes_and_functions(tree: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    import libcst

    classes: dict[str, Any] = {}
    functions: dict[str, Any] = {}
    for statement in tree.body:
        if isinstance(statement, libcst.ClassDef):
            classes[statement.name.value] = statement
        elif isinstance(statement, libcst.FunctionDef):
            functions[statement.name.value] = statement
    return classes, functions


def _annotation_name(annotation: Any) -> str | None:
    import libcst

    if annotation is None:
        return None
    node = annotation.annotation
    if isinstance(node, libcst.SimpleString):
        text = node.evaluated_value
        return text if isinstance(text, str) and text.isidentifier() else None
    return node.value if isinstance(node, libcst.Name) else None


def _receiver_class(source: FixSource, call: Any, name: str) -> Any:
    """The module-level class ``name`` is bound to in the function around ``call``."""
    import libcst

    tree = source.tree()
    classes, functions = _classes_and_functions(tree)
    parents = _parents(tree)
    function = parents.get(call)
    while function is not None and not isinstance(function, libcst.FunctionDef):
        function = parents.get(function)
    if function is None:
        return None
    for param in (*function.params.posonly_params, *function.params.params, *function.params.kwonly_params):
        if param.name.value == name:
            annotated = _annotation_name(param.annotation)
            return classes.get(annotated) if annotated else None
    call_start = source.span(call)[0]
    bound: Any = None
    for node in parents:
        if not isinstance(node, libcst.Assign) or source.span(node)[0] >= call_start:
            continue
        inner = parents.get(node)
        while inner is not None and not isinstance(inner, libcst.FunctionDef):
            inner = parents.get(inner)
        if inner is not function:
            continue
        if not any(isinstance(t.target, libcst.Name) and t.target.value == name for t in node.targets):
            continue
        if bound is None or source.span(node)[0] > source.span(bound)[0]:
            bound = node
    if bound is None or not isinstance(bound.value, libcst.Call) or not isinstance(bound.value.func, libcst.Name):
        return None
    callee = bound.value.func.value
    if callee in classes:
        return classes[callee]
    factory = functions.get(callee)
    returned = _annotation_name(factory.returns) if factory is not None else None
    return classes.get(returned) if returned else None


def _public_methods(cls: Any) -> list[str]:
    import libcst

    names = []
    for statement in cls.body.body:
        if isinstance(statement, libcst.FunctionDef) and not statement.name.value.startswith("_"):
            decorators = {d.decorator.value for d in statement.decorators if isinstance(d.decorator, libcst.Name)}
            if not decorators & {"property", "staticmethod", "classmethod"}:
                names.append(statement.name.value)
    return sorted(set(names))
