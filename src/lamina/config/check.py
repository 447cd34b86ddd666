"""Checking a marked YAML/TOML tree against the declarative schema.

The checker reports every problem it finds and returns a *pruned* tree: unknown keys,
wrongly typed values and entries missing a required key are dropped. Later stages can
therefore read the tree without re-checking types, while every error is still reported.
"""

from __future__ import annotations

from lamina.config.forms import form_problem
from lamina.config.issues import Issues, did_you_mean
from lamina.config.schema_types import (
    AnyOf,
    Bool,
    ByCode,
    Choice,
    Int,
    IntOrStr,
    ListOf,
    MapOf,
    Record,
    Spec,
    Str,
    describe,
)
from lamina.config.yaml_nodes import REFUSED, YMap, YNode, YScalar, YSeq, type_name


def join(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


class Checker:
    """Validates nodes; ``top_label`` names the document in messages (``the pack``)."""

    def __init__(self, issues: Issues, top_label: str) -> None:
        self.issues = issues
        self.top_label = top_label

    def check(self, node: YNode, spec: Spec, where: str = "") -> YNode | None:
        if isinstance(node, YScalar) and node.value is REFUSED:
            return None  # reported while composing
        if isinstance(spec, Record):
            return self._record(node, spec, where)
        if isinstance(spec, ListOf):
            return self._list(node, spec, where)
        if isinstance(spec, MapOf):
            return self._map(node, spec, where)
        if isinstance(spec, AnyOf):
            return self._any_of(node, spec, where)
        if isinstance(spec, ByCode):  # only meaningful inside a rule record
            return node
        return self._scalar(node, spec, where)

    # -- helpers -------------------------------------------------------------------

    def _label(self, where: str) -> str:
        return where or self.top_label

    def _wrong_type(self, node: YNode, spec: Spec, where: str) -> None:
        target = f"'{where}'" if where else self.top_label
        self.issues.add(f"expected {describe(spec)} for {target}, got {type_name(node)}", node.mark)

    # -- scalars -------------------------------------------------------------------

    def _scalar(self, node: YNode, spec: Spec, where: str) -> YNode | None:
        if not isinstance(node, YScalar):
            self._wrong_type(node, spec, where)
            return None
        value = node.value
        is_int = isinstance(value, int) and not isinstance(value, bool)
        if isinstance(spec, Str):
            if not isinstance(value, str):
                self._wrong_type(node, spec, where)
                return None
            problem = form_problem(spec.form, value, where) if spec.form else None
            if problem:
                self.issues.add(problem, node.mark)
                return None
            return node
        if isinstance(spec, Int):
            if not is_int:
                self._wrong_type(node, spec, where)
                return None
            assert isinstance(value, int)
            if spec.minimum is not None and value < spec.minimum:
                self.issues.add(f"expected {describe(spec)} for '{where}', got {value}", node.mark)
                return None
            return node
        if isinstance(spec, Bool):
            if not isinstance(value, bool):
                self._wrong_type(node, spec, where)
                return None
            return node
        if isinstance(spec, IntOrStr):
            if not (is_int or isinstance(value, str)):
                self._wrong_type(node, spec, where)
                return None
            return node
        assert isinstance(spec, Choice)
        return self._choice(node, spec, where)

    def _choice(self, node: YScalar, spec: Choice, where: str) -> YNode | None:
        value = node.value
        if isinstance(value, str) and value in spec.values:
            return node
        shown = f"'{value}'" if isinstance(value, str) else repr(value)
        if spec.suggest:
            hint = did_you_mean(str(value), spec.values)
            self.issues.add(f"unknown {spec.noun} {shown}{hint}", node.mark)
        else:
            allowed = ", ".join(spec.values)
            self.issues.add(
                f"invalid {spec.noun} {shown} for '{where}' (expected one of: {allowed})", node.mark
            )
        return None

    # -- containers ----------------------------------------------------------------

    def _list(self, node: YNode, spec: ListOf, where: str) -> YNode | None:
        if not isinstance(node, YSeq):
            self._wrong_type(node, spec, where)
            return None
        if len(node.items) < spec.min_items:
            self.issues.add(f"'{where}' must list at least {spec.min_items} "
                            f"entr{'y' if spec.min_items == 1 else 'ies'}", node.mark)
            return None
        kept = []
        indices = []
        for index, item in enumerate(node.items):
            checked = self.check(item, spec.item, f"{where}[{index}]")
            if checked is not None:
                kept.append(checked)
                indices.append(index)
        return YSeq(tuple(kept), node.mark, tuple(indices))

    def _map(self, node: YNode, spec: MapOf, where: str) -> YNode | None:
        if not isinstance(node, YMap):
            self._wrong_type(node, spec, where)
            return None
        kept: list[tuple[YScalar, YNode]] = []
        for key, value in node.items:
            assert isinstance(key.value, str)
            inner = join(where, key.value)
            problem = form_problem(spec.key.form, key.value, inner) if spec.key.form else None
            if problem:
                self.issues.add(problem, key.mark)
                continue
            checked = self.check(value, spec.value, inner)
            if checked is not None:
                kept.append((key, checked))
        return YMap(tuple(kept), node.mark)

    def _any_of(self, node: YNode, spec: AnyOf, where: str) -> YNode | None:
        for choice in spec.choices:
            scratch = Checker(Issues(), self.top_label)
            checked = scratch.check(node, choice, where)
            if checked is not None and not scratch.issues:
                return checked
        self._wrong_type(node, spec, where)
        return None

    def _record(self, node: YNode, spec: Record, where: str,
                keep_partial: bool = False) -> YNode | None:
        if not isinstance(node, YMap):
            self._wrong_type(node, spec, where)
            return None
        kept: list[tuple[YScalar, YNode]] = []
        deferred: list[tuple[YScalar, YNode, ByCode]] = []
        for key, value in node.items:
            assert isinstance(key.value, str)
            field = spec.field(key.value)
            if field is None:
                hint = did_you_mean(key.value, spec.names)
                message = f"unknown key '{key.value}' in {self._label(where)}{hint}"
                self.issues.add(message, key.mark)
                continue
            if isinstance(field.spec, ByCode):
                deferred.append((key, value, field.spec))
                continue
            checked = self.check(value, field.spec, join(where, key.value))
            if checked is not None:
                kept.append((key, checked))
        self._check_by_code(node, spec, where, kept, deferred)
        present = {str(k.value) for k, _ in node.items}
        kept_names = {k.value for k, _ in kept}
        missing = False
        for field in spec.fields:
            if not field.required or field.name in kept_names:
                continue
            missing = True  # present but invalid values were reported already
            if field.name not in present:
                self.issues.add(
                    f"missing required key '{field.name}' in {self._label(where)}", node.mark
                )
        if missing and not keep_partial:
            return None
        dropped = tuple(sorted(present - {k.value for k, _ in kept}))
        return YMap(tuple(kept), node.mark, dropped)

    def _check_by_code(self, node: YMap, spec: Record, where: str,
                       kept: list[tuple[YScalar, YNode]],
                       deferred: list[tuple[YScalar, YNode, ByCode]]) -> None:
        """Check rule options once the sibling code is known to be valid; an absent
        ``options`` still reports the code's required options."""
        code = YMap(tuple(kept), node.mark).get("code")
        if not isinstance(code, YScalar) or not isinstance(code.value, str):
            return
        written = {key.value for key, _, _ in deferred}
        for field in spec.fields:
            if not isinstance(field.spec, ByCode) or field.name in written:
                continue
            options = field.spec.for_code(code.value)
            for required in options.fields if options is not None else ():
                if required.required:
                    self.issues.add(f"missing required key '{required.name}' in "
                                    f"{join(where, field.name)}", node.mark)
        for key, value, by_code in deferred:
            options = by_code.for_code(code.value)
            if options is None:
                continue
            # Partial options are kept: the option dataclass supplies defaults, and the
            # remaining values still get their own checks (selectors, layers).
            checked = self._record(value, options, join(where, str(key.value)), keep_partial=True)
            if checked is not None:
                kept.append((key, checked))
