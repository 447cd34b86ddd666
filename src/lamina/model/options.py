"""Typed, validated options of each rule kind (docs/rule-semantics.md#rule-kinds).

The config loader builds these from YAML; rules read them. Defaults here are the
documented defaults.
"""


from typing import NamedTuple


class ImportKinds(NamedTuple):
    """Which import kinds a rule reads (``imports: {lazy, type_checking, importlib}``)."""

    lazy: bool = True
    type_checking: bool = False
    importlib: bool = True


class MatrixTarget(NamedTuple):
    """One allowed target of a layer-matrix row: ``L5``, ``L4:services``, ``L6@same``."""

    layer: str
    zone: str | None = None
    domain: str | None = None  # None | "same" | "other"


class LayerMatrixOptions(NamedTuple):  # LAM101
    matrix: tuple[tuple[str, tuple[MatrixTarget, ...]], ...] = ()
    default: str = "unchecked"  # unchecked | lower
    transitive: bool = False
    imports: ImportKinds = ImportKinds()


class ForbiddenImportOptions(NamedTuple):  # LAM102
    targets: tuple[str, ...] = ()
    names: tuple[str, ...] = ()
    except_: tuple[str, ...] = ()
    transitive: bool = False
    imports: ImportKinds = ImportKinds()


class CrossDomainOptions(NamedTuple):  # LAM103
    allowed_targets: tuple[str, ...] = ()
    imports: ImportKinds = ImportKinds()


class HeaderLayerOptions(NamedTuple):  # LAM104
    unknown_claims: str = "report"  # report | ignore


class CycleOptions(NamedTuple):  # LAM107
    imports: ImportKinds = ImportKinds(lazy=False, type_checking=False, importlib=False)


class OrchestratorReachOptions(NamedTuple):  # LAM201
    targets: tuple[str, ...] = ()
    factories: tuple[str, ...] = ("get_*_coordinator",)
    imports: ImportKinds = ImportKinds(type_checking=True)


class ReflectiveDispatchOptions(NamedTuple):  # LAM202
    functions: tuple[str, ...] = ("getattr",)


class BannedCallOptions(NamedTuple):  # LAM203
    calls: tuple[str, ...] = ()
    # Banned dotted name -> the dotted name ``lamina fix`` writes instead, in pack order.
    replacement: tuple[tuple[str, str], ...] = ()


class DynamicImportOptions(NamedTuple):  # LAM204
    functions: tuple[str, ...] = ("importlib.import_module", "importlib.__import__", "__import__")


class ForbiddenParameterOptions(NamedTuple):  # LAM306
    names: tuple[str, ...] = ("session",)
    annotations: tuple[str, ...] = ()
    targets: str = "all"  # all | methods | functions


class OversizedClassOptions(NamedTuple):  # LAM307
    classes: str = "*Bridge"
    max_public_methods: int = 5


class TransactionOwnerOptions(NamedTuple):  # LAM401
    owners: tuple[str, ...] = ()
    methods: tuple[str, ...] = ("commit", "rollback", "begin", "begin_nested")
    ignore_receivers: tuple[str, ...] = ("self", "cls")
    sql_calls: tuple[str, ...] = ("execute", "exec_driver_sql", "executescript")
    sql_wrappers: tuple[str, ...] = ("text",)


class DatabaseImportOptions(NamedTuple):  # LAM402
    modules: tuple[str, ...] = ("sqlalchemy", "sqlmodel", "asyncpg", "psycopg", "psycopg2")
    symbols: tuple[str, ...] = ("Session", "AsyncSession")
    imports: ImportKinds = ImportKinds()


class MissingHeaderFieldOptions(NamedTuple):  # LAM504
    fields: tuple[str, ...] = ("Layer",)


class NoOptions(NamedTuple):
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
