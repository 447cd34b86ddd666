"""The fallback extractor (libcst tree) yields exactly the facts of the ``ast`` extractor
on every source both parsers accept (docs/architecture.md#parser-decision)."""

from __future__ import annotations

import ast
from pathlib import Path
from textwrap import dedent

import libcst
import pytest

from lamina.extract.cst_visitor import extract_cst
from lamina.extract.definitions import is_trivial, module_docstring
from lamina.extract.name_uses import ast_name_uses, call_assigned
from lamina.extract.positions import SourceLines, normalize_newlines
from lamina.extract.recorder import Extracted, Recorder
from lamina.extract.visitor import AstWalker

SOURCES = {
    "bindings": """\
        from typing import Optional
        from app.reg import OperationRegistry as R, get_operation_registry
        registry: R = get_operation_registry()
        plain: str = "x"
        class Stage:
            _registry: "R"
            fields: dict[str, int] = {}
            def __init__(self, r: R, *, other=None) -> None:
                self._r = r
                self._s = get_operation_registry()
                self._t: Optional[R] = None
                self._u = (lambda: r)()
                self.a.b = r
                self._k: "Optional['R']"
            @classmethod
            def build(cls) -> "Stage":
                registry = cls()
                local: R | None = make()
                return registry
        async def get_x(
            a: int,
        ) -> (
            app.reg.OperationRegistry
        ):
            pass
        def many() -> R | Stage: ...
        """,
    "name_uses": """\
        import helper, other as alias_name
        from pkg import Thing, Other as Renamed, attr, kw, param, Deco, Base, Meta, Bound, Caught
        from pkg import Pat, Key, Rest, Glob, Captured, Annot, Dflt, Ret, Lam, Comp, Fs, Star, With
        x = helper.run()
        @Deco(kw=Thing)
        def handler(param: Annot = Dflt, *, attr=None) -> Ret:
            global Glob
            Glob = 1
            value = alias_name.attr.Thing(kw=Renamed)
            try:
                pass
            except Caught as Captured:
                pass
            match value:
                case Pat(Key=Key, x=Rest):
                    pass
                case {"a": 1, **Rest}:
                    pass
                case [*Star] if Star:
                    pass
                case Captured:
                    pass
            with With() as Other:
                pass
            f = lambda Lam=Lam: [Comp for Comp in Comp if Comp]
            return f"{Fs!r}", *value, x
        class Handler(Base, metaclass=Meta):
            attr = Thing
            def method(self, Bound: Bound = Bound):
                def inner():
                    return helper
                return inner
        """,
    "imports": """\
        import a.b.c, d.e as f
        from x import y as z, w
        from . import sibling
        from ..parent.mod import thing as other
        from star import *
        import importlib as il
        from importlib import import_module as im
        from typing import TYPE_CHECKING
        if TYPE_CHECKING:
            from tc import T
        elif flag:
            import elif_branch
        else:
            import else_branch
        try:
            import json
        except (ImportError, ValueError):
            json = None
        try:
            import b
        except ModuleNotFoundError as err:
            pass
        finally:
            import c
        il.import_module(".x", "a.b")
        im(name="q", package="p")
        __import__("r.s")
        def f():
            import lazy
            g = lambda: __import__("in_lambda")
        class C:
            import in_class
        """,
    "calls": """\
        import app.x.coordinators as c
        from asyncio import iscoroutinefunction as is_co
        from ..c import get_x as g
        async def run(self, o, n, **kw):
            await self._session.commit()
            ctx.session.commit()
            get_db().commit()
            handlers[key].run()
            getattr(o, n)(1)
            await getattr(o, n)(2)
            (await factory())()
            c.get_y(); is_co(f); g()
            result = await registry.execute(
                "logs.pdf",
                tenant_id=t, params={"id": i},
            )
            registry.register('a' "b", ["x", 'y'], (), [], Handler(), Handler, self.h,
                              f"{v}", b"x", "a" + "b", [i for i in y], 1, None, True, *rest, k=v, **kw)
            x = f"{render(a)}"
            async with ctx.session.begin():
                pass
            async for item in stream(q):
                yield item
            return [call(i) for i in items if check(i)]
        def sql(conn, session, q):
            conn.execute(text("COMMIT"), sa.text('a' "b"), text(f"{q}"), text(b"x"), text(q), text(*q))
            session.execute(statement=text("BEGIN"), other=make("x", 1))
        """,
    "definitions": """\
        '''Module docstring.

            Indented.
        '''
        from __future__ import annotations

        @property
        @app.route("/x", methods=["GET"])
        def handler(a, /, b: int, *args: str, c: "Session" = None, d=make(), **kw: dict[str, int]) -> None:
            pass

        class Engine(Base, mixins.Audit, Generic[T], metaclass=Meta):
            attr: int = field(default=1)
            def run(self, session):
                def step(*, key):
                    pass
                return step
            @overload
            def run(self, x): ...
            async def _private(self): ...
            class Inner:
                def deep(self): ...

        def factory():
            class Local(*bases, **opts):
                def method(self): ...
            return Local

        method = getattr(engine, name, None)
        typed: Callable = getattr(engine, name)
        if (found := lookup(x)):
            pass
        a = b = make()
        (p, [q, *r]) = z
        counter += 1
        for i in range(3): pass
        with open(p) as fh, lock: pass
        """,
    "unicode_and_tabs": """\
        # Layer: L5 — Engine
        étiquette = "héllo wörld" + ünïcode.call("ß", naïve)
        def fünction(paramètre: "Ünïcode" = défaut()):
        \tif paramètre:
        \t\treturn fünction(paramètre)
        """,
    "match_and_misc": """\
        import sys
        match command.split():
            case [action, obj] if valid(obj):
                run(action)
            case Point(x=0):
                pass
            case _:
                fallback()
        global_name = [x for x in range(3)]
        del global_name
        assert check(), message()
        raise Error(code()) from cause()
        while chunk := read():
            process(chunk)
        print(*args, sep="")
        """,
    "blind_spots": """\
        handler = lambda session, *rest, key=None, **kw: session
        class Coordinator:
            run: Callable = (
                lambda self, db: db
            )
            stop = lambda: None
            def close(self):
                local = lambda session: session
        async def save(a, b, get_session, o, n):
            (await get_session()).commit()
            (a or b).commit()
            (a if b else o).rollback()
            None.commit()
            "x".join(n)
            z = getattr(o, n)
            w = z
            v: Callable = w
            if (u := v):
                u()
            w = None
            w = True
            w()
        """,
    "trivial_init": """\
        '''Package.'''
        from __future__ import annotations
        pass
        """,
}


