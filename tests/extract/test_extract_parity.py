"""The fallback extractor (libcst tree) yields exactly the facts of the ``ast`` extractor
on every source both parsers accept (ARCHITECTURE.md section 2)."""

from __future__ import annotations

import ast
from pathlib import Path
from textwrap import dedent

import libcst
import pytest

from lamina.extract.cst_visitor import extract_cst
from lamina.extract.definitions import is_trivial, module_docstring
from lamina.extract.positions import SourceLines, normalize_newlines
from lamina.extract.recorder import Extracted, Recorder
from lamina.extract.visitor import AstWalker

SOURCES = {
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
    return recorder.finish(), module_docstring(tree), is_trivial(tree.body)


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
    assert from_cst[0].module_bindings == from_ast[0].module_bindings
    assert from_cst[1:] == from_ast[1:]


def test_fixtures_cover_every_fact_kind() -> None:
    merged = [_both(dedent(source))[0][0] for source in SOURCES.values()]
    assert all(any(getattr(e, kind) for e in merged) for kind in ("imports", "calls", "assigns", "functions", "classes"))


EXTRACT_PACKAGE = Path(__file__).resolve().parents[2] / "src" / "lamina" / "extract"


@pytest.mark.parametrize("path", sorted(EXTRACT_PACKAGE.glob("*.py")), ids=lambda p: p.name)
def test_parity_on_real_modules(path: Path) -> None:
    from_ast, from_cst = _both(path.read_text(encoding="utf-8"))
    assert from_cst == from_ast
