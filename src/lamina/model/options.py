"""Typed, validated options of each rule kind (RULES.md section 5).

The config loader builds these from YAML; rules read them. Defaults here are the
documented defaults.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class ImportKinds:
    """Which import kinds a rule reads (``imports: {lazy, type_checking, importlib}``)."""

    lazy: bool = True
    type_checking: bool = False
    importlib: bool = True


@dataclass(frozen=True, slots=True)
class MatrixTarget:
    """One allowed target of a layer-matrix row: ``L5``, ``L4:services``, ``L6@same``."""

    layer: str
    zone: str | None = None
    domain: str | None = None  # None | "same" | "other"


@dataclass(frozen=True, slots=True)
class LayerMatrixOptions:  # LAM101
    matrix: tuple[tuple[str, tuple[MatrixTarget, ...]], ...] = ()
    default: str = "unchecked"  # unchecked | lower
    transitive: bool = False
    imports: ImportKinds = field(default_factory=ImportKinds)


@dataclass(frozen=True, slots=True)
class ForbiddenImportOptions:  # LAM102
    targets: tuple[str, ...] = ()
    names: tuple[str, ...] = ()
    except_: tuple[str, ...] = ()
    transitive: bool = False
    imports: ImportKinds = field(default_factory=ImportKinds)


@dataclass(frozen=True, slots=True)
class CrossDomainOptions:  # LAM103
    allowed_targets: tuple[str, ...] = ()
    imports: ImportKinds = field(default_factory=ImportKinds)


@dataclass(frozen=True, slots=True)
class HeaderLayerOptions:  # LAM104
    unknown_claims: str = "report"  # report | ignore


@dataclass(frozen=True, slots=True)
class CycleOptions:  # LAM107
    imports: ImportKinds = field(
        default_factory=lambda: ImportKinds(lazy=False, type_checking=False, importlib=False)
    )


@dataclass(frozen=True, slots=True)
class OrchestratorReachOptions:  # LAM201
    targets: tuple[str, ...] = ()
    factories: tuple[str, ...] = ("get_*_coordinator",)
    imports: ImportKinds = field(default_factory=lambda: ImportKinds(type_checking=True))


@dataclass(frozen=True, slots=True)
class ReflectiveDispatchOptions:  # LAM202
    functions: tuple[str, ...] = ("getattr",)


@dataclass(frozen=True, slots=True)
class BannedCallOptions:  # LAM203
    calls: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class DynamicImportOptions:  # LAM204
    functions: tuple[str, ...] = ("importlib.import_module", "importlib.__import__", "__import__")


@dataclass(frozen=True, slots=True)
class ForbiddenParameterOptions:  # LAM306
    names: tuple[str, ...] = ("session",)
    annotations: tuple[str, ...] = ()
    targets: str = "all"  # all | methods | functions


@dataclass(frozen=True, slots=True)
class OversizedClassOptions:  # LAM307
    classes: str = "*Bridge"
    max_public_methods: int = 5


@dataclass(frozen=True, slots=True)
class TransactionOwnerOptions:  # LAM401
    owners: tuple[str, ...] = ()
    methods: tuple[str, ...] = ("commit", "rollback", "begin", "begin_nested")
    ignore_receivers: tuple[str, ...] = ("self", "cls")


@dataclass(frozen=True, slots=True)
class DatabaseImportOptions:  # LAM402
    modules: tuple[str, ...] = ("sqlalchemy", "sqlmodel", "asyncpg", "psycopg", "psycopg2")
    symbols: tuple[str, ...] = ("Session", "AsyncSession")
    imports: ImportKinds = field(default_factory=ImportKinds)


@dataclass(frozen=True, slots=True)
class MissingHeaderFieldOptions:  # LAM504
    fields: tuple[str, ...] = ("Layer",)


@dataclass(frozen=True, slots=True)
class NoOptions:
    """For codes without options."""


RuleOptions = (
    LayerMatrixOptions
    | ForbiddenImportOptions
    | CrossDomainOptions
    | HeaderLayerOptions
    | CycleOptions
    | OrchestratorReachOptions
    | ReflectiveDispatchOptions
    | BannedCallOptions
    | DynamicImportOptions
    | ForbiddenParameterOptions
    | OversizedClassOptions
    | TransactionOwnerOptions
    | DatabaseImportOptions
    | MissingHeaderFieldOptions
    | NoOptions
)
