"""Random, realistic edits of a project tree for the differential cache test.

The property (issue 12): after any edit, ``lamina check --format json`` on a warm cache prints
exactly what ``lamina check --format json --no-cache`` prints, with the same exit code. The
cache is only observed through the command line, so this module knows nothing of lamina's
internals; it runs lamina through a ``Runner`` (in-process for the test suite, the installed
executable for ``bench/differential.py``).

Every edit is chosen by a seeded ``random.Random`` from the tree as it is (sorted listings),
so a seed replays the same sequence. File times come from a virtual clock: nearly every write
is stamped with an explicit, increasing, old mtime (no sleeping, and outside the cache's racy
window, so unchanged stats really are trusted); a few keep the real time of the write (inside
that window); the same-size edits and the archive-style additions put the previous mtime
back, which only the ctime can reveal. Standard library only.
"""

from __future__ import annotations

import difflib
import json
import os
import random
import re
import shutil
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from types import MappingProxyType
from typing import NamedTuple

# 2023-11-14: old enough that no file ever looks freshly written to the cache.
CLOCK_START_NS = 1_700_000_000 * 1_000_000_000
PARSED = re.compile(r"\((\d+) parsed\)")
REGISTRATION = re.compile(r"""register\(\s*(["'])([\w.]+)\1""")
IMPORT_LINE = re.compile(r"^(\s*)(import [\w.]+(?: as \w+)?|from [\w.]+ import [\w, ]+)\s*(#.*)?$")
SUPPRESSION = re.compile(r"\s*# lamina: ignore\[[^\]]*\].*$")
HEADER = re.compile(r"^# Layer: (\S+)")
CLAIMS = ("L2", "L4", "L5", "L6", "L7", "L2.1", "L5/L6", "L9")
REASONS = ("kept until the v2 split", "tracked in PIN-512", "legacy shim, see ADR 7")
ALL_CODES = ("LAM101", "LAM102", "LAM103", "LAM201", "LAM202", "LAM203", "LAM301", "LAM304", "LAM401")
PATH_CODES = ("LAM004", "LAM005", "LAM105", "LAM106")
BROKEN = "def _unfinished(:  # half-written\n"
METHOD_LINE = re.compile(r"^    (?:async )?def \w+\(self[^)]*\)(?: -> [^:]+)?:\s*$")  # a one-line method signature
BRIDGE_EDIT = "# bridge-edit"


class Run(NamedTuple):
    exit_code: int
    stdout: str
    stderr: str

    @property
    def parsed(self) -> int | None:
        """The ``(N parsed)`` count of a ``--timings`` run; None when the line is absent."""
        found = PARSED.findall(self.stderr)
        return int(found[-1]) if found else None


Runner = Callable[[Path, Sequence[str]], Run]


class Knob(NamedTuple):
    """One setting of the pack (or of ``[tool.lamina]``) that an edit may change."""

    name: str
    kind: str  # "toggle a rule", "change an option", "change severity", "change fail_on"
    values: tuple[object, ...]


class PackShape(NamedTuple):
    """How a project's configuration files are rendered from the knobs' current values."""

    knobs: tuple[Knob, ...]
    render: Callable[[Mapping[str, object]], dict[str, str]]  # knob values -> {relative path: text}


class Mismatch(AssertionError):
    """A cached run differed from the --no-cache run."""


class Step(NamedTuple):
    number: int
    edit: str
    exit_code: int
    parsed: int | None


def output_diff(cached: Run, plain: Run, limit: int = 60) -> str:
    lines = list(difflib.unified_diff(plain.stdout.splitlines(), cached.stdout.splitlines(),
                                      "--no-cache", "cached", lineterm="", n=2))  # fmt: skip
    shown = lines[:limit] + ([f"... {len(lines) - limit} more diff lines"] if len(lines) > limit else [])
    return (f"exit codes: cached {cached.exit_code}, --no-cache {plain.exit_code}\n" + "\n".join(shown)
            + f"\n--- cached stderr (tail)\n{cached.stderr[-800:]}")  # fmt: skip


