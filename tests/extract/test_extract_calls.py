"""Call facts (docs/rule-semantics.md#calls-and-name-resolution): text, qualname, awaited, callee link, decorators,
argument summaries, locations; strings and docstrings are never calls (R2, R3)."""

from __future__ import annotations

from textwrap import dedent

from lamina.extract import extract_facts
from lamina.model.facts import ArgFact, ArgKind, CallFact, KeywordArgFact, ModuleFacts
from lamina.model.source import ParseStatus


def facts(source: str) -> ModuleFacts:
    result = extract_facts(dedent(source).encode("utf-8"))
    assert result.status is ParseStatus.OK, result.problem
    return result


def call(source: str, text: str) -> CallFact:
    matches = [c for c in facts(source).calls if c.text == text]
    assert len(matches) == 1, [c.text for c in facts(source).calls]
    return matches[0]


def test_callee_text_shapes() -> None:
    result = facts(
        """\
        f()
        self._session.commit()
        get_registry().register(x)
        handlers[key].run()
        a.b[0].c()
        f()[0].g()
        (lambda: 1)()
        "text".join(parts)
        """
    )
    assert [c.text for c in result.calls] == [
        "f",
        "self._session.commit",
        "get_registry",  # same start as the outer call, ends first
        "get_registry().register",
        "handlers[].run",
        "a.b[].c",
        "f",
        "f()[].g",
        None,
        None,
    ]


def test_receivers_not_rooted_in_a_name_keep_no_text_but_their_method() -> None:
    result = facts(
        """\
        async def f(a, b, c):
            (await get_session()).commit()
            (a or b).commit()
            (a if c else b).rollback()
            (a).commit()
            get_db().commit()
            "text".join(parts)
        """
    )
    shapes = [(c.text, c.qualname, c.method) for c in result.calls]
    assert shapes == [
        (None, None, "commit"),
        ("get_session", None, None),
        (None, None, "commit"),
        (None, None, "rollback"),
        ("a.commit", None, None),  # parentheses around a name: still rooted in it
        ("get_db", None, None),  # same start as the outer call, ends first
        ("get_db().commit", None, None),
        (None, None, "join"),
    ]


def test_qualname_through_import_bindings() -> None:
    result = facts(
        """\
        import app.x.coordinators as c
        import os.path
        from asyncio import iscoroutinefunction as f
        from ..c import get_x as g
        from . import sibling
        c.get_y()
        os.path.join("a")
        f(x)
        g()
        sibling.run()
        get_registry().register()
        self.iscoroutinefunction()
        """
    )
    assert [(c.text, c.qualname) for c in result.calls] == [
        ("c.get_y", "app.x.coordinators.get_y"),
        ("os.path.join", "os.path.join"),
        ("f", "asyncio.iscoroutinefunction"),
        ("g", "..c.get_x"),
        ("sibling.run", ".sibling.run"),
        ("get_registry", None),
        ("get_registry().register", None),
        ("self.iscoroutinefunction", None),
    ]


def test_qualname_sees_function_chain_imports_regardless_of_order() -> None:
    result = facts(
        """\
        def outer():
            def inner():
                late.run()
                early.run()
            import early
        import late
        def other():
            early.run()
        class C:
            import cls_mod
            cls_mod.here()
            def m(self):
                cls_mod.not_visible()
        """
    )
    assert [(c.symbol, c.text, c.qualname) for c in result.calls] == [
        ("outer.inner", "late.run", "late.run"),
        ("outer.inner", "early.run", "early.run"),
        ("other", "early.run", None),
        ("C", "cls_mod.here", "cls_mod.here"),
        ("C.m", "cls_mod.not_visible", None),
    ]


def test_first_binding_in_a_scope_wins() -> None:
    result = facts(
        """\
        try:
            import simplejson as json
        except ImportError:
            import json
        json.loads(s)
        """
    )
    assert result.calls[0].qualname == "simplejson.loads"


def test_symbols_of_calls() -> None:
    result = facts(
        """\
        top()
        class C:
            attr = field()
            def m(self, x=default()):
                inside()
                def local():
                    deeper()
        @decorate()
        def f():
            pass
        """
    )
    assert [(c.text, c.symbol) for c in result.calls] == [
        ("top", "<module>"),
        ("field", "C"),
        ("default", "C"),  # defaults run when the class body runs
        ("inside", "C.m"),
        ("deeper", "C.m.local"),
        ("decorate", "<module>"),
    ]


