"""What every rule receives (a read-only ``RuleContext``) and how findings are made."""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple, Protocol

from lamina.config.rulespec import RuleSpec
from lamina.discovery import Shadowing
from lamina.layout.index import ImportIndex
from lamina.layout.selectors import parse_selector
from lamina.model.facts import CallFact, ImportFact, ImportKind, ImportOrigin
from lamina.model.findings import Finding, Severity
from lamina.model.options import ImportKinds
from lamina.model.placement import ResolvedImport
from lamina.model.placement import import_key as key_of_import
from lamina.model.project import Project, RuleInstance


class RuleContext(NamedTuple):
    """Everything a rule may read. Rules never do I/O and never mutate this."""

    project: Project
    import_index: ImportIndex
    code: RuleSpec
    rule: RuleInstance
    scope: tuple[str, ...]  # paths of the files this instance reports on, sorted
    graph: object | None = None  # a networkx DiGraph when the code needs GRAPH
    shadowed: tuple[Shadowing, ...] = ()
    folder_dirs: frozenset[str] = frozenset()  # root-relative directories holding .py files
    unreadable: tuple[tuple[str, str], ...] = ()  # (path, reason) discovery could not read
    always_on: frozenset[str] = frozenset()  # the always-on codes of the catalog

    def is_always_on(self, code: str) -> bool:
        return code in self.always_on

    @property
    def severity(self) -> Severity:
        return self.rule.severity or self.code.severity

    def finding(
        self,
        path: str,
        line: int,
        column: int,
        message: str,
        *,
        end_line: int | None = None,
        end_column: int | None = None,
        symbol: str = "<module>",
        import_key: str = "",
    ) -> Finding:
        return Finding(
            code=self.code.code,
            rule_id=self.rule.id,
            severity=self.severity,
            path=path,
            line=line,
            column=column,
            end_line=end_line if end_line is not None else line,
            end_column=end_column if end_column is not None else column,
            message=message,
            symbol=symbol,
            import_key=import_key,
        )

    def call_finding(self, path: str, call: CallFact, message: str) -> Finding:
        """A finding located at a call: the callee start to the call's end."""
        return self.finding(path, call.line, call.column, message, end_line=call.end_line,
                            end_column=call.end_column, symbol=call.symbol)  # fmt: skip

    def import_finding(self, resolved: ResolvedImport, message: str) -> Finding:
        fact = self.import_index.facts[resolved.source].imports[resolved.fact]
        return self.finding(
            resolved.source,
            fact.line,
            fact.column,
            message,
            end_line=fact.end_line,
            end_column=fact.end_column,
            symbol=fact.symbol,
            import_key=key_of_import(fact.line, fact.column, resolved),
        )


class Rule(Protocol):
    def __call__(self, ctx: RuleContext) -> Iterator[Finding]: ...


def kind_enabled(fact: ImportFact, kinds: ImportKinds) -> bool:
    if fact.kind is ImportKind.TYPE_CHECKING:
        return kinds.type_checking
    if fact.kind is ImportKind.LAZY and not kinds.lazy:
        return False
    if fact.origin in (ImportOrigin.IMPORTLIB, ImportOrigin.DUNDER_IMPORT):
        return kinds.importlib
    return True


def how(fact: ImportFact) -> str:
    """The ``{how}`` message suffix: `` lazily`` / `` for type checking`` and `` via importlib``."""
    text = ""
    if fact.kind is ImportKind.LAZY:
        text = " lazily"
    elif fact.kind is ImportKind.TYPE_CHECKING:
        text = " for type checking"
    if fact.origin in (ImportOrigin.IMPORTLIB, ImportOrigin.DUNDER_IMPORT):
        text += " via importlib"
    return text


def target_name(resolved: ResolvedImport) -> str:
    return resolved.module or resolved.target


def scoped_imports(ctx: RuleContext, kinds: ImportKinds) -> Iterator[tuple[ImportFact, ResolvedImport]]:
    """Imports of the in-scope files whose kind the options include, in file/fact order."""
    for path in ctx.scope:
        facts = ctx.import_index.facts[path].imports
        for resolved in ctx.import_index.imports[path]:
            fact = facts[resolved.fact]
            if kind_enabled(fact, kinds):
                yield fact, resolved


def select_paths(
    index: ImportIndex, selectors: tuple[str, ...], among: frozenset[str] | None = None
) -> frozenset[str]:
    """Paths of the files any selector names (only ``among`` them, when given)."""
    parsed = [parse_selector(s, index.domains) for s in selectors]
    candidates = index.files.keys() if among is None else among
    files = index.files
    return frozenset(
        path for path in candidates if any(sel.matches(files[path].rel, index.placements[path]) for sel in parsed)
    )


def rule_scope(index: ImportIndex, rule: RuleInstance, among: frozenset[str] | None = None) -> tuple[str, ...]:
    """Sorted paths of the files a rule instance reports on: include (all when empty) − exclude;
    with ``among`` (local rules of the files whose inputs changed), only those files are considered."""
    universe = frozenset(index.files) if among is None else among
    included = select_paths(index, rule.include, universe) if rule.include else universe
    excluded = select_paths(index, rule.exclude, universe) if rule.exclude else frozenset()
    return tuple(sorted(included - excluded))


def edge_kind_enabled(data: dict[str, object], kinds: ImportKinds) -> bool:
    """``kind_enabled`` for a graph edge (which keeps the import's kind and origin)."""
    kind, origin = data.get("kind"), data.get("origin")
    if kind is ImportKind.TYPE_CHECKING:
        return kinds.type_checking
    if kind is ImportKind.LAZY and not kinds.lazy:
        return False
    if origin in (ImportOrigin.IMPORTLIB, ImportOrigin.DUNDER_IMPORT):
        return kinds.importlib
    return True


def first_import_of(ctx: RuleContext, source: str, target: str, kinds: ImportKinds) -> ResolvedImport:
    """The first (by position) enabled import in ``source`` that resolves to file ``target``."""
    facts = ctx.import_index.facts[source].imports
    candidates = [
        r for r in ctx.import_index.imports[source] if r.path == target and kind_enabled(facts[r.fact], kinds)
    ]
    return min(candidates, key=lambda r: (facts[r.fact].line, facts[r.fact].column))


def chain_finding(ctx: RuleContext, chain: list[str], message: str, kinds: ImportKinds) -> Finding:
    """A transitive finding, located at the chain's first import (not subject to overlap)."""
    first = first_import_of(ctx, chain[0], chain[1], kinds)
    fact = ctx.import_index.facts[chain[0]].imports[first.fact]
    return ctx.finding(chain[0], fact.line, fact.column, message, end_line=fact.end_line,
                       end_column=fact.end_column, symbol=fact.symbol)  # fmt: skip
