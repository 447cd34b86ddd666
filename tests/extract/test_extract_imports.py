"""Import facts (docs/rule-semantics.md#imports): forms, kinds, origins, guards, symbols, locations."""

from __future__ import annotations

from textwrap import dedent

from lamina.extract import extract_facts
from lamina.model.facts import ImportedName, ImportFact, ImportKind, ImportOrigin, ModuleFacts
from lamina.model.source import ParseStatus


def facts(source: str) -> ModuleFacts:
    result = extract_facts(dedent(source).encode("utf-8"))
    assert result.status is ParseStatus.OK, result.problem
    return result


def summary(result: ModuleFacts) -> list[tuple[str, int, str, str, bool, str]]:
    """(module, level, kind, origin, guarded, symbol) per import."""
    return [(i.module, i.level, i.kind.value, i.origin.value, i.guarded, i.symbol) for i in result.imports]


def test_import_statement_yields_one_fact_per_module_with_alias() -> None:
    result = facts("import a.b.c, d.e as f\n")
    first, second = result.imports
    assert (first.module, first.alias, first.names, first.origin) == ("a.b.c", None, (), ImportOrigin.IMPORT)
    assert (second.module, second.alias) == ("d.e", "f")
    assert (first.line, first.column, first.end_line, first.end_column) == (1, 1, 1, 23)
    assert (second.line, second.column) == (1, 1)


def test_from_import_records_names_aliases_and_star() -> None:
    result = facts(
        """\
        from x import y as z, w
        from pkg.sub import *
        """
    )
    first, second = result.imports
    assert first.module == "x" and first.origin is ImportOrigin.FROM and first.alias is None
    assert first.names == (ImportedName("y", "z"), ImportedName("w"))
    assert second.module == "pkg.sub" and second.names == (ImportedName("*"),)


def test_relative_imports_keep_level_and_empty_module() -> None:
    result = facts(
        """\
        from . import sibling
        from ..parent.mod import thing
        from ... import top
        """
    )
    assert [(i.module, i.level, i.names[0].name) for i in result.imports] == [
        ("", 1, "sibling"),
        ("parent.mod", 2, "thing"),
        ("", 3, "top"),
    ]


def test_kinds_module_lazy_and_type_checking() -> None:
    result = facts(
        """\
        import typing
        from typing import TYPE_CHECKING
        if TYPE_CHECKING:
            import tc_only
        else:
            import runtime_else
        if typing.TYPE_CHECKING:
            from tc.attr import X
        class C:
            import in_class_body
            def m(self):
                import in_method
        def f():
            class Local:
                import in_local_class
            g = lambda: __import__("in_lambda")
        async def h():
            if TYPE_CHECKING:
                import tc_in_function
        try:
            import in_try
        finally:
            pass
        """
    )
    kinds = {i.module: i.kind for i in result.imports}
    assert kinds == {
        "typing": ImportKind.MODULE,
        "tc_only": ImportKind.TYPE_CHECKING,
        "runtime_else": ImportKind.MODULE,
        "tc.attr": ImportKind.TYPE_CHECKING,
        "in_class_body": ImportKind.MODULE,
        "in_method": ImportKind.LAZY,
        "in_local_class": ImportKind.LAZY,
        "in_lambda": ImportKind.LAZY,
        "tc_in_function": ImportKind.TYPE_CHECKING,
        "in_try": ImportKind.MODULE,
    }


def test_elif_type_checking_and_negated_test() -> None:
    result = facts(
        """\
        if x:
            pass
        elif TYPE_CHECKING:
            import elif_tc
        if not TYPE_CHECKING:
            import negated
        """
    )
    assert {i.module: i.kind.value for i in result.imports} == {"elif_tc": "type_checking", "negated": "module"}


def test_guarded_by_import_error_module_not_found_and_tuples_only() -> None:
    result = facts(
        """\
        try:
            import a
        except ImportError:
            import a_fallback
        try:
            import b
        except (ValueError, ModuleNotFoundError):
            pass
        try:
            import c
        except Exception:
            pass
        try:
            def later():
                import d
        except ImportError:
            pass
        """
    )
    assert {i.module: i.guarded for i in result.imports} == {
        "a": True,
        "a_fallback": False,
        "b": True,
        "c": False,
        "d": False,  # runs when later() is called, outside the try
    }


def test_enclosing_symbols() -> None:
    result = facts(
        """\
        import top
        class Outer:
            class Inner:
                def method(self):
                    import deep
        def outer():
            def inner():
                import nested
        """
    )
    assert {i.module: i.symbol for i in result.imports} == {
        "top": "<module>",
        "deep": "Outer.Inner.method",
        "nested": "outer.inner",
    }


def test_importlib_forms_through_aliases() -> None:
    result = facts(
        """\
        import importlib
        import importlib as il
        from importlib import import_module as im
        importlib.import_module("a.b")
        il.import_module(".x", "a.b")
        im("c", package="p")
        def f():
            __import__("d.e")
        """
    )
    dynamic = [i for i in result.imports if i.origin in (ImportOrigin.IMPORTLIB, ImportOrigin.DUNDER_IMPORT)]
    assert [(i.module, i.level, i.package, i.origin.value, i.kind.value, i.symbol) for i in dynamic] == [
        ("a.b", 0, None, "importlib", "module", "<module>"),
        ("x", 1, "a.b", "importlib", "module", "<module>"),
        ("c", 0, "p", "importlib", "module", "<module>"),
        ("d.e", 0, None, "dunder_import", "lazy", "f"),
    ]


def test_importlib_location_is_the_call() -> None:
    result = facts('import importlib\nmod = importlib.import_module(\n    "a.b",\n)\n')
    fact = result.imports[1]
    call = result.calls[0]
    assert (fact.line, fact.column, fact.end_line, fact.end_column) == (2, 7, 4, 2)
    assert (call.line, call.column, call.end_line, call.end_column) == (2, 7, 4, 2)


def test_non_literal_or_malformed_module_names_give_no_import_fact() -> None:
    result = facts(
        """\
        import importlib
        importlib.import_module(name)
        importlib.import_module(f"a.{b}")
        importlib.import_module("a" + "b")
        importlib.import_module("not valid")
        __import__(".relative")
        other.import_module("x")
        importlib.import_module(".management", app_config.name)
        importlib.import_module(".management", package=app_config.name)
        """
    )
    # The last two are relative to a package known only at run time, not to this module's.
    assert [i.module for i in result.imports] == ["importlib"]


def test_rebound_dunder_import_is_not_the_builtin() -> None:
    result = facts('from mylib import __import__\n__import__("x")\n')
    assert [i.origin for i in result.imports] == [ImportOrigin.FROM]


def test_guarded_importlib_call() -> None:
    result = facts(
        """\
        import importlib
        try:
            mod = importlib.import_module("optional")
        except ImportError:
            mod = None
        """
    )
    assert summary(result)[1] == ("optional", 0, "module", "importlib", True, "<module>")


def test_imports_in_strings_and_comments_are_not_facts() -> None:
    result = facts(
        '''\
        """Never write `import forbidden` here."""
        # import commented
        text = "import in_string"
        '''
    )
    assert result.imports == ()


def test_import_fact_is_frozen_data() -> None:
    fact = facts("import a\n").imports[0]
    assert fact == ImportFact("a", 0, (), None, ImportKind.MODULE, ImportOrigin.IMPORT, False, "<module>", 1, 1, 1, 9)
    assert hash(fact) == hash(fact)
