"""Selectors (``layer:L4``, ``layer:L4:services``, ``role:handler`` or a path glob) and
module patterns, evaluated against placed files and import targets (docs/packs.md#3-patterns)."""

from __future__ import annotations

from typing import NamedTuple

from lamina.model.globs import CompiledGlob, CompiledModulePattern, compile_glob, compile_module_pattern
from lamina.model.placement import Placement, ResolvedImport, TargetStatus


class Selector(NamedTuple):
    text: str
    kind: str  # layer | role | glob
    layer: str | None = None
    zone: str | None = None
    role: str | None = None
    glob: CompiledGlob | None = None

    def matches(self, rel: str | None, placement: Placement) -> bool:
        if self.kind == "layer":
            return placement.layer == self.layer and (self.zone is None or placement.zone == self.zone)
        if self.kind == "role":
            return self.role in placement.roles
        return rel is not None and self.glob is not None and self.glob.match(rel) is not False


def parse_selector(text: str, domains: tuple[str, ...] | None = None) -> Selector:
    if text.startswith("layer:"):
        parts = text.split(":")
        return Selector(text, "layer", layer=parts[1], zone=parts[2] if len(parts) > 2 else None)
    if text.startswith("role:"):
        return Selector(text, "role", role=text[5:])
    return Selector(text, "glob", glob=compile_glob(text, domains))


def is_module_pattern(text: str) -> bool:
    """Option lists mix module patterns (``app.services``) and selectors; paths contain ``/``."""
    return not (text.startswith(("layer:", "role:")) or "/" in text or text.endswith(".py"))


class TargetMatcher(NamedTuple):
    """Matches import targets against a mixed list of module patterns and selectors."""

    modules: tuple[CompiledModulePattern, ...]
    selectors: tuple[Selector, ...]

    def matches(self, resolved: ResolvedImport, target_rel: str | None) -> bool:
        name = resolved.module if resolved.status == TargetStatus.INTERNAL else resolved.target
        if name and any(p.match(name) for p in self.modules):
            return True
        if resolved.status in (TargetStatus.EXTERNAL, TargetStatus.UNRESOLVED):
            return False
        return any(s.matches(target_rel, resolved.placement) for s in self.selectors)

    def matches_file(self, module: str, rel: str, placement: Placement) -> str | None:
        """The first entry (pattern or selector text) matching a discovered file, else None."""
        for pattern in self.modules:
            if pattern.match(module):
                return pattern.pattern
        for selector in self.selectors:
            if selector.matches(rel, placement):
                return selector.text
        return None

    def __bool__(self) -> bool:
        return bool(self.modules or self.selectors)


def target_matcher(entries: tuple[str, ...], domains: tuple[str, ...]) -> TargetMatcher:
    modules = tuple(compile_module_pattern(e) for e in entries if is_module_pattern(e))
    selectors = tuple(parse_selector(e, domains) for e in entries if not is_module_pattern(e))
    return TargetMatcher(modules, selectors)
