"""Placing files: the derived domain set, then layer, zone, domain and roles per file
(docs/packs.md#5-domains, docs/packs.md#6-layers and docs/packs.md#7-roles)."""

from __future__ import annotations

import os
from typing import NamedTuple

from lamina.layout.header import header_value, layer_token
from lamina.model.facts import ModuleFacts
from lamina.model.globs import CompiledGlob, compile_glob, name_glob
from lamina.model.placement import Placement
from lamina.model.project import Project


def derive_domains(project: Project, rel_paths: list[str]) -> tuple[str, ...]:
    """Names captured by ``domains.from`` for directories holding a ``.py`` file at any depth."""
    spec = project.domains
    if spec is None:
        return ()
    directories: set[str] = set()
    for rel in rel_paths:
        parent = os.path.dirname(rel)
        while parent and parent not in directories:
            directories.add(parent)
            parent = os.path.dirname(parent)
    excluded = [name_glob(pattern) for pattern in spec.exclude]
    found: set[str] = set()
    for pattern in spec.from_:
        compiled = compile_glob(pattern)
        for directory in directories:
            hit = compiled.regex.fullmatch(directory)
            if hit is None:
                continue
            name = hit.group("domain")
            if not any(e.fullmatch(name) for e in excluded):
                found.add(name)
    return tuple(sorted(found))


class _LayerPattern(NamedTuple):
    layer: str
    glob: CompiledGlob


class Placer:
    """Compiled layer, zone and role patterns of one project and domain set."""

    def __init__(self, project: Project, domains: tuple[str, ...]) -> None:
        self.project = project
        self.domains = domains
        self._layers = [
            _LayerPattern(layer.name, compile_glob(p, domains)) for layer in project.layers for p in layer.paths
        ]
        self._zones = {
            layer.name: [(zone.name, compile_glob(p, domains)) for zone in layer.zones for p in zone.paths]
            for layer in project.layers
        }
        self._roles = [
            (
                role.name,
                [compile_glob(p, domains) for p in role.paths],
                [compile_glob(p, domains) for p in role.exclude],
                [name_glob(s) for s in role.stems],
            )
            for role in project.roles
        ]
        self._claims: dict[str, list[str]] = {}
        for layer in project.layers:
            for token in layer.claims or (layer.name,):
                self._claims.setdefault(token, []).append(layer.name)

    def layers_claiming(self, token: str) -> list[str]:
        return self._claims.get(token, [])

    def place_path(self, rel: str) -> Placement:
        """Placement by path alone (also used for import targets without a file)."""
        best_key: tuple[int, int, int] | None = None
        winners: list[tuple[str, str, str | None]] = []
        for entry in self._layers:
            hit = entry.glob.match(rel)
            if hit is False:
                continue
            key = entry.glob.specificity.key()
            domain = hit if isinstance(hit, str) else None
            if best_key is None or key > best_key:
                best_key, winners = key, [(entry.layer, entry.glob.pattern, domain)]
            elif key == best_key:
                winners.append((entry.layer, entry.glob.pattern, domain))
        roles = self._roles_of(rel)
        if not winners:
            return Placement(roles=roles)
        layers = sorted({w[0] for w in winners})
        if len(layers) > 1:
            tied = tuple(sorted({(w[0], w[1]) for w in winners}))
            return Placement(roles=roles, ambiguous=tied)
        layer, _, domain = winners[0]
        return Placement(layer=layer, zone=self._zone_of(layer, rel), domain=domain, roles=roles)

    def _zone_of(self, layer: str, rel: str) -> str | None:
        best_key: tuple[int, int, int] | None = None
        names: set[str] = set()
        for name, glob in self._zones.get(layer, ()):
            if glob.match(rel) is False:
                continue
            key = glob.specificity.key()
            if best_key is None or key > best_key:
                best_key, names = key, {name}
            elif key == best_key:
                names.add(name)
        return names.pop() if len(names) == 1 else None

    def _roles_of(self, rel: str) -> tuple[str, ...]:
        stem = os.path.splitext(os.path.basename(rel))[0]
        roles: list[str] = []
        for name, paths, excludes, stems in self._roles:
            if not any(g.match(rel) is not False for g in paths):
                continue
            if any(g.match(rel) is not False for g in excludes):
                continue
            if stems and not any(s.fullmatch(stem) for s in stems):
                continue
            roles.append(name)
        return tuple(sorted(roles))

    def place_file(self, rel: str, facts: ModuleFacts) -> Placement:
        """Placement by path, plus the header claim and the header fallback."""
        placement = self.place_path(rel)
        spec = self.project.header
        field = header_value(facts.header, spec.layer_field, spec)
        if field is None:
            return placement
        token = layer_token(field.value)
        if token is None:
            return placement
        if placement.layer is None and not placement.ambiguous and spec.fallback:
            claimed = self.layers_claiming(token)
            if len(claimed) == 1:
                return Placement(
                    layer=claimed[0],
                    zone=self._zone_of(claimed[0], rel),
                    roles=placement.roles,
                    header_token=token,
                    header_line=field.line,
                    by_header=True,
                )
        return Placement(
            layer=placement.layer,
            zone=placement.zone,
            domain=placement.domain,
            roles=placement.roles,
            header_token=token,
            header_line=field.line,
            ambiguous=placement.ambiguous,
        )