class EditableProject:
    """A project tree plus the edits the differential test applies to it."""

    def __init__(self, root: Path, source_root: str, pack: PackShape, run: Runner, rng: random.Random,
                 kinds: Mapping[str, float] | None = None) -> None:  # fmt: skip
        self.root = root
        self.source = root / source_root if source_root != "." else root
        self.pack = pack
        self.run = run
        self.rng = rng
        self.kinds = dict(kinds if kinds is not None else DEFAULT_WEIGHTS)
        self.settings: dict[str, object] = {k.name: k.values[0] for k in pack.knobs}
        self.clock = CLOCK_START_NS
        self.serial = 0
        self.findings: list[dict[str, object]] = []

    # --- the tree --------------------------------------------------------------------------

    def setup(self) -> None:
        """Write the configuration, then stamp every file and directory with the clock's start."""
        for rel, text in self.pack.render(self.settings).items():
            (self.root / rel).write_text(text, encoding="utf-8")
        (self.root / ".git").mkdir(exist_ok=True)  # ends lamina's upward configuration search
        # A project-level .gitignore from the start: creating the first one at the root of a
        # project whose roots lie below it is a known miss of the cache (see
        # test_differential.py::test_new_gitignore_at_the_project_root_is_seen), kept out of
        # the random edits so that they can find other bugs.
        if not (self.root / ".gitignore").exists():
            (self.root / ".gitignore").write_text("*.swp\n", encoding="utf-8")
        # An empty cache directory, as if made long ago: its creation by the first run would
        # otherwise change the project root's stat after discovery recorded it.
        (self.root / ".lamina_cache").mkdir(exist_ok=True)
        for path in sorted(self.root.rglob("*")):
            if ".lamina_cache" not in path.parts and ".git" not in path.parts:
                os.utime(path, ns=(self.clock, self.clock))
        os.utime(self.root, ns=(self.clock, self.clock))

    def tick(self) -> int:
        self.clock += 1_000_000_000
        return self.clock

    def stamp(self, path: Path) -> None:
        now = self.tick()
        os.utime(path, ns=(now, now))

    def py_files(self) -> list[str]:
        return sorted(p.relative_to(self.root).as_posix() for p in self.source.rglob("*.py")
                      if ".lamina_cache" not in p.parts)  # fmt: skip

    def directories(self) -> list[str]:
        """Directories that hold Python files (the source root when none is left)."""
        dirs = {Path(rel).parent.as_posix() for rel in self.py_files()}
        return sorted(dirs) or [self.source.relative_to(self.root).as_posix()]

    def module_of(self, rel: str) -> str:
        parts = list((self.root / rel).relative_to(self.source).with_suffix("").parts)
        if parts and parts[-1] == "__init__":
            parts.pop()
        return ".".join(parts)

    def modules(self) -> list[str]:
        return sorted({m for m in (self.module_of(rel) for rel in self.py_files()) if m})

    def read(self, rel: str) -> str:
        # surrogateescape round-trips any bytes, so undecodable files are edited without damage.
        return (self.root / rel).read_bytes().decode("utf-8", "surrogateescape")

    def write(self, rel: str, text: str) -> None:
        """Write in place, or (one time in five, and for a new file) the way editors save
        atomically: a new file renamed over the old one, which changes the directory too."""
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        data = text.encode("utf-8", "surrogateescape")
        if path.exists() and self.rng.random() < 0.8:
            path.write_bytes(data)
        else:
            temporary = path.with_name(f".{path.name}.swp")
            temporary.write_bytes(data)
            os.replace(temporary, path)
            self.stamp(path.parent)
        if self.rng.random() < 0.9:
            self.stamp(path)
        # else the file keeps the real time of the write: the next run sees it inside the
        # cache's racy window, where a matching stat proves nothing

    def remove(self, rel: str) -> None:
        path = self.root / rel
        path.unlink()
        self.stamp(path.parent)

    def next_serial(self) -> int:
        self.serial += 1
        return self.serial

    def choose_file(self, predicate: Callable[[str], bool] = lambda rel: True) -> str | None:
        candidates = [rel for rel in self.py_files() if predicate(rel)]
        return self.rng.choice(candidates) if candidates else None

    def domains(self) -> list[str]:
        base = self.source / "app" / "hoc" / "cus"
        if not base.is_dir():
            return []
        return sorted(
            p.name for p in base.iterdir() if p.is_dir() and p.name != "hoc_spine" and not p.name.startswith("_")
        )

    # --- source shapes ---------------------------------------------------------------------

    def import_statement(self, rel: str) -> str:
        target = self.rng.choice(self.modules() or ["os"])
        parent, _, last = target.rpartition(".")
        siblings = [Path(r).stem for r in self.py_files() if Path(r).parent == Path(rel).parent and r != rel
                    and not r.endswith("__init__.py")]  # fmt: skip
        form = self.rng.random()
        if siblings and form < 0.15:
            return f"from . import {self.rng.choice(siblings)}"
        if parent and form < 0.7:
            return f"from {parent} import {last}"
        return f"import {target}"

    @staticmethod
    def import_position(lines: list[str]) -> int:
        """After the header comments, the docstring and ``from __future__`` imports."""
        i, n = 0, len(lines)
        while i < n and (not lines[i].strip() or lines[i].lstrip().startswith("#")):
            i += 1
        if i < n and lines[i].lstrip().startswith(('"""', "'''")):
            quote = '"""' if '"""' in lines[i] else "'''"
            if lines[i].count(quote) < 2:
                i += 1
                while i < n and quote not in lines[i]:
                    i += 1
            i += 1
        while i < n and (not lines[i].strip() or lines[i].startswith("from __future__")):
            i += 1
        return i

    def append_block(self, rel: str, block: str) -> None:
        text = self.read(rel)
        if text and not text.endswith("\n"):
            text += "\n"
        self.write(rel, text + "\n\n" + block)

    # --- edits: each returns a description, or None when it does not apply ----------------

    def edit_import_module(self) -> str | None:
        rel = self.choose_file()
        if rel is None:
            return None
        statement = self.import_statement(rel)
        lines = self.read(rel).splitlines(keepends=True)
        at = self.import_position(lines)
        lines.insert(at, statement + "\n")
        self.write(rel, "".join(lines))
        return f"{rel}: add module-level '{statement}' at line {at + 1}"

    def edit_import_lazy(self) -> str | None:
        rel = self.choose_file()
        if rel is None:
            return None
        statement = self.import_statement(rel)
        name = statement.split()[-1].split(".")[0]
        self.append_block(rel, f"def _lazy_{self.next_serial()}():\n    {statement}\n\n    return {name}\n")
        return f"{rel}: add lazy '{statement}' in a function"

    def edit_import_type_checking(self) -> str | None:
        rel = self.choose_file()
        if rel is None:
            return None
        statement = self.import_statement(rel)
        self.append_block(rel, f"from typing import TYPE_CHECKING\n\nif TYPE_CHECKING:\n    {statement}\n")
        return f"{rel}: add '{statement}' under if TYPE_CHECKING"

    def edit_import_remove(self) -> str | None:
        found = [(rel, i) for rel in self.py_files() for i, line in enumerate(self.read(rel).splitlines())
                 if IMPORT_LINE.match(line) and "__future__" not in line]  # fmt: skip
        if not found:
            return None
        rel, index = self.rng.choice(found)
        lines = self.read(rel).splitlines(keepends=True)
        indent = IMPORT_LINE.match(lines[index].rstrip("\n"))
        assert indent is not None
        removed = lines[index].strip()
        # An import alone in a block would leave it empty: the block keeps a 'pass'.
        lines[index] = f"{indent.group(1)}pass\n" if indent.group(1) else ""
        self.write(rel, "".join(lines))
        return f"{rel}: remove import line {index + 1} '{removed}'"

    def op_names(self) -> list[tuple[str, int, str]]:
        """(file, 0-based line of the name, name) of every registration, one-line or not."""
        found = []
        for rel in self.py_files():
            text = self.read(rel)
            found += [(rel, text.count("\n", 0, m.start(2)), m.group(2)) for m in REGISTRATION.finditer(text)]
        return found

    def new_op_name(self) -> str:
        existing = [name for _, _, name in self.op_names()]
        if existing and self.rng.random() < 0.4:
            return self.rng.choice(existing)  # a duplicate (LAM304 in both files)
        domain = self.rng.choice(self.domains() or ["core"])
        return f"{domain}.{self.rng.choice(['sync', 'purge', 'audit', 'export'])}{self.next_serial()}"

    def deps(self) -> str:
        if self.rng.random() < 0.2:
            return ""  # LAM301: no cross_domain_deps
        chosen = self.rng.sample(self.domains(), k=min(len(self.domains()), self.rng.randint(0, 2)))
        return ", cross_domain_deps=[" + ", ".join(f'"{d}"' for d in chosen) + "]"

    def registration_file(self) -> str | None:
        return (
            self.choose_file(lambda rel: "handlers/" in rel or "/api/" in rel or "orchestrator" in rel)
            or self.choose_file()
        )

    def edit_op_add(self) -> str | None:
        rel = self.registration_file()
        if rel is None:
            return None
        name = self.new_op_name()
        handler = f"Extra{self.next_serial()}Handler"
        self.append_block(rel, f"class {handler}:\n    async def execute(self, params):\n        return params\n\n\n"
                               f"def register_more_{self.serial}(registry):\n"
                               f"    registry.register(\"{name}\", {handler}(){self.deps()})\n")  # fmt: skip
        return f"{rel}: register operation '{name}'"

    def edit_op_rename(self) -> str | None:
        ops = self.op_names()
        if not ops:
            return None
        rel, number, old = self.rng.choice(ops)
        new = self.new_op_name()
        lines = self.read(rel).splitlines(keepends=True)
        lines[number] = lines[number].replace(old, new, 1)
        self.write(rel, "".join(lines))
        return f"{rel}: rename operation '{old}' to '{new}' (line {number + 1})"

    def edit_op_duplicate(self) -> str | None:
        ops = self.op_names()
        if not ops:
            return None
        source, _, name = self.rng.choice(ops)
        rel = self.choose_file(lambda r: r != source and ("handlers/" in r or "/api/" in r)) or self.choose_file(
            lambda r: r != source)
        if rel is None:
            return None
        self.append_block(rel, f"def register_copy_{self.next_serial()}(registry):\n"
                               f"    registry.register(\"{name}\", object(){self.deps()})\n")  # fmt: skip
        return f"{rel}: register '{name}' again (first registered in {source})"

    def edit_commit(self) -> str | None:
        rel = self.choose_file()
        if rel is None:
            return None
        draw = self.rng.random()
        if draw < 0.35:
            block = f"def _persist_{self.next_serial()}(session):\n    session.commit()\n"
        elif draw < 0.5:
            block = f"def _persist_{self.next_serial()}(session):\n    session.execute(text(\"COMMIT\"))\n"
        else:
            block = (f"class Writer{self.next_serial()}:\n    def __init__(self, session):\n        self._session = session\n\n"  # noqa: E501
                     "    async def save(self):\n        await self._session.commit()\n")  # fmt: skip
        self.append_block(rel, block)
        return f"{rel}: add a session.commit() call"

    def layer_stem(self, directory: str) -> str:
        name = Path(directory).name
        suffix = {"L5_engines": "_engine", "L6_drivers": "_driver", "handlers": "_handler", "bridges": "_bridge",
                  "L5_schemas": "_types"}.get(name, "")  # fmt: skip
        return f"{self.rng.choice(['quota', 'retention', 'billing', 'alert', 'digest'])}{self.next_serial()}{suffix}"

    def edit_file_add(self) -> str | None:
        dirs = self.directories()
        if not dirs:
            return None
        directory = self.rng.choice(dirs)
        if self.rng.random() < 0.2:
            directory += f"/sub{self.next_serial()}"  # a new (namespace) package
        rel = f"{directory}/{self.layer_stem(directory)}.py"
        header = f"# Layer: {self.rng.choice(CLAIMS)} — Generated\n" if self.rng.random() < 0.7 else ""
        imports = "".join(self.import_statement(rel) + "\n" for _ in range(self.rng.randint(0, 3)))
        body = f'{header}"""A module added by the differential test."""\n\nfrom __future__ import annotations\n\n{imports}\n\n'  # noqa: E501
        body += f"class {Path(rel).stem.title().replace('_', '')}:\n    def run(self):\n        return None\n"
        if rel.endswith("_handler.py"):
            body += f'\n\ndef register_operations(registry):\n    registry.register("{self.new_op_name()}", object(){self.deps()})\n'  # noqa: E501
        self.write(rel, body)
        return f"{rel}: add file"

    def edit_unpack(self) -> str | None:
        """Add a file the way an archive extraction does: the file gets an old mtime and its
        directory's mtime is put back, so only the ctimes show that anything happened."""
        dirs = self.directories()
        if not dirs:
            return None
        directory = self.rng.choice(dirs)
        rel = f"{directory}/{self.layer_stem(directory)}.py"
        parent = (self.root / rel).parent
        before = parent.stat()
        (self.root / rel).write_text(f'"""Unpacked."""\n\n{self.import_statement(rel)}\n', encoding="utf-8")
        os.utime(self.root / rel, ns=(CLOCK_START_NS, CLOCK_START_NS))
        os.utime(parent, ns=(before.st_atime_ns, before.st_mtime_ns))
        return f"{rel}: add file with an old mtime, directory mtime restored"

    def edit_file_delete(self) -> str | None:
        if len(self.py_files()) < 6:
            return None
        rel = self.choose_file()
        assert rel is not None
        self.remove(rel)
        return f"{rel}: delete file"

    def edit_file_rename(self) -> str | None:
        """Rename a module (in place or into another directory), turn a module into a package
        (``x.py`` -> ``x/__init__.py``) or a package's ``__init__.py`` into a module."""
        rel = self.choose_file()
        if rel is None:
            return None
        roll = self.rng.random()
        if rel.endswith("__init__.py"):
            new = f"{Path(rel).parent.as_posix()}/{self.layer_stem(Path(rel).parent.as_posix())}.py"
        elif roll < 0.2 and not (self.root / rel).with_suffix("").exists():
            new = f"{rel[:-3]}/__init__.py"
        else:
            directory = self.rng.choice(self.directories()) if roll < 0.5 else Path(rel).parent.as_posix()
            new = f"{directory}/{self.layer_stem(directory)}.py"
        (self.root / new).parent.mkdir(parents=True, exist_ok=True)
        os.rename(self.root / rel, self.root / new)
        self.stamp(self.root / new)
        self.stamp((self.root / rel).parent)
        self.stamp((self.root / new).parent)
        return f"{rel}: rename to {new}"

    def edit_directory(self) -> str | None:
        """Rename a directory (a domain or a package moves), or delete one with its files."""
        dirs = [d for d in self.directories() if (self.root / d) != self.source]
        if not dirs:
            return None
        directory = self.root / self.rng.choice(dirs)
        parent = directory.parent
        inside = [rel for rel in self.py_files() if (self.root / rel).is_relative_to(directory)]
        if self.rng.random() < 0.7 or len(self.py_files()) - len(inside) < 6:
            new = parent / f"{directory.name}_{self.next_serial()}"
            os.rename(directory, new)
            self.stamp(new)
            what = f"rename directory to {new.relative_to(self.root).as_posix()}"
        else:
            shutil.rmtree(directory)
            what = "delete directory"
        self.stamp(parent)
        return f"{directory.relative_to(self.root).as_posix()}/: {what}"

    def edit_init_add(self) -> str | None:
        missing = [d for d in self.directories() if not (self.root / d / "__init__.py").exists()]
        if not missing:
            return None
        rel = f"{self.rng.choice(missing)}/__init__.py"
        self.write(rel, '"""Package."""\n' if self.rng.random() < 0.5 else "")
        return f"{rel}: add package __init__.py"

    def edit_init_delete(self) -> str | None:
        rel = self.choose_file(lambda r: r.endswith("__init__.py"))
        if rel is None:
            return None
        self.remove(rel)
        return f"{rel}: delete package __init__.py"

    def edit_header(self) -> str | None:
        rel = self.choose_file(lambda r: not r.endswith("__init__.py"))
        if rel is None:
            return None
        lines = self.read(rel).splitlines(keepends=True)
        at = next((i for i, line in enumerate(lines[:5]) if HEADER.match(line)), None)
        claim = self.rng.choice(CLAIMS)
        if at is None:
            lines.insert(0, f"# Layer: {claim} — Edited\n")
            what = f"add '# Layer: {claim}' header"
        elif self.rng.random() < 0.25:
            what = f"remove header '{lines[at].strip()}'"
            del lines[at]
        else:
            lines[at] = HEADER.sub(f"# Layer: {claim}", lines[at], count=1)
            what = f"set the header to '# Layer: {claim}'"
        self.write(rel, "".join(lines))
        return f"{rel}: {what}"

    def edit_suppress_add(self) -> str | None:
        # Not the path-derived codes: the cache mishandles their inline suppressions on its
        # file-by-file path (test_differential.py::test_suppression_of_a_shadowed_module_*).
        targets = [f for f in self.findings if str(f["path"]).endswith(".py") and f["status"] == "open"
                   and f["code"] not in PATH_CODES and (self.root / str(f["path"])).is_file()]  # fmt: skip
        if not targets:
            return None
        finding = self.rng.choice(targets)
        rel, number = str(finding["path"]), int(str(finding["line"])) - 1
        lines = self.read(rel).splitlines(keepends=True)
        if not 0 <= number < len(lines):
            return None
        roll = self.rng.random()
        code = str(finding["code"]) if roll < 0.75 else self.rng.choice(ALL_CODES)  # else maybe unused: LAM502
        reason = "" if roll > 0.95 else " " + self.rng.choice(REASONS)  # no reason: LAM501
        comment = f"# lamina: ignore[{code}]{reason}"
        line = lines[number]
        if self.rng.random() < 0.5 and "#" not in line and not line.rstrip().endswith("\\") and '"""' not in line:
            lines[number] = line.rstrip("\r\n") + "  " + comment + "\n"
            where = "trailing"
        else:
            indent = line[: len(line) - len(line.lstrip())]
            lines.insert(number, indent + comment + "\n")
            where = "above"
        self.write(rel, "".join(lines))
        return f"{rel}: suppress {code} at line {number + 1} ({where}{', no reason' if not reason else ''})"

    def edit_suppress_remove(self) -> str | None:
        found = [(rel, i) for rel in self.py_files() for i, line in enumerate(self.read(rel).splitlines())
                 if "# lamina: ignore[" in line]  # fmt: skip
        if not found:
            return None
        rel, index = self.rng.choice(found)
        lines = self.read(rel).splitlines(keepends=True)
        if lines[index].lstrip().startswith("# lamina:"):
            del lines[index]
        else:
            lines[index] = SUPPRESSION.sub("", lines[index].rstrip("\r\n")) + "\n"
        self.write(rel, "".join(lines))
        return f"{rel}: remove the suppression on line {index + 1}"

    @property
    def baseline(self) -> Path:
        return self.root / "lamina-baseline.json"

    def edit_baseline_write(self) -> str | None:
        args = ["baseline"]
        if self.baseline.exists():
            args += ["--update"] + (["--allow-growth"] if self.rng.random() < 0.5 else [])
        result = self.run(self.root, args)
        if self.baseline.exists():
            self.stamp(self.baseline)
        self.stamp(self.root)
        return f"lamina {' '.join(args)} (exit {result.exit_code})"

    def edit_baseline_delete(self) -> str | None:
        if not self.baseline.exists():
            return None
        self.baseline.unlink()
        self.stamp(self.root)
        return "delete the baseline"

    def edit_baseline_entry(self) -> str | None:
        if not self.baseline.exists():
            return None
        try:
            data = json.loads(self.baseline.read_text(encoding="utf-8"))
            entries = list(data["entries"])
        except (ValueError, KeyError, TypeError):
            return None
        if not entries:
            return None
        index = self.rng.randrange(len(entries))
        entry = dict(entries[index])
        action = self.rng.choice(["count+1", "count-1", "drop", "anchor", "path", "count+1", "drop", "truncate"])
        if action == "truncate":  # a bad merge: the file no longer parses (exit 2 until fixed)
            self.write("lamina-baseline.json", self.baseline.read_text(encoding="utf-8")[:-4])
            return "baseline: truncated (invalid JSON)"
        if action == "count+1":
            entry["count"] = int(entry["count"]) + 1
        elif action == "count-1" and int(entry["count"]) > 1:
            entry["count"] = int(entry["count"]) - 1
        elif action == "drop":
            entry = {}
        elif action == "anchor":
            entry["anchor"] = str(entry["anchor"]) + " # edited"
        else:
            entry["path"] = str(entry["path"]).replace(".py", "_old.py")
        if entry:
            entries[index] = entry
        else:
            del entries[index]
        text = '{"version": 1, "entries": [\n' + ",\n".join(json.dumps(e) for e in entries) + "\n]}\n"
        self.write("lamina-baseline.json", text)
        return f"baseline: {action} on entry {index}"

    def pack_files(self) -> None:
        for rel, text in self.pack.render(self.settings).items():
            if not (self.root / rel).exists() or (self.root / rel).read_text(encoding="utf-8") != text:
                self.write(rel, text)

    def typos(self) -> list[Knob]:
        return [k for k in self.pack.knobs if k.kind == "make a typo" and self.settings[k.name] != k.values[0]]

    def edit_pack(self) -> str | None:
        if not self.pack.knobs:
            return None
        knob = self.rng.choice(self.pack.knobs)
        broken = self.typos()
        if broken:  # the next pack edit fixes the typo, as its author would
            knob = broken[0]
        value = knob.values[0] if broken else self.rng.choice([v for v in knob.values if v != self.settings[knob.name]])
        self.settings[knob.name] = value
        self.pack_files()
        return f"pack: {knob.kind}: {knob.name} = {value!r}"

    def all_files(self) -> list[str]:
        extra = [rel for rel in ("pyproject.toml", "lamina-baseline.json") if (self.root / rel).exists()]
        return self.py_files() + extra

    def edit_touch(self) -> str | None:
        rel = self.rng.choice(self.all_files())
        self.stamp(self.root / rel)
        return f"{rel}: touch (new mtime, same bytes)"

    def same_size_change(self, text: str) -> tuple[str, str] | None:
        """A realistic edit that keeps the byte size, or None."""
        lines = text.splitlines(keepends=True)
        options: list[Callable[[], tuple[str, str]]] = []
        header = next((i for i, line in enumerate(lines[:5]) if re.match(r"# Layer: L[4567]\b", line)), None)
        if header is not None:
            def flip() -> tuple[str, str]:
                old = lines[header][9:11]
                new = self.rng.choice([c for c in ("L4", "L5", "L6", "L7") if c != old])
                lines[header] = lines[header].replace(old, new, 1)
                return "".join(lines), f"header {old} -> {new}"
            options.append(flip)
        imports = [i for i, line in enumerate(lines) if IMPORT_LINE.match(line.rstrip("\n")) and not line[0].isspace()]
        if len(imports) >= 2:
            def swap() -> tuple[str, str]:
                a, b = self.rng.sample(imports, 2)
                lines[a], lines[b] = lines[b], lines[a]
                return "".join(lines), f"swap import lines {a + 1} and {b + 1}"
            options.append(swap)
        codes = [i for i, line in enumerate(lines) if re.search(r"ignore\[LAM\d{3}\]", line)]
        if codes:
            def recode() -> tuple[str, str]:
                i = self.rng.choice(codes)
                lines[i] = re.sub(r"LAM\d{3}", self.rng.choice(ALL_CODES), lines[i], count=1)
                return "".join(lines), f"suppression code on line {i + 1} changed"
            options.append(recode)
        digits = [i for i, line in enumerate(lines) if '"count": ' in line]
        if digits:
            def count() -> tuple[str, str]:
                i = self.rng.choice(digits)
                lines[i] = re.sub(
                    r'"count": (\d)', lambda m: f'"count": {(int(m.group(1)) % 9) + 1}', lines[i], count=1
                )
                return "".join(lines), f"baseline count on line {i + 1} changed"
            options.append(count)
        if not options:
            return None
        return self.rng.choice(options)()

    def edit_same_size_old_mtime(self) -> str | None:
        rel = self.rng.choice(self.all_files())
        path = self.root / rel
        before = path.stat()
        changed = self.same_size_change(self.read(rel))
        if changed is None or changed[0] == self.read(rel):
            return None
        path.write_bytes(changed[0].encode("utf-8", "surrogateescape"))
        assert path.stat().st_size == before.st_size
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
        return f"{rel}: {changed[1]}, same size, old mtime restored"

    def edit_bridge_method_import(self) -> str | None:
        """Call-level reach: what one method of a bridge or coordinator imports changes the
        reach of the operations that call it, in other files."""
        marked = [(rel, i) for rel in self.py_files() for i, line in enumerate(self.read(rel).splitlines())
                  if line.endswith(BRIDGE_EDIT)]  # fmt: skip
        if marked and self.rng.random() < 0.4:
            rel, index = self.rng.choice(marked)
            lines = self.read(rel).splitlines(keepends=True)
            removed = lines.pop(index).strip()
            self.write(rel, "".join(lines))
            return f"{rel}: remove the method import '{removed}' (line {index + 1})"
        methods = [(rel, i) for rel in self.py_files() if "bridge" in rel or "coordinator" in rel
                   for i, line in enumerate(self.read(rel).splitlines()) if METHOD_LINE.match(line)]  # fmt: skip
        if not methods:
            return None
        rel, index = self.rng.choice(methods)
        lines = self.read(rel).splitlines(keepends=True)
        statement = self.import_statement(rel)
        lines.insert(index + 1, f"        {statement}  {BRIDGE_EDIT}\n")
        self.write(rel, "".join(lines))
        return f"{rel}: method at line {index + 1} now imports '{statement}'"

    def edit_comment(self) -> str | None:
        rel = self.choose_file()
        if rel is None:
            return None
        self.append_block(rel, f"# reviewed {self.next_serial()}\n")
        return f"{rel}: append a comment"

    def edit_syntax(self) -> str | None:
        broken = [rel for rel in self.py_files() if BROKEN in self.read(rel)]
        if broken and self.rng.random() < 0.6:
            rel = self.rng.choice(broken)
            self.write(rel, self.read(rel).replace(BROKEN, ""))
            return f"{rel}: fix the half-written function"
        rel = self.choose_file()
        if rel is None:
            return None
        self.append_block(rel, BROKEN)
        return f"{rel}: add a half-written function (syntax error)"

    def edit_batch(self) -> str | None:
        """Several content edits before the next run, as a branch switch or a pull makes them."""
        kinds = ["import_module", "import_lazy", "import_remove", "op_rename", "header", "comment", "commit",
                 "suppress_add", "same_size_old_mtime"]  # fmt: skip
        done = [getattr(self, f"edit_{self.rng.choice(kinds)}")() for _ in range(self.rng.randint(2, 4))]
        applied = [d for d in done if d is not None]
        return "batch: " + "; ".join(applied) if applied else None

    def edit_gitignore(self) -> str | None:
        """Ignore a file or directory in a .gitignore (discovery honours them), or un-ignore it.
        Never a package's ``__init__.py`` by name: the cache misses the deletion of an ignored
        one (test_differential.py::test_deleting_an_ignored_package_init_is_seen)."""
        rel = self.choose_file(lambda r: not r.endswith("__init__.py"))
        if rel is None:
            return None
        directory = self.rng.choice([".", Path(rel).parent.as_posix()])
        ignore = self.root / directory / ".gitignore"
        existing = self.read(ignore.relative_to(self.root).as_posix()).splitlines() if ignore.exists() else []
        if existing and self.rng.random() < 0.4:
            dropped = self.rng.choice(existing)
            kept = [line for line in existing if line != dropped]
            what = f"un-ignore '{dropped}'"
        else:
            target = Path((self.root / rel).relative_to(self.root / directory).as_posix())
            choices = [target.as_posix(), target.name]
            if target.parent.as_posix() != ".":
                choices.append(f"{target.parent.as_posix()}/")  # a whole directory
            pattern = self.rng.choice(choices)
            kept = [*existing, "/" + pattern if self.rng.random() < 0.3 else pattern]  # anchored or not
            what = f"ignore '{kept[-1]}'"
        self.write(ignore.relative_to(self.root).as_posix(), "".join(line + "\n" for line in kept))
        return f"{ignore.relative_to(self.root).as_posix()}: {what}"

    def edit_encoding(self) -> str | None:
        """Put a stray latin-1 byte in a comment (LAM002), or take it out again."""
        broken = [rel for rel in self.py_files() if "\udce9" in self.read(rel)]
        if broken and self.rng.random() < 0.6:
            rel = self.rng.choice(broken)
            self.write(rel, self.read(rel).replace("# caf\udce9\n", ""))
            return f"{rel}: remove the undecodable byte"
        rel = self.choose_file()
        if rel is None:
            return None
        self.append_block(rel, "# caf\udce9\n")
        return f"{rel}: add an undecodable byte (0xe9) in a comment"

    # --- the loop --------------------------------------------------------------------------

    def apply_random_edit(self) -> str:
        if self.typos() and self.rng.random() < 0.3:
            return str(self.edit_pack())  # a broken pack does not stay broken for long
        names = sorted(self.kinds)
        weights = [self.kinds[n] for n in names]
        for _ in range(50):
            kind = self.rng.choices(names, weights)[0]
            done = getattr(self, f"edit_{kind}")()
            if done is not None:
                return done
        raise AssertionError("no edit applies to this tree")

    def compare(self, number: int, edit: str, log: list[Step]) -> Step:
        # Now and then from a subdirectory, which narrows what is reported (after the cache).
        where = self.rng.choice(self.directories() or ["."]) if number > 0 and self.rng.random() < 0.1 else "."
        if where != ".":
            edit += f" [checked from {where}/]"
        # and with --fail-on, which is applied after the cache as well
        extra = ["--fail-on", self.rng.choice(["error", "warning", "info"])] if self.rng.random() < 0.1 else []
        if extra:
            edit += f" [{' '.join(extra)}]"
        cwd = self.root / where
        cached = self.run(cwd, ["check", "--format", "json", "--timings", *extra])
        plain = self.run(cwd, ["check", "--format", "json", "--no-cache", *extra])
        step = Step(number, edit, plain.exit_code, cached.parsed)
        log.append(step)
        if (cached.exit_code, cached.stdout) != (plain.exit_code, plain.stdout):
            raise Mismatch(f"after edit {number}: {edit}\n{output_diff(cached, plain)}")
        if where == ".":
            try:
                self.findings = list(json.loads(plain.stdout)["findings"])
            except (ValueError, KeyError, TypeError):
                self.findings = []
        return step


