"""A starter configuration for ``lamina init``: source roots and candidate layers guessed
from folder (and module) names, written as a rule pack and a ``[tool.lamina]`` table.

The guess is deliberately conservative: only names that mean the same tier in most
codebases are used (``api``/``views``/``routes`` on top, ``services``/``domain``/
``engines`` in the middle, ``models``/``db``/``repositories`` at the bottom). Ambiguous
names (``core``, ``handlers``, ``schemas``) are left out: a wrong layer produces false
findings on the first run, a missing one only produces fewer findings.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass

# (layer name, folder and module names that suggest it), from the top to the bottom.
TIERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("api", ("api", "apis", "views", "routes", "routers", "endpoints", "controllers", "web",
             "rest", "graphql")),
    ("services", ("services", "service", "domain", "engines", "usecases", "use_cases",
                  "application", "logic")),
    ("models", ("models", "model", "db", "database", "repositories", "repository", "repos",
                "persistence", "storage", "dal", "orm")),
)
# Never searched for layers: tooling, tests and documentation are not application layers.
SKIPPED_DIRS = frozenset({
    "__pycache__", "node_modules", "site-packages", "build", "dist", "tests", "test",
    "testing", "docs", "doc", "examples", "migrations", "alembic", "venv",
})
PACK_FILE = "lamina.yaml"
BASELINE_FILE = "lamina-baseline.json"


@dataclass(frozen=True, slots=True)
class Layer:
    name: str
    paths: tuple[str, ...]  # root-relative globs, sorted


@dataclass(frozen=True, slots=True)
class Starter:
    roots: tuple[str, ...]
    layers: tuple[Layer, ...]  # only the tiers found, top to bottom


def _skipped(directory: str, name: str) -> bool:
    return (name.startswith(".") or name in SKIPPED_DIRS or name.endswith(".egg-info")
            or os.path.exists(os.path.join(directory, name, "pyvenv.cfg")))


def _children(directory: str) -> tuple[list[str], list[str]]:
    """Sorted (subdirectories worth walking, .py files) of ``directory``."""
    try:
        entries = sorted(os.scandir(directory), key=lambda e: e.name)
    except OSError:
        return [], []
    dirs = [e.name for e in entries if e.is_dir(follow_symlinks=False) and not _skipped(directory, e.name)]
    files = [e.name for e in entries if e.is_file() and e.name.endswith(".py")]
    return dirs, files


def _has_python(directory: str) -> bool:
    dirs, files = _children(directory)
    return bool(files) or any(_has_python(os.path.join(directory, d)) for d in dirs)


def _holds_packages(directory: str) -> bool:
    """True when a direct subdirectory holds Python files (a package, namespace or not)."""
    dirs, _ = _children(directory)
    return any(_children(os.path.join(directory, d))[1] for d in dirs)


def detect_roots(project_root: str, marker: str = "") -> tuple[str, ...]:
    """Source roots: ``src`` when present, else the project root when it holds packages
    (or ``marker``, e.g. ``app/hoc``), else the first-level directories that do."""
    def fits(rel: str) -> bool:
        path = os.path.join(project_root, rel)
        if marker:
            return os.path.isdir(os.path.join(path, marker))
        return _holds_packages(path)

    if not marker and os.path.isdir(os.path.join(project_root, "src")) and _has_python(
            os.path.join(project_root, "src")):
        return ("src",)
    if fits("."):
        return (".",)
    found = tuple(d for d in _children(project_root)[0] if fits(d))
    return found or (".",)


def _tier_of(name: str) -> str | None:
    stem = name[:-3] if name.endswith(".py") else name
    for layer, names in TIERS:
        if stem.lower() in names:
            return layer
    return None


def detect_layers(project_root: str, roots: tuple[str, ...]) -> tuple[Layer, ...]:
    """Layers from folder and module names under each root. A matched folder is not
    searched further: everything below it belongs to its layer."""
    found: dict[str, set[str]] = {layer: set() for layer, _ in TIERS}
    for root in roots:
        base = os.path.normpath(os.path.join(project_root, root))
        pending = [""]
        while pending:
            rel = pending.pop()
            dirs, files = _children(os.path.join(base, rel))
            for name in dirs:
                child = f"{rel}/{name}" if rel else name
                tier = _tier_of(name)
                if tier and name.isidentifier() and _has_python(os.path.join(base, child)):
                    found[tier].add(f"{child}/**")
                else:
                    pending.append(child)
            if rel:  # modules at a root's top level are scripts, not a package's layer
                for name in files:
                    tier = _tier_of(name)
                    if tier and name[:-3].isidentifier():
                        found[tier].add(f"{rel}/{name}")
    return tuple(Layer(layer, tuple(sorted(found[layer]))) for layer, _ in TIERS if found[layer])


def detect(project_root: str) -> Starter:
    roots = detect_roots(project_root)
    return Starter(roots, detect_layers(project_root, roots))


def _flow(values: tuple[str, ...] | list[str]) -> str:
    # JSON strings are valid YAML double-quoted scalars (and TOML basic strings).
    return "[" + ", ".join(json.dumps(v) for v in values) + "]"


def render_pack(starter: Starter) -> str:
    """The rule pack text of a detected starter."""
    lines = [
        "# lamina rule pack, written by `lamina init` from the folder names of this tree.",
        "# Check the layers, then run `lamina check`. Reference: `lamina rules`,",
        "# `lamina explain CODE`, and `lamina schema` (JSON Schema for editor completion).",
        "version: 1",
        f"roots: {_flow(starter.roots)}",
        "",
    ]
    if not starter.layers:
        examples = ", ".join(n for _, tier in TIERS for n in tier[:3])
        lines += [
            f"# No folder has a layer-like name ({examples}, ...).",
            "# Describe your layers, top (callers) first, and the imports each may make:",
            "# layers:",
            '#   - {name: api, paths: ["app/api/**"]}',
            '#   - {name: models, paths: ["app/models/**"]}',
            "# rules:",
            "#   - code: LAM101",
            "#     id: layer-direction",
            "#     options: {matrix: {api: [api, models], models: [models]}}",
        ]
        return "\n".join(lines) + "\n"
    lines += [
        "# Layers from the top (callers) to the bottom (callees). A file belongs to the layer of",
        "# its most specific matching glob; files in no layer are not checked by LAM101.",
        "layers:",
    ]
    lines += [f"  - {{name: {layer.name}, paths: {_flow(layer.paths)}}}" for layer in starter.layers]
    names = [layer.name for layer in starter.layers]
    lines += [
        "",
        "rules:",
        "  # Each layer may import itself and the layers below it, never a layer above.",
        "  - code: LAM101",
        "    id: layer-direction",
        "    options:",
        "      matrix:",
    ]
    lines += [f"        {name}: {_flow(names[i:])}" for i, name in enumerate(names)]
    lines += [
        "  # Import cycles, the shortest one per tangle; a warning until you decide to gate on it.",
        "  - code: LAM107",
        "    id: import-cycles",
        "    severity: warning",
    ]
    return "\n".join(lines) + "\n"


def render_preset_pack(preset: str, roots: tuple[str, ...]) -> str:
    """A pack that extends a bundled preset (``builtin:NAME``)."""
    lines = [
        f"# lamina rule pack, written by `lamina init --preset {preset}`: the bundled {preset.upper()}",
        "# pack (`lamina rules` lists its rule instances). Add rules below, override inherited",
        "# ones by id, or drop them with `disable: [id]`.",
        "version: 1",
        f"extends: {_flow([f'builtin:{preset}'])}",
    ]
    if roots != (".",):
        lines.append(f"roots: {_flow(roots)}")
    return "\n".join(lines) + "\n"


def render_tool_table(pack: str = PACK_FILE) -> str:
    """The ``[tool.lamina]`` table (TOML text, header included)."""
    return "\n".join([
        "[tool.lamina]",
        "# Written by `lamina init`. Reference: `lamina rules`, `lamina explain CODE`.",
        f"packs = {_flow([pack])}",
        'fail_on = "error"',
        f"baseline = {json.dumps(BASELINE_FILE)}",
    ]) + "\n"
