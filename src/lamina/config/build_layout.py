"""Building header, domains, layers and roles of the Project from the merged packs."""

from __future__ import annotations

from lamina.config.issues import Issues
from lamina.config.merge import Merged
from lamina.config.yaml_nodes import YMap, YNode, YSeq, flag, integer, string, strs
from lamina.model.project import DomainSpec, HeaderSpec, LayerSpec, RoleSpec, ZoneSpec


def build_header(merged: Merged) -> HeaderSpec:
    values = merged.keywise.get("header", {})
    default = HeaderSpec()
    return HeaderSpec(
        max_lines=integer(values.get("max_lines"), default.max_lines),
        layer_field=string(values.get("layer_field"), default.layer_field) or default.layer_field,
        role_field=string(values.get("role_field"), default.role_field) or default.role_field,
        fallback=flag(values.get("fallback"), default.fallback),
    )


def build_domains(merged: Merged, issues: Issues) -> DomainSpec | None:
    values = merged.keywise.get("domains")
    if values is None:
        return None
    sources = values.get("from")
    if not isinstance(sources, YSeq):
        # `from` may come from an earlier pack (domains merge key by key), so it is
        # only required once everything is merged.
        if "domains.from" not in merged.keywise_invalid:
            issues.add("missing required key 'from' in domains", merged.keywise_marks["domains"])
        return None
    if not sources.items:
        return None  # every pattern was invalid, and each was reported
    # LAM004 "no domains found by …" points at the first pattern.
    return DomainSpec(
        from_=strs(sources),
        exclude=strs(values.get("exclude")),
        mark=sources.items[0].mark,
    )


def build_layers(merged: Merged) -> tuple[LayerSpec, ...]:
    layers = []
    for name, entry in merged.layers.items():
        node = entry.node
        zones = node.get("zones")
        layers.append(
            LayerSpec(
                name=name,
                paths=strs(node.get("paths")),
                modules=strs(node.get("modules")),
                zones=_zones(zones),
                claims=strs(node.get("claims"), default=(name,)),
                allow_empty=flag(node.get("allow_empty")),
                mark=entry.key_mark,
            )
        )
    return tuple(layers)


def _zones(node: YNode | None) -> tuple[ZoneSpec, ...]:
    if not isinstance(node, YMap):
        return ()
    return tuple(ZoneSpec(str(key.value), strs(value)) for key, value in node.items)


def build_roles(merged: Merged) -> tuple[RoleSpec, ...]:
    return tuple(
        RoleSpec(
            name=name,
            paths=strs(entry.node.get("paths")),
            exclude=strs(entry.node.get("exclude")),
            stems=strs(entry.node.get("stems")),
            allow_empty=flag(entry.node.get("allow_empty")),
            mark=entry.key_mark,
        )
        for name, entry in merged.roles.items()
    )
