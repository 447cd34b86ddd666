"""Definition facts (docs/rule-semantics.md#definitions-header-and-docstring): functions, parameters, classes,
assignments,
module bindings, docstring, trivial ``__init__``, line count."""

from __future__ import annotations

from textwrap import dedent

from lamina.extract import extract_facts
from lamina.model.facts import AssignFact, ClassFact, ModuleFacts, ParamFact, ParamKind
from lamina.model.source import ParseStatus


def facts(source: str) -> ModuleFacts:
    result = extract_facts(dedent(source).encode("utf-8"))
    assert result.status is ParseStatus.OK, result.problem
    return result


def test_function_and_parameter_facts() -> None:
    signature = 'async def handler(a, /, b: int, *args: str, c: "Session" = None, **kw: dict[str, int]) -> None:'
    result = facts(f'@property\n@app.route("/x")\n{signature}\n    pass\n')
    (function,) = result.functions
    assert (function.qualname, function.name, function.line, function.column, function.end_line) == (
        "handler",
        "handler",
        3,
        1,
        4,
    )
    assert function.is_async and not function.in_class_body and not function.nested
    assert function.decorators == ("property", "app.route()")

    def column(text: str) -> int:
        return signature.index(text) + 1

    assert function.params == (
        ParamFact("a", ParamKind.POSITIONAL_ONLY, None, 0, 3, column("a, /")),
        ParamFact("b", ParamKind.POSITIONAL, "int", 1, 3, column("b: int")),
        ParamFact("args", ParamKind.VAR_POSITIONAL, "str", 2, 3, column("args:")),
        ParamFact("c", ParamKind.KEYWORD_ONLY, '"Session"', 3, 3, column("c: ")),
        ParamFact("kw", ParamKind.VAR_KEYWORD, "dict[str, int]", 4, 3, column("kw:")),
    )


def test_methods_nested_functions_and_qualnames() -> None:
    result = facts(
        """\
        class Engine:
            def run(self, session):
                def step():
                    pass
            class Inner:
                def deep(self):
                    pass
        def factory():
            class Local:
                def method(self):
                    pass
        """
    )
    assert [(f.qualname, f.in_class_body, f.nested) for f in result.functions] == [
        ("Engine.run", True, False),
        ("Engine.run.step", False, True),
        ("Engine.Inner.deep", True, False),
        ("factory", False, False),
        ("factory.Local.method", True, True),
    ]


def test_multiline_annotation_text_is_kept_as_written() -> None:
    result = facts(
        """\
        def f(x: Annotated[
            AsyncSession,
            Depends(get_db),
        ]) -> None:
            pass
        """
    )
    assert result.functions[0].params[0].annotation == "Annotated[\n    AsyncSession,\n    Depends(get_db),\n]"


def test_class_facts() -> None:
    result = facts(
        """\
        class PoliciesBridge(Base, mixins.Audit, Generic[T], metaclass=Meta):
            def a(self): ...
            async def b(self): ...
            @overload
            def a(self, x): ...
            def _private(self): ...
            if TYPE_CHECKING:
                def typed(self): ...
            class Nested:
                def inner(self): ...
            attr = 1
        def f():
            class Local(*bases):
                pass
        """
    )
    assert result.classes == (
        ClassFact(
            "PoliciesBridge",
            "PoliciesBridge",
            1,
            1,
            11,
            ("Base", "mixins.Audit", "Generic[T]"),
            ("_private", "a", "b", "typed"),
            True,
        ),
        ClassFact("PoliciesBridge.Nested", "Nested", 9, 5, 10, (), ("inner",), False),
        ClassFact("f.Local", "Local", 13, 5, 14, ("*bases",), (), False),
    )


def test_assignments_of_call_results() -> None:
    result = facts(
        """\
        method = getattr(engine, name, None)
        typed: Callable = getattr(engine, name)
        if (found := lookup(x)):
            pass
        a = b = make()
        obj.attr = make()
        pair = (make(), 1)
        def f():
            local = build()
        """
    )
    calls = [c.text for c in result.calls]
    assert result.assigns == (
        AssignFact("method", calls.index("getattr"), "<module>", 1),
        AssignFact("typed", calls.index("getattr", 1), "<module>", 2),
        AssignFact("found", calls.index("lookup"), "<module>", 3),
        AssignFact("pair", None, "<module>", 7),
        AssignFact("local", calls.index("build"), "f", 9),
    )


def test_assignments_of_names_and_other_values() -> None:
    result = facts(
        """\
        def f():
            z = getattr(o, n)
            w = z
            w: Callable = z
            if (v := w):
                pass
            w = None
            w = 1
            w += 1
            w, x = z, z
        """
    )
    assert result.assigns == (
        AssignFact("z", 0, "f", 2),
        AssignFact("w", None, "f", 3, "z"),
        AssignFact("w", None, "f", 4, "z"),
        AssignFact("v", None, "f", 5, "w"),
        AssignFact("w", None, "f", 7),
        AssignFact("w", None, "f", 8),
    )


def test_lambdas_bound_in_class_bodies_and_at_module_level() -> None:
    result = facts(
        """\
        handler = lambda session, *rest: session
        class Coordinator:
            run: Callable = (
                lambda self, db=None: db
            )
            a = b = lambda session: session
            if True:
                nop = lambda: None
        def f():
            local = lambda session: session
            class Local:
                inner = lambda session: session
        """
    )
    assert [(f.qualname, f.line, f.column, f.end_line, f.in_class_body, f.nested) for f in result.lambdas] == [
        ("handler", 1, 1, 1, False, False),
        ("Coordinator.run", 3, 5, 5, True, False),
        ("Coordinator.nop", 8, 9, 8, True, False),
        ("f.Local.inner", 12, 9, 12, True, True),
    ]
    assert [p.name for p in result.lambdas[0].params] == ["session", "rest"]
    assert [(p.name, p.kind, p.line, p.column) for p in result.lambdas[1].params] == [
        ("self", ParamKind.POSITIONAL, 4, 16),
        ("db", ParamKind.POSITIONAL, 4, 22),
    ]
    assert [f.qualname for f in result.functions] == ["f"]


def test_module_bindings() -> None:
    result = facts(
        """\
        import a.b, c as d
        from e import f as g, h
        from star import *
        def func(): inner = 1
        class Cls: attr = 1
        x = y = 1
        (p, [q, *r]) = z
        s: int = 1
        declared_only: int
        counter += 1
        for i in range(3): pass
        with open(p) as fh: pass
        try:
            pass
        except Exception as err:
            pass
        if (w := 1):
            pass
        if flag:
            conditional = 1
        """
    )
    assert result.module_bindings == tuple(
        sorted(["a", "d", "g", "h", "func", "Cls", "x", "y", "p", "q", "r", "s", "counter", "i", "fh", "err", "w",
                "conditional"])
    )  # fmt: skip


def test_module_docstring_is_cleaned() -> None:
    result = facts('"""Summary line.\n\n    Indented detail.\n    """\nimport os\n')
    assert result.docstring == "Summary line.\n\nIndented detail."
    assert facts("import os\n").docstring is None
    assert facts('f"not {a} docstring"\n').docstring is None


def test_trivial_init() -> None:
    assert facts("").trivial_init
    assert facts('"""Package."""\nfrom __future__ import annotations\npass\n').trivial_init
    assert not facts("from . import x\n").trivial_init
    assert not facts('"""Doc."""\n"""Second string."""\n').trivial_init
    assert not facts("__all__ = []\n").trivial_init

