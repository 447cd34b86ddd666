"""Resolving pack references and reading packs in ``extends`` order (docs/packs.md#1-where-configuration-comes-from).

``builtin:NAME`` is the bundled pack (``lamina/packs/NAME.yaml`` in a wheel, else
``rules/NAME.yaml`` of the source checkout); anything else is a path relative to the
file that names it. Extends are applied depth-first before the pack, each pack once.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from lamina.config.check import Checker
from lamina.config.issues import Issues, did_you_mean
from lamina.config.rulespec import SpecIndex
from lamina.config.schema import pack_record
from lamina.config.sources import display_path
from lamina.config.yaml_nodes import YMap, YScalar, YSeq, load_yaml
from lamina.errors import UserError
from lamina.model.project import Mark

BUILTIN = "builtin:"
_BUILTIN_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


@dataclass(frozen=True, slots=True)
class LoadedPack:
    """One checked pack: ``display`` is its ``Mark.file`` (``builtin:hoc`` or a path)."""

    display: str
    stem: str
    node: YMap


def builtin_dirs() -> tuple[Path, ...]:
    """Where builtin packs live: the installed package data, then the source checkout."""
    dirs: list[Path] = []
    packaged = resources.files("lamina") / "packs"
    if isinstance(packaged, Path) and packaged.is_dir():
        dirs.append(packaged)
    # config/ → lamina/ → src/ → repository: the packs are rules/*.yaml next to src/.
    checkout = Path(__file__).resolve().parents[3] / "rules"
    if checkout.is_dir():
        dirs.append(checkout)
    return tuple(dirs)


def _inside(path: Path, root: Path) -> bool:
    try:
        path.relative_to(root)
    except ValueError:
        return False
    return True


class PackLoader:
    """Reads packs and their extends; ``packs`` lists them in application order."""

    def __init__(self, root: Path, issues: Issues, specs: SpecIndex) -> None:
        self.root = root
        self.issues = issues
        self._schema = pack_record(specs)
        self.packs: list[LoadedPack] = []
        self._done: set[Path] = set()
        self._stack: list[tuple[Path, str]] = []
        self._builtin_dirs = builtin_dirs()
        # References to packs outside the project root: allowed (a pack shared by several
        # repositories), but worth a warning, since such a pack changes without a diff here.
        self.outside: list[tuple[str, Mark]] = []

    @property
    def files(self) -> tuple[str, ...]:
        """Absolute POSIX paths of every pack file read, sorted (they key the result cache)."""
        return tuple(sorted(path.as_posix() for path in self._done))

    def apply(self, ref: str, base_dir: Path, mark: Mark, in_builtin: bool = False) -> None:
        """Apply the pack ``ref`` (written at ``mark`` in a file located in ``base_dir``;
        ``in_builtin`` when that file is itself a builtin pack)."""
        path = self._resolve(ref, base_dir, mark)
        if path is None:
            return
        key = Path(os.path.realpath(path))
        builtin = ref.startswith(BUILTIN) or (in_builtin and self._is_builtin_file(key))
        display = f"{BUILTIN}{key.stem}" if builtin else display_path(
            key, Path(os.path.realpath(self.root)))
        if any(seen == key for seen, _ in self._stack):
            chain = " -> ".join([name for _, name in self._stack] + [display])
            self.issues.add(f"extends cycle: {chain}", mark)
            return
        if key in self._done:
            return
        if not builtin and not _inside(key, Path(os.path.realpath(self.root))):
            self.outside.append((ref, mark))
        self._stack.append((key, display))
        pack = self._read(key, display)
        if pack is not None:
            extends = pack.node.get("extends")
            for item in extends.items if isinstance(extends, YSeq) else ():
                assert isinstance(item, YScalar) and isinstance(item.value, str)
                self.apply(item.value, key.parent, item.mark, builtin)
        self._stack.pop()
        self._done.add(key)
        if pack is not None:
            self.packs.append(pack)

    def _resolve(self, ref: str, base_dir: Path, mark: Mark) -> Path | None:
        if ref.startswith(BUILTIN):
            name = ref[len(BUILTIN):]
            if _BUILTIN_NAME.match(name):
                for directory in self._builtin_dirs:
                    candidate = directory / f"{name}.yaml"
                    if candidate.is_file():
                        return candidate
            known = sorted({p.stem for d in self._builtin_dirs for p in d.glob("*.yaml")})
            self.issues.add(f"unknown builtin pack '{name}'{did_you_mean(name, known)}", mark)
            return None
        path = Path(ref) if os.path.isabs(ref) else base_dir / ref
        path = Path(os.path.abspath(path))
        if not path.is_file():
            shown = display_path(path, self.root)
            self.issues.add(f"pack '{ref}' not found (looked for '{shown}')", mark)
            return None
        return path

    def _is_builtin_file(self, path: Path) -> bool:
        # A builtin pack extending a sibling by relative path: the sibling is builtin too.
        return any(path.parent == Path(os.path.realpath(d)) for d in self._builtin_dirs)

    def _read(self, path: Path, display: str) -> LoadedPack | None:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            if isinstance(exc, UnicodeDecodeError):
                data = path.read_bytes()[: exc.start]
                mark = Mark(display, data.count(b"\n") + 1, exc.start - (data.rfind(b"\n") + 1) + 1)
                self.issues.add(f"pack is not UTF-8 (byte {exc.start})", mark, hint="re-save the pack as UTF-8")
            else:
                self.issues.add(f"cannot read pack: {exc.strerror or exc}", Mark(display, 1, 1),
                                hint="check the file's permissions")
            return None
        try:
            root, errors = load_yaml(text, display)
        except UserError as exc:
            self.issues.extend([exc])
            return None
        self.issues.extend(errors)
        node = root if root is not None else YMap((), Mark(display, 1, 1))
        version = node.get("version") if isinstance(node, YMap) else None
        if isinstance(version, YScalar) and isinstance(version.value, int) and version.value != 1:
            # Another format version: its keys mean something else, so none are checked.
            self.issues.add(f"unsupported pack version {version.value} (expected 1)", version.mark)
            return None
        checked = Checker(self.issues, "the pack").check(node, self._schema)
        if not isinstance(checked, YMap):
            return None
        return LoadedPack(display, path.stem, checked)
