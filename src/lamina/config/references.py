"""Checking names that refer to layers, zones and roles of the merged pack (docs/packs.md#3-patterns)."""

from __future__ import annotations

from lamina.config.forms import parse_selector
from lamina.config.issues import Issues, did_you_mean
from lamina.config.yaml_nodes import YNode, YScalar, YSeq
from lamina.model.project import LayerSpec, Mark, RoleSpec


class Names:
    """The layers (with their zones) and roles a merged pack defines."""

    def __init__(self, layers: tuple[LayerSpec, ...], roles: tuple[RoleSpec, ...],
                 issues: Issues) -> None:
        self.zones = {layer.name: tuple(z.name for z in layer.zones) for layer in layers}
        self.roles = tuple(role.name for role in roles)
        self.issues = issues

    def layer(self, name: str, mark: Mark, where: str) -> bool:
        if name in self.zones:
            return True
        hint = did_you_mean(name, self.zones)
        self.issues.add(f"unknown layer '{name}' in {where}{hint}", mark)
        return False

    def zone(self, layer: str, zone: str, mark: Mark, where: str) -> bool:
        if not self.layer(layer, mark, where):
            return False
        zones = self.zones[layer]
        if zone in zones:
            return True
        hint = did_you_mean(zone, zones)
        self.issues.add(f"unknown zone '{zone}' of layer '{layer}' in {where}{hint}", mark)
        return False

    def role(self, name: str, mark: Mark, where: str) -> bool:
        if name in self.roles:
            return True
        hint = did_you_mean(name, self.roles)
        self.issues.add(f"unknown role '{name}' in {where}{hint}", mark)
        return False

    def selector(self, text: str, mark: Mark, where: str) -> bool:
        """Whether the ``layer:``/``role:`` selector names something that exists
        (path globs and module patterns were checked for syntax already)."""
        parsed = parse_selector(text)
        if parsed is None or parsed.kind == "glob":
            return True
        if parsed.kind == "role":
            return self.role(parsed.name, mark, where)
        if parsed.zone is not None:
            return self.zone(parsed.name, parsed.zone, mark, where)
        return self.layer(parsed.name, mark, where)

    def selectors(self, node: YNode | None, where: str) -> tuple[tuple[str, Mark], ...]:
        """The valid selectors of a checked list, each with its mark."""
        if not isinstance(node, YSeq):
            return ()
        out = []
        for item in node.items:
            assert isinstance(item, YScalar) and isinstance(item.value, str)
            if self.selector(item.value, item.mark, where):
                out.append((item.value, item.mark))
        return tuple(out)
