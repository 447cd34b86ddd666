"""The "Fix" section of each code's ``lamina explain`` page: whether ``lamina fix`` repairs
the finding, with which applicability, and what it writes (the fixers live in
``lamina.fix``; their pages live here so that the catalog can show them without importing
libcst)."""

FIX_DOCS: tuple[tuple[str, str], ...] = (
    ("LAM104", """safe. ``lamina fix`` replaces the claimed token of the header line by the path
layer's (its first ``claims`` entry, else its name) and keeps the rest of the line:
``# Layer: L6 — Driver`` in an L7 file becomes ``# Layer: L7 — Driver``. Reword the
description by hand if it described the other layer."""),
    ("LAM202", """unsafe (``lamina fix --unsafe``). When the receiver's class is a class of the same
module, bound in the enclosing function by an annotated parameter (``engine: Engine``), a
constructor (``engine = Engine()``) or a module function with a return annotation
(``engine = make_engine()``), the lookup becomes an explicit dispatch map of the class's
public methods keyed by name: ``getattr(engine, name, None)`` →
``{"evaluate": engine.evaluate, ...}.get(name, None)`` (the unknown-name branch is kept;
without a default the map is indexed, so an unknown name raises KeyError instead of
AttributeError, and attributes set on the instance at run time are no longer reachable).
Display-only otherwise: a template with a ``METHOD`` placeholder to fill in by hand."""),
    ("LAM203", """safe, when the rule's ``replacement`` option maps the banned name to another dotted
name (``replacement: {"asyncio.iscoroutinefunction": "inspect.iscoroutinefunction"}``): the
callee is rewritten, through a binding the module already has (``import inspect as ins`` →
``ins.iscoroutinefunction``) or with ``import inspect`` added after the last top-level import.
Display-only when the same rule bans the replacement as well (applying it would trade one
finding for another). Without a replacement: no fix; follow "How to fix"."""),
    ("LAM301", """safe when the handler resolves to a class or function of the project, unsafe
otherwise (a whole-module or unknown reach is a guess). For a registration without the
deps keyword, ``lamina fix`` adds ``cross_domain_deps=[...]`` with the domains the handler
reaches (the reach LAM302 computes), sorted, ``[]`` when it reaches none, after the last
argument in the call's layout. A computed declaration or operation name: no fix."""),
    ("LAM302", """safe. ``lamina fix`` adds each missing domain after the last entry of the literal
list, keeping its layout (one line stays one line, one entry per line stays one entry per
line) and its quotes; together with LAM303 on the same registration the list becomes
exactly the reached domains."""),
    ("LAM303", """safe. ``lamina fix`` drops the stale entries from the literal list, keeping its
layout; together with LAM302 on the same registration the list becomes exactly the
reached domains."""),
    ("LAM501", """safe. ``lamina fix`` removes the whole suppression comment when none of its codes
is used (the whole line when the comment is alone on it, and a ``# noqa`` before it stays),
or only the unused codes from its list."""),
    ("LAM504", """safe for the header's layer field (``header.layer_field``): ``lamina fix`` inserts
``# Layer: <token>`` (the path layer's first ``claims`` entry, else its name) at the top of
the file, after a shebang and an encoding cookie. Other fields: no fix (lamina cannot know
their value); write them by hand."""),
)

NO_FIX = """none: ``lamina fix`` leaves this finding alone, since it has more than one right
answer. Follow "How to fix" above by hand."""


def fix_section(code: str) -> str:
    """The indented "Fix:" section of a code's page, ending with a blank line."""
    body = dict(FIX_DOCS).get(code, NO_FIX)
    return "Fix:\n" + "".join(f"    {line}\n" for line in body.splitlines()) + "\n"