DEFAULT_WEIGHTS: Mapping[str, float] = MappingProxyType({
    "import_module": 3, "import_lazy": 2, "import_type_checking": 2, "import_remove": 3,
    "op_add": 2, "op_rename": 2, "op_duplicate": 2, "commit": 1,
    "file_add": 2, "file_delete": 1, "file_rename": 1, "init_add": 1, "init_delete": 1,
    "header": 2, "suppress_add": 2, "suppress_remove": 1,
    "baseline_write": 1, "baseline_delete": 1, "baseline_entry": 1,
    "pack": 2, "touch": 2, "same_size_old_mtime": 2, "comment": 1, "syntax": 0.5,
    "gitignore": 0.7, "encoding": 0.4, "unpack": 0.5, "batch": 1.5, "directory": 0.4,
    "bridge_method_import": 1.5,
})  # fmt: skip


# The HOC project shape: the bundled pack plus a local pack whose knobs the edits turn; the
# local pack adds LAM107 so that import cycles are checked too.
HOC_LOCAL_PACK = "lamina-local.yaml"
OPERATION_RULES = ("hoc-ops-declare-deps", "hoc-ops-undeclared-domains", "hoc-ops-stale-declaration",
                   "hoc-l2-own-domain-ops")  # fmt: skip


def render_hoc(settings: Mapping[str, object]) -> dict[str, str]:
    pyproject = f'[tool.lamina]\npacks = ["builtin:hoc", "{HOC_LOCAL_PACK}"]\nroots = ["backend"]\n'
    pyproject += f'fail_on = "{settings["fail_on"]}"\n'
    rules = []
    if settings["cycles"] != "off":
        lazy = "include" if settings["cycles"] == "with lazy imports" else "ignore"
        rules.append(f"  - {{code: LAM107, id: no-import-cycles, options: {{imports: {{lazy: {lazy}}}}}}}\n")
    rules.append("  - code: LAM307\n    id: hoc-bridge-size\n    severity: error\n"
                 "    paths: {include: [\"role:bridge\"]}\n"
                 f"    options: {{classes: \"*Bridge\", max_public_methods: {settings['bridge_max']}}}\n")
    operations = settings["operations"] == "on"
    severity = settings["duplicate_severity"] if operations else "off"
    rules.append(f"  - code: LAM304\n    id: hoc-ops-registered-once\n    severity: {severity}\n"
                 "    paths:\n      include: [\"layer:L4\", \"layer:L2\"]\n"
                 "      exclude: [\"**/tests/**\", \"**/test_*.py\"]\n")  # fmt: skip
    disabled = [rule for rule, knob in (("hoc-header-layer", "header_layer"), ("hoc-ops-declare-deps", "declare_deps"))
                if settings[knob] == "disabled"]  # fmt: skip
    if not operations:  # with LAM107 off too and no baseline, every rule left is local
        disabled = sorted({*disabled, *OPERATION_RULES})
    pack = "version: 1\nname: hoc-local\n" + ("exlude: []\n" if settings["typo"] == "unknown key" else "")
    pack += "rules:\n" + "".join(rules)
    if disabled:
        pack += f"disable: [{', '.join(disabled)}]\n"
    return {"pyproject.toml": pyproject, HOC_LOCAL_PACK: pack}