def _from_ast(text: str, lines: SourceLines) -> tuple[Extracted, str | None, bool]:
    tree = ast.parse(text)
    recorder = Recorder()
    AstWalker(lines, recorder).walk(tree)
    extracted = recorder.finish()
    extracted = extracted._replace(
        uses=ast_name_uses(tree, extracted.module_bindings, call_assigned(extracted.assigns))
    )
    return extracted, module_docstring(tree), is_trivial(tree.body)


def _both(source: str) -> tuple[tuple[Extracted, str | None, bool], tuple[Extracted, str | None, bool]]:
    text = normalize_newlines(source)
    lines = SourceLines(text)
    return _from_ast(text, lines), extract_cst(libcst.parse_module(text), lines)


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_parity_on_fixture(name: str) -> None:
    from_ast, from_cst = _both(dedent(SOURCES[name]))
    assert from_ast[0].imports or from_ast[0].calls, "guards against two empty results"
    assert from_cst[0].imports == from_ast[0].imports
    assert from_cst[0].calls == from_ast[0].calls
    assert from_cst[0].assigns == from_ast[0].assigns
    assert from_cst[0].functions == from_ast[0].functions
    assert from_cst[0].classes == from_ast[0].classes
    assert from_cst[0].lambdas == from_ast[0].lambdas
    assert from_cst[0].bindings == from_ast[0].bindings
    assert from_cst[0].module_bindings == from_ast[0].module_bindings
    assert from_cst[0].uses == from_ast[0].uses
    assert from_cst[1:] == from_ast[1:]


def test_fixtures_cover_every_fact_kind() -> None:
    merged = [_both(dedent(source))[0][0] for source in SOURCES.values()]
    assert all(
        any(getattr(e, kind) for e in merged)
        for kind in ("imports", "calls", "assigns", "functions", "classes", "lambdas", "bindings")
    )
    assert all(
        any(getattr(e, kind) for e in merged)
        for kind in ("imports", "calls", "assigns", "functions", "classes", "lambdas", "uses")
    )


EXTRACT_PACKAGE = Path(__file__).resolve().parents[2] / "src" / "lamina" / "extract"


@pytest.mark.parametrize("path", sorted(EXTRACT_PACKAGE.glob("*.py")), ids=lambda p: p.name)
def test_parity_on_real_modules(path: Path) -> None:
    from_ast, from_cst = _both(path.read_text(encoding="utf-8"))
    assert from_cst == from_ast


