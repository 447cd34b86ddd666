"""Names of called functions as the call-reading rules see them (docs/rule-semantics.md#calls-and-name-resolution).

A call fact keeps its callee text as written and, when the first segment is bound by an
import, a qualname whose relative bindings still carry their leading dots. The rules
compare absolute dotted names, so this module makes them absolute against the calling
file's package and tells builtins (``getattr``, ``__import__``) from rebound names.
"""

from __future__ import annotations

from lamina.layout.index import ImportIndex
from lamina.layout.resolve import absolute_qualname, package_of
from lamina.model.facts import ArgFact, ArgKind, CallFact

UNRENDERED = "<expr>"


def file_package(index: ImportIndex, path: str) -> str:
    """The package relative imports of ``path`` are resolved against."""
    source = index.files[path]
    return package_of(source.module, source.is_package)


def absolute_name(call: CallFact, package: str) -> str | None:
    """The call's qualname made absolute; None when no import binds its first segment or
    a relative binding climbs above the top-level package."""
    if call.qualname is None:
        return None
    if not call.qualname.startswith("."):
        return call.qualname
    return absolute_qualname(call.qualname, package)


def builtin_name(call: CallFact, module_bindings: frozenset[str]) -> str | None:
    """``getattr`` for a bare call of a name no import and no module-level statement binds.

    Rebinding inside functions, by parameters or by ``global`` is not tracked
    (docs/rule-semantics.md#calls-and-name-resolution); a visible import binding (module-level or
    function-local) counts.
    """
    text = call.text
    if text is None or call.qualname is not None or not text.isidentifier():
        return None
    return None if text in module_bindings else text


def resolved_name(call: CallFact, package: str, module_bindings: frozenset[str]) -> str | None:
    """The function a call names: its absolute qualname, else a builtin's bare name."""
    return absolute_name(call, package) or builtin_name(call, module_bindings)


def last_segment(dotted: str) -> str:
    return dotted.rpartition(".")[2]


def arg_text(arg: ArgFact | None) -> str:
    """A dotted name argument as written; any other expression renders as ``<expr>``."""
    if arg is not None and arg.kind is ArgKind.NAME and arg.value:
        return arg.value
    return UNRENDERED