def test_awaited_and_callee_call_through_await() -> None:
    result = facts(
        """\
        async def run(o, n):
            await self._session.commit()
            getattr(o, n)(1)
            await getattr(o, n)(2)
            (await factory())()
        """
    )
    calls = result.calls
    by_line = {(c.line, c.text): index for index, c in enumerate(calls)}
    commit = calls[by_line[(2, "self._session.commit")]]
    assert commit.awaited and commit.callee_call is None
    outer = calls[by_line[(3, "getattr()")]]
    assert not outer.awaited and outer.callee_call == by_line[(3, "getattr")]
    awaited_outer = calls[by_line[(4, "getattr()")]]
    assert awaited_outer.awaited and awaited_outer.callee_call == by_line[(4, "getattr")]
    assert not calls[by_line[(4, "getattr")]].awaited
    through_await = calls[by_line[(5, None)]]
    assert through_await.callee_call == by_line[(5, "factory")]
    assert calls[by_line[(5, "factory")]].awaited


def test_decorator_of() -> None:
    result = facts(
        """\
        @app.route("/x")
        @plain
        def handler():
            pass
        class C:
            @register("op")
            async def m(self):
                helper()
        @dataclass(frozen=True)
        class D:
            pass
        """
    )
    assert [(c.text, c.decorator_of) for c in result.calls] == [
        ("app.route", "handler"),
        ("register", "C.m"),
        ("helper", None),
        ("dataclass", "D"),
    ]


def test_argument_summaries() -> None:
    target = call(
        """\
        register(
            'single',
            "double",
            "implicit" 'concatenation',
            ["a", 'b'],
            ("c",),
            [],
            (),
            name,
            self.dotted.name,
            Handler(),
            f"fstring {x}",
            b"bytes",
            "con" + "cat",
            [s for s in y],
            42,
            None,
            ["mixed", 1],
            *rest,
            deps=["incidents.active"],
            handler=Handler,
            **extra,
        )
        """,
        "register",
    )
    other = ArgFact(ArgKind.OTHER)
    assert target.args == (
        ArgFact(ArgKind.STR, "single"),
        ArgFact(ArgKind.STR, "double"),
        ArgFact(ArgKind.STR, "implicitconcatenation"),
        ArgFact(ArgKind.STRS, None, ("a", "b")),
        ArgFact(ArgKind.STRS, None, ("c",)),
        ArgFact(ArgKind.STRS),
        ArgFact(ArgKind.STRS),
        ArgFact(ArgKind.NAME, "name"),
        ArgFact(ArgKind.NAME, "self.dotted.name"),
        ArgFact(ArgKind.CALL, "Handler"),
        other,
        other,
        other,
        other,
        other,
        other,
        other,
        other,  # *rest keeps its written index
    )
    assert target.keywords == (
        KeywordArgFact("deps", ArgFact(ArgKind.STRS, None, ("incidents.active",))),
        KeywordArgFact("handler", ArgFact(ArgKind.NAME, "Handler")),
    )
    assert target.has_star_args and target.has_star_kwargs


def test_multiline_call_equals_one_line_form() -> None:
    one_line = call('registry.execute("logs.pdf", tenant_id=t, params={"a": b})\n', "registry.execute")
    spread = call(
        """\
        registry.execute(
            'logs.pdf',
            tenant_id=t,
            params={"a": b},
        )
        """,
        "registry.execute",
    )
    assert (one_line.args, one_line.keywords) == (spread.args, spread.keywords)
    assert (spread.line, spread.column, spread.end_line, spread.end_column) == (1, 1, 5, 2)


def test_backslash_continued_and_parenthesised_calls() -> None:
    target = call("x = \\\n    (session\n     .commit)()\n", "session.commit")
    assert (target.line, target.column, target.end_line, target.end_column) == (2, 6, 3, 16)


def test_docstrings_strings_and_comments_are_not_calls() -> None:
    result = facts(
        '''\
        """Never call session.commit() here."""
        def f():
            """Nor session.rollback()."""
            text = "session.begin()"
            # session.commit()
        '''
    )
    assert result.calls == ()


def test_columns_are_characters_on_non_ascii_lines() -> None:
    target = call('label = "héllo wörld" + ünïcode.call("ß")\n', "ünïcode.call")
    assert (target.line, target.column, target.end_column) == (1, 25, 42)
    assert target.args == (ArgFact(ArgKind.STR, "ß"),)


def test_calls_inside_fstrings_and_comprehensions_are_calls() -> None:
    result = facts('x = f"{render(a)}"\ny = [g(i) for i in h()]\n')
    assert sorted(c.text for c in result.calls) == ["g", "h", "render"]


def test_deep_attribute_chain_does_not_recurse() -> None:
    chain = "x" + ".a" * 2500  # deeper than the interpreter's recursion limit
    result = facts(f"{chain}()\n")
    assert result.calls[0].text == chain
