"""The validated, merged configuration (docs/packs.md)."""


from typing import NamedTuple

from lamina.model.findings import Severity
from lamina.model.options import NoOptions, RuleOptions


class Mark(NamedTuple):
    """Where a configuration value was written: a pack file (``builtin:hoc`` for bundled
    packs, else project-relative) and a 1-based line/column."""

    file: str
    line: int
    column: int = 1


NO_MARK = Mark("", 0, 0)


class HeaderSpec(NamedTuple):
    max_lines: int = 50
    layer_field: str = "Layer"
    role_field: str = "Role"
    fallback: bool = False


class DomainSpec(NamedTuple):
    from_: tuple[str, ...]
    exclude: tuple[str, ...] = ()
    mark: Mark = NO_MARK


class ZoneSpec(NamedTuple):
    name: str
    paths: tuple[str, ...]


class LayerSpec(NamedTuple):
    name: str
    paths: tuple[str, ...]
    modules: tuple[str, ...] = ()
    zones: tuple[ZoneSpec, ...] = ()
    claims: tuple[str, ...] = ()
    allow_empty: bool = False
    mark: Mark = NO_MARK


class RoleSpec(NamedTuple):
    name: str
    paths: tuple[str, ...]
    exclude: tuple[str, ...] = ()
    stems: tuple[str, ...] = ()
    allow_empty: bool = False
    mark: Mark = NO_MARK


class CallPattern(NamedTuple):
    """One entry of ``operations.register`` / ``execute`` / ``domain_access``."""

    call: str | None = None
    decorator: str | None = None
    receiver: tuple[str, ...] = ()
    name: tuple[int | str, ...] = (0,)
    handler: tuple[int | str, ...] = ()
    deps: str | None = None
    # What the receiver must be once resolved (layout.receivers): globs on the dotted name of
    # its class / of the factory it comes from, or on their last segment.
    receiver_class: tuple[str, ...] = ()
    receiver_factory: tuple[str, ...] = ()


class OperationsSpec(NamedTuple):
    register: tuple[CallPattern, ...] = ()
    execute: tuple[CallPattern, ...] = ()
    domain_access: tuple[CallPattern, ...] = ()
    follow_roles: tuple[str, ...] = ()
    aliases: tuple[tuple[str, str], ...] = ()


class FolderExpect(NamedTuple):
    label: str
    symbol: str | None = None
    kind: str = "any"  # class | function | any
    rule: str | None = None
    scope: str = "folder"  # folder | codebase


class Prohibition(NamedTuple):
    """One "must not" entry of a folder: its text and the rule codes or ids that check it,
    or why no rule can (``unchecked``). A plain sentence has neither."""

    text: str
    rules: tuple[str, ...] = ()
    unchecked: str | None = None


class SubfolderSpec(NamedTuple):
    path: str
    title: str | None = None
    description: str | None = None
    rules: tuple[str, ...] = ()  # rule codes or ids checking what the description rules out


class FolderSpec(NamedTuple):
    path: str
    title: str | None = None
    purpose: str | None = None
    belongs: tuple[str, ...] = ()
    must_not: tuple[str, ...] = ()  # the texts of ``prohibitions``, as the summary prints them
    subfolders: tuple[SubfolderSpec, ...] = ()
    expects: tuple[FolderExpect, ...] = ()
    allow_empty: bool = False
    mark: Mark = NO_MARK
    prohibitions: tuple[Prohibition, ...] = ()


class PairingSpec(NamedTuple):
    entry_role: str
    wiring_layers: tuple[str, ...] = ()
    bypass_layers: tuple[str, ...] = ()
    bypass_targets: tuple[str, ...] = ()


class RuleInstance(NamedTuple):
    code: str
    id: str
    severity: Severity | None  # None = "off"
    include: tuple[str, ...] = ()  # selectors; empty = every file
    exclude: tuple[str, ...] = ()
    options: RuleOptions = NoOptions()
    metadata: tuple[tuple[str, str | tuple[str, ...]], ...] = ()
    allow_empty: bool = False
    mark: Mark = NO_MARK
    include_marks: tuple[Mark, ...] = ()  # one per include entry, for LAM004


class Project(NamedTuple):
    """Everything ``lamina check`` needs to know about the project, validated.

    ``root`` is the absolute project root as a POSIX string; every other path is relative.
    """

    root: str
    config_file: str  # project-relative (or absolute when outside the root)
    packs: tuple[str, ...]  # pack references, applied order (for display)
    roots: tuple[str, ...] = (".",)
    exclude: tuple[str, ...] = ()
    header: HeaderSpec = HeaderSpec()
    domains: DomainSpec | None = None
    layers: tuple[LayerSpec, ...] = ()
    roles: tuple[RoleSpec, ...] = ()
    operations: OperationsSpec | None = None
    folders: tuple[FolderSpec, ...] = ()
    pairing: PairingSpec | None = None
    rules: tuple[RuleInstance, ...] = ()
    fail_on: Severity = Severity.ERROR
    baseline: str = "lamina-baseline.json"
    cache_dir: str = ".lamina_cache"
    report_out: str = "reports"
    jobs: int = 0
    name: str = ""
    # Absolute paths of every configuration file read (pyproject.toml and each pack):
    # their bytes key the result cache, so the warm path never re-parses YAML.
    sources: tuple[str, ...] = ()