# -- the statements-only walk (runs whose rules read no calls or definitions) ------------

CORE_FIELDS = ("status", "problem", "docstring", "header", "imports", "suppressions", "module_bindings",
               "trivial_init")  # fmt: skip
STATEMENTS_ONLY = {
    "nested": """\
        '''Doc.'''
        from __future__ import annotations
        import os, os.path as osp
        from typing import TYPE_CHECKING
        if TYPE_CHECKING:
            from app.models import Row
            def typed():
                import tc_lazy
        try:
            import ujson as json
        except ImportError:
            json = None
        else:
            import after_try
        finally:
            from . import sibling
        X: int = 1
        Y: int
        a, (b, *c) = d = source()
        total += 1
        for name in names:
            import in_loop
        else:
            import loop_else
        while waiting():
            import in_while
        with open(p) as (fh, other), lock:
            import in_with
        match command:
            case [x]:
                import in_case
        class Outer(Base):
            import in_class
            class Inner:
                def method(self):
                    import in_method
                    try:
                        from db import session
                    except (ModuleNotFoundError, KeyError) as missing:
                        pass
        async def coroutine():
            async with lock:
                import in_async_with
            async for item in stream():
                from .. import parent_pkg
        def continued():
            from app.deep \\
                import late_keyword
        def packed(): x = 1; import after_semicolon
        def quiet():
            class NoImports:
                def method(self):
                    return "the word import in a string"
        """,
}
FULL_WALK_TRIGGERS = {
    "walrus": "if (found := lookup()):\n    import a\n",
    "dynamic": "import importlib\nmod = importlib.import_module('app.x')\n",
    "dunder": "mod = __import__('app.x')\n",
    "suppression": "import app.x  # lamina: ignore[LAM101] legacy, ticket 12\n",
    "normalized identifier": "mod = importlib.ｉmport_module('app.x')\n",
}
REPO = Path(__file__).resolve().parents[2]


def _core(facts: object) -> tuple[object, ...]:
    return tuple(getattr(facts, name) for name in CORE_FIELDS)


def _statement_sources() -> list[tuple[str, bytes]]:
    inline = {**SOURCES, **STATEMENTS_ONLY, **FULL_WALK_TRIGGERS}
    sources = [(name, dedent(text).encode("utf-8")) for name, text in sorted(inline.items())]
    for folder in ("src", "examples", "tests/fixtures", "tests/rules"):
        sources += [(p.relative_to(REPO).as_posix(), p.read_bytes()) for p in sorted((REPO / folder).rglob("*.py"))]
    return sources


def test_statements_only_walk_keeps_every_other_fact() -> None:
    from lamina.extract import extract_facts

    sources = _statement_sources()
    assert len(sources) > 300
    without_code = 0
    for name, data in sources:
        full, statements = extract_facts(data), extract_facts(data, with_code=False)
        assert _core(statements) == _core(full), name
        if statements.has_code:
            assert statements == full, name
        else:
            without_code += 1
    assert without_code > len(sources) // 2, "most files need no full walk"


def test_statements_only_facts_refuse_to_be_read_as_code() -> None:
    from lamina.extract import extract_facts
    from lamina.model.facts import CodeFactsNotExtracted

    facts = extract_facts(dedent(STATEMENTS_ONLY["nested"]).encode("utf-8"), with_code=False)
    assert not facts.has_code and len(facts.imports) == 21
    with pytest.raises(CodeFactsNotExtracted):
        facts.calls  # noqa: B018
    assert facts != extract_facts(dedent(STATEMENTS_ONLY["nested"]).encode("utf-8"))


@pytest.mark.parametrize("name", sorted(FULL_WALK_TRIGGERS))
def test_text_a_statements_only_walk_would_miss_gets_the_full_walk(name: str) -> None:
    from lamina.extract import extract_facts

    facts = extract_facts(FULL_WALK_TRIGGERS[name].encode("utf-8"), with_code=False)
    assert facts.has_code
    assert facts == extract_facts(FULL_WALK_TRIGGERS[name].encode("utf-8"))


def test_lines_containing_a_word() -> None:
    from lamina.extract.positions import lines_containing

    assert lines_containing("import a\nx = 1\n  from b import c; import d\nimportant\n", "import") == [1, 3, 4]
    assert lines_containing("no match\n", "import") == []
    assert lines_containing("import", "import") == [1]