HOC_PACK = PackShape(
    knobs=(
        Knob("cycles", "toggle a rule", ("module-level", "off", "with lazy imports")),
        Knob("bridge_max", "change an option", (5, 3, 7)),
        Knob("duplicate_severity", "change severity", ("error", "warning", "info", "off")),
        Knob("header_layer", "toggle a rule", ("on", "disabled")),
        Knob("declare_deps", "toggle a rule", ("on", "disabled")),
        Knob("fail_on", "change fail_on", ("error", "warning")),
        Knob("operations", "toggle a rule", ("on", "off")),
        Knob("typo", "make a typo", ("none", "unknown key")),  # exit 2 until a later edit fixes it
    ),
    render=render_hoc,
)


def replay_hint(seed: int, edits: int, log: Sequence[Step]) -> str:
    listing = "\n".join(f"  {s.number:4d}. {s.edit}" for s in log)
    failing = log[-1].number if log else 0
    return (f"seed {seed}, {edits} edits requested, edit {failing} failed; the same seed replays the same "
            f"edits (LAMINA_DIFF_SEED={seed}, with LAMINA_DIFF_EDITS large enough to reach edit {failing})\n"
            f"edit sequence:\n{listing}")  # fmt: skip


def differential(project: EditableProject, edits: int, seed: int,
                 keep_going: Callable[[Mismatch], None] | None = None) -> list[Step]:  # fmt: skip
    """Run the cached/--no-cache comparison on the initial tree and after every edit; raise
    ``Mismatch`` (seed and edit sequence included) at the first difference, or hand it to
    ``keep_going`` and go on with the next edit."""
    log: list[Step] = []
    steps: list[tuple[int, Callable[[], str]]] = [(0, lambda: "initial tree (cold cache)")]
    steps += [(0, lambda: "initial tree again (warm cache)")]
    steps += [(number, project.apply_random_edit) for number in range(1, edits + 1)]
    for number, edit in steps:
        described = edit()
        try:
            project.compare(number, described, log)
        except Mismatch as error:
            found = Mismatch(f"{error}\n\n{replay_hint(seed, edits, log)}")
            if keep_going is None:
                raise found from None
            keep_going(found)
    return log


def copy_project(source: Path, target: Path) -> Path:
    shutil.copytree(source, target, ignore=shutil.ignore_patterns(".lamina_cache", "__pycache__"))
    return target
