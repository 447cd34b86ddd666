"""The catalog: every rule kind, built-in or plugin, as its ``RuleSpec`` and its check.

Built-in rules are the modules of this package that declare ``SPEC``; nothing else lists
them. Plugin rules come from the ``lamina.rules`` entry-point group: each entry point names
a module (or any object) exposing ``SPEC`` and ``check``. Plugins are looked up only when
asked for (``with_plugins``): a configuration naming a non-``LAM`` code, ``lamina rules``,
``explain`` and ``schema``; a run whose pack uses none never scans the installed
distributions.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterator
from typing import NamedTuple

from lamina.config.rulespec import BUILTIN_PREFIX, PluginOrigin, RuleSpec, spec_problem
from lamina.errors import InternalError, UserError
from lamina.model.findings import Finding
from lamina.rules.base import RuleContext

# Import-family findings on one import are reduced to the first code of this order
# (docs/rule-semantics.md#catalog-severities-and-overlap): the most specific diagnosis wins.
OVERLAP_ORDER: tuple[str, ...] = ("LAM108", "LAM201", "LAM402", "LAM102", "LAM101", "LAM103")

ENTRY_POINT_GROUP = "lamina.rules"

Check = Callable[[RuleContext], Iterator[Finding]]


class RuleKind(NamedTuple):
    """A rule kind: what it is (``spec``) and how it runs (``check``)."""

    spec: RuleSpec
    check: Check

    @property
    def doc(self) -> str:
        """The whole page, its ``CODE name`` title line first."""
        return self.spec.page()

    @property
    def body(self) -> str:
        """The page below its ``CODE name`` title line (``lamina explain``, SARIF help)."""
        page = self.spec.page()
        first, _, rest = page.partition("\n")
        return rest.lstrip("\n") if first.startswith(self.spec.code) else page


def builtin_kinds() -> dict[str, RuleKind]:
    """Every rule module of this package that declares a ``SPEC``, by code."""
    kinds: dict[str, RuleKind] = {}
    package = importlib.import_module(__package__ or "lamina.rules")
    for info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        spec = getattr(module, "SPEC", None)
        if spec is None:
            continue
        problem = spec_problem(spec, builtin=True)
        if problem is not None or spec.code in kinds:
            raise InternalError(f"rule module {info.name}: {problem or 'code ' + spec.code + ' declared twice'}")
        kinds[spec.code] = RuleKind(spec, module.check)
    return dict(sorted(kinds.items()))


def plugin_kinds() -> dict[str, RuleKind]:
    """The rules of installed plugins; a broken plugin is one clear error naming it."""
    from importlib.metadata import entry_points

    kinds: dict[str, RuleKind] = {}
    for entry in sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda e: (e.name, e.value)):
        dist = entry.dist
        origin = PluginOrigin(
            dist.name if dist else "?", dist.version if dist else "?", f"{entry.name} = {entry.value}"
        )
        try:
            target = entry.load()
        except Exception as error:  # noqa: BLE001 - a plugin's import error is reported, not raised
            raise plugin_error(origin, f"could not be loaded: {type(error).__name__}: {error}") from None
        spec, check = getattr(target, "SPEC", None), getattr(target, "check", None)
        problem = spec_problem(spec, builtin=False)
        if problem is None and not callable(check):
            problem = "it exposes no callable 'check'"
        if problem is not None:
            raise plugin_error(origin, f"is not a lamina rule: {problem}")
        assert isinstance(spec, RuleSpec) and check is not None
        if spec.code in kinds:
            first = kinds[spec.code].spec.origin
            raise plugin_error(origin, f"declares code {spec.code}, already declared by "
                                       f"{first.describe() if first else '?'}")
        kinds[spec.code] = RuleKind(spec._replace(origin=origin), check)
    return kinds


def plugin_error(origin: PluginOrigin, what: str) -> UserError:
    return UserError(f"plugin {origin.describe()} {what}",
                     hint="upgrade or uninstall the plugin, or disable its rules in the pack")


def catalog(with_plugins: bool = False) -> dict[str, RuleKind]:
    """Every known rule kind by code: the built-in ones, and the plugins' when asked."""
    kinds = builtin_kinds()
    if with_plugins:
        kinds.update(plugin_kinds())
    return dict(sorted(kinds.items()))


def catalog_for(codes: frozenset[str] | set[str] | tuple[str, ...]) -> dict[str, RuleKind]:
    """The catalog a set of enabled codes needs: plugins only when a code is not lamina's."""
    return catalog(with_plugins=any(not code.startswith(BUILTIN_PREFIX) for code in codes))
