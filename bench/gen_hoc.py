#!/usr/bin/env python3
"""Generate a deterministic, HOC-shaped layered Python codebase for benchmarks.

    python bench/gen_hoc.py --lines 500000 --out bench/.work/hoc-500k

The tree looks like the HOC topology that the bundled `builtin:hoc` pack targets (docs/hoc-pack.md):

    backend/app/hoc/api/facades/                       L2.1
    backend/app/hoc/api/cus/<domain>/                  L2
    backend/app/hoc/cus/hoc_spine/orchestrator/...     L4 (handlers, coordinators, coordinators/bridges)
    backend/app/hoc/cus/hoc_spine/{services,schemas,utilities,drivers}/   L4 zones
    backend/app/hoc/cus/<domain>/L5_engines/           L5
    backend/app/hoc/cus/<domain>/L5_schemas/           L5_schemas
    backend/app/hoc/cus/<domain>/L6_drivers/           L6
    backend/app/models/                                L7
    backend/app/db/                                    legacy

Beside the tree it writes the configuration of every benchmarked tool, all describing the same
layering: `pyproject.toml` (lamina, full HOC pack), `lamina-layers.yaml` (lamina, layers only),
`.importlinter` (import-linter) and `tach.toml` (tach), plus `bench-corpus.json`, the manifest that
`bench/run.py` reads (sizes, the file to touch for one-file-changed runs, the deliberate violations).

Same arguments => byte-identical output: every random choice comes from `random.Random` seeded with the
`--seed` and, per file, with the file's path (string seeds hash with SHA-512, not `hash()`).
Standard library only.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

from hoc_code import ModuleSpec, Planned, render_module
from hoc_configs import write_configs

DOMAINS: tuple[str, ...] = (
    "policies", "incidents", "logs", "activity", "analytics",
    "account", "integrations", "controls", "overview", "api_keys",
)

# Business nouns per domain; module and class names are built from them.
NOUNS: dict[str, tuple[str, ...]] = {
    "policies": ("policy", "rule", "threshold", "limit", "override", "evaluation", "proposal", "snapshot"),
    "incidents": ("incident", "escalation", "timeline", "responder", "severity", "postmortem", "alert", "page"),
    "logs": ("trace", "audit_entry", "log_record", "span", "export", "retention", "redaction", "replay"),
    "activity": ("run", "evidence", "signal", "step", "attempt", "checkpoint", "artifact", "verdict"),
    "analytics": ("metric", "cost_record", "usage", "forecast", "anomaly", "report", "cohort", "rollup"),
    "account": ("tenant", "member", "invitation", "role_binding", "profile", "subscription", "seat", "org_unit"),
    "integrations": ("connector", "webhook", "credential_ref", "sync_job", "provider", "mapping", "cursor", "delivery"),
    "controls": ("control", "kill_switch", "guardrail", "budget", "quota", "toggle", "exemption", "cap"),
    "overview": ("summary", "highlight", "dashboard", "widget", "digest", "kpi", "trend", "card"),
    "api_keys": ("api_key", "key_scope", "rotation", "usage_window", "key_audit", "grant", "revocation", "fingerprint"),
}
QUALIFIERS: tuple[str, ...] = (
    "bulk", "scheduled", "realtime", "archive", "tenant", "batch", "delta", "legacy_compat", "preview", "regional",
)
SPINE_SERVICES = ("clock", "id_generator", "feature_flags", "notification", "rate_limiter", "audit_trail",
                  "retry_policy", "cache", "metrics_sink", "event_bus", "tenant_resolver", "pagination")
SPINE_SCHEMAS = ("operation_context", "operation_result", "pagination_types", "error_types", "event_types",
                 "capability_types", "audit_types", "time_window")
SPINE_UTILITIES = ("text_utils", "time_utils", "hashing", "json_codec", "collections_utils", "validation")
SPINE_DRIVERS = ("transaction_coordinator", "outbox_driver", "lock_driver", "job_queue_driver")
MODEL_NOUNS = ("tenant", "incident", "policy", "run", "trace", "metric", "api_key", "connector", "control",
               "member", "evidence", "alert", "budget", "webhook", "report", "span", "subscription", "quota")

# Share of the files per kind; derived from the proportions of a real HOC backend.
SHARES: dict[str, float] = {
    "l5_engine": 0.25, "l6_driver": 0.20, "l5_schema": 0.10, "api": 0.12, "facade": 0.02,
    "handler": 0.08, "coordinator": 0.03, "bridge": 0.03, "spine_service": 0.03,
    "spine_schema": 0.02, "spine_utility": 0.02, "spine_driver": 0.01, "model": 0.06,
}
AVG_FILE_LINES = 350


@dataclass
class Plan:
    """Every module of the tree, planned before any file is rendered (imports need the targets)."""

    modules: list[ModuleSpec] = field(default_factory=list)
    by_kind: dict[str, list[ModuleSpec]] = field(default_factory=dict)
    violations: list[dict[str, object]] = field(default_factory=list)

    def add(self, spec: ModuleSpec) -> ModuleSpec:
        self.modules.append(spec)
        self.by_kind.setdefault(spec.kind, []).append(spec)
        return spec

    def of(self, kind: str, domain: str | None = None) -> list[ModuleSpec]:
        return [m for m in self.by_kind.get(kind, []) if domain is None or m.domain == domain]


def camel(stem: str) -> str:
    return "".join(part.capitalize() for part in stem.split("_") if part)


def unique_stems(nouns: tuple[str, ...], count: int, suffixes: tuple[str, ...], rng: random.Random) -> list[str]:
    """`count` distinct file stems such as `policy_engine`, `bulk_policy_engine`, `policy_facade`."""
    stems: list[str] = []
    seen: set[str] = set()
    round_no = 0
    while len(stems) < count:
        for noun in nouns:
            if len(stems) >= count:
                break
            suffix = suffixes[(round_no + len(stems)) % len(suffixes)] if round_no else suffixes[0]
            qualifier = "" if round_no == 0 else QUALIFIERS[(round_no - 1) % len(QUALIFIERS)] + "_"
            extra = "" if round_no <= len(QUALIFIERS) else f"_{round_no}"
            stem = f"{qualifier}{noun}{extra}_{suffix}"
            if stem not in seen:
                seen.add(stem)
                stems.append(stem)
        round_no += 1
    rng.shuffle(stems)  # so that earlier-indexed files (import targets) are not always the plain nouns
    return stems


def split_counts(total: int, weights: list[float], minimum: int) -> list[int]:
    """Distribute `total` over buckets proportionally to `weights`, each bucket at least `minimum`."""
    wsum = sum(weights)
    counts = [max(minimum, round(total * w / wsum)) for w in weights]
    return counts


def plan_tree(lines: int, seed: int) -> Plan:
    rng = random.Random(f"plan:{seed}")
    n_files = max(60, round(lines / AVG_FILE_LINES))
    counts = {kind: max(1, round(n_files * share)) for kind, share in SHARES.items()}
    domain_weights = [rng.uniform(0.6, 1.4) for _ in DOMAINS]
    plan = Plan()
    base = "app/hoc/cus"

    def add(kind: str, path: str, domain: str | None, noun: str, exports: list[str] | None = None) -> ModuleSpec:
        stem = Path(path).stem
        module = path[:-3].replace("/", ".")
        primary = camel(stem)
        return plan.add(ModuleSpec(path=path, module=module, kind=kind, domain=domain, noun=noun,
                                   primary=primary, exports=exports or [primary]))

    # Legacy and L7 first: everything else may import them.
    add("db", "app/db/base.py", None, "base", ["Base", "metadata_naming"])
    add("db", "app/db/session.py", None, "session", ["get_async_session", "SessionFactory"])
    for i in range(max(4, counts["model"])):
        noun = MODEL_NOUNS[i % len(MODEL_NOUNS)] + ("" if i < len(MODEL_NOUNS) else f"_v{i // len(MODEL_NOUNS) + 1}")
        add("model", f"app/models/{noun}.py", None, noun, [camel(noun), f"{camel(noun)}Status"])

    # hoc_spine lower zones (L5/L6 may use services, schemas, utilities).
    for kind, names, folder in (("spine_utility", SPINE_UTILITIES, "utilities"),
                                ("spine_schema", SPINE_SCHEMAS, "schemas"),
                                ("spine_service", SPINE_SERVICES, "services"),
                                ("spine_driver", SPINE_DRIVERS, "drivers")):
        for i in range(max(len(names) // 2 + 1 if kind == "spine_driver" else 2, counts[kind])):
            name = names[i % len(names)] + ("" if i < len(names) else f"_{i // len(names) + 1}")
            suffix = "_service" if kind == "spine_service" else ""
            exports = ["OperationContext", "OperationResult"] if name == "operation_context" else None
            add(kind, f"{base}/hoc_spine/{folder}/{name}{suffix}.py", None, name, exports)

    # Per-domain L5_schemas, L6_drivers, L5_engines (in this order: each may import the previous).
    for kind, folder, suffixes in (("l5_schema", "L5_schemas", ("schemas", "types", "models")),
                                   ("l6_driver", "L6_drivers", ("driver", "store", "repository")),
                                   ("l5_engine", "L5_engines", ("engine", "facade", "engine"))):
        for domain, count in zip(DOMAINS, split_counts(counts[kind], domain_weights, 1)):
            for stem in unique_stems(NOUNS[domain], count, suffixes, rng):
                noun = stem.rsplit("_", 1)[0]
                exports = None
                if kind == "l5_schema":
                    exports = [f"{camel(noun)}Record", f"{camel(noun)}Filter", f"{camel(noun)}State"]
                add(kind, f"{base}/{domain}/{folder}/{stem}.py", domain, noun, exports)

    # Orchestrator: registry, bridges (>= one per domain), coordinators, handlers.
    add("registry", f"{base}/hoc_spine/orchestrator/operation_registry.py", None, "operation",
        ["OperationRegistry", "get_operation_registry"])
    for i in range(max(len(DOMAINS), counts["bridge"])):
        domain = DOMAINS[i % len(DOMAINS)]
        stem = f"{domain}_bridge" if i < len(DOMAINS) else f"{domain}_{NOUNS[domain][i // len(DOMAINS)]}_bridge"
        add("bridge", f"{base}/hoc_spine/orchestrator/coordinators/bridges/{stem}.py", domain, domain)
    for i in range(max(3, counts["coordinator"])):
        a, b = DOMAINS[i % len(DOMAINS)], DOMAINS[(i * 3 + 1) % len(DOMAINS)]
        if a == b:
            b = DOMAINS[(i + 1) % len(DOMAINS)]
        stem = f"{a}_{b}_coordinator" + ("" if i < len(DOMAINS) else f"_{i // len(DOMAINS)}")
        spec = add("coordinator", f"{base}/hoc_spine/orchestrator/coordinators/{stem}.py", None, a,
                   [camel(stem), f"get_{stem}"])
        spec.extra["pair"] = [a, b]
    for domain, count in zip(DOMAINS, split_counts(counts["handler"], domain_weights, 1)):
        for stem in unique_stems(NOUNS[domain], count, ("handler",), rng):
            # The role glob is `*_handler.py`; the domain prefix keeps names unique across domains.
            spec = add("handler", f"{base}/hoc_spine/orchestrator/handlers/{domain}_{stem}.py", None,
                       stem.rsplit("_", 1)[0])
            spec.extra["op_domain"] = domain

    # L2 APIs and L2.1 facades.
    for domain, count in zip(DOMAINS, split_counts(counts["api"], domain_weights, 1)):
        for stem in unique_stems(NOUNS[domain], count, ("routes", "api"), rng):
            add("api", f"app/hoc/api/cus/{domain}/{stem}.py", domain, stem.rsplit("_", 1)[0],
                ["router", f"{camel(stem)}Deps"])
    for i in range(max(2, counts["facade"])):
        name = DOMAINS[i % len(DOMAINS)] + ("" if i < len(DOMAINS) else f"_{i // len(DOMAINS) + 1}")
        add("facade", f"app/hoc/api/facades/{name}_facade.py", None, name)
    return plan


def pick(rng: random.Random, items: list[ModuleSpec], k: int) -> list[ModuleSpec]:
    return rng.sample(items, min(k, len(items))) if items else []


def earlier(spec: ModuleSpec, items: list[ModuleSpec]) -> list[ModuleSpec]:
    """Same-package import targets planned before `spec`: keeps intra-package imports acyclic."""
    out = []
    for m in items:
        if m is spec:
            break
        out.append(m)
    return out


def plan_imports(plan: Plan, seed: int) -> None:
    """Choose every module's internal imports so that they respect the layering (docs/hoc-pack.md#import-matrix)."""
    for spec in plan.modules:
        rng = random.Random(f"imports:{seed}:{spec.path}")
        choose_imports(plan, spec, rng)


def choose_imports(plan: Plan, spec: ModuleSpec, rng: random.Random) -> None:
    kind, dom = spec.kind, spec.domain
    lower_spine = plan.of("spine_service") + plan.of("spine_schema") + plan.of("spine_utility")
    ctx_schema = plan.of("spine_schema")[0]  # operation_context: OperationContext, OperationResult
    if kind == "model":
        spec.add_import(plan.of("db")[0], ["Base"])
        for m in pick(rng, earlier(spec, plan.of("model")), rng.randint(0, 2)):
            spec.add_import(m, [m.exports[0]])
    elif kind == "spine_schema":
        for m in pick(rng, earlier(spec, plan.of("spine_schema")), rng.randint(0, 2)):
            spec.add_import(m, [m.exports[0]])
        for m in pick(rng, plan.of("spine_utility"), 1):
            spec.add_import(m, [m.exports[0]])
    elif kind == "spine_utility":
        for m in pick(rng, earlier(spec, plan.of("spine_utility")), rng.randint(0, 1)):
            spec.add_import(m, [m.exports[0]])
    elif kind == "spine_service":
        for m in pick(rng, plan.of("spine_schema") + plan.of("spine_utility"), rng.randint(1, 3)):
            spec.add_import(m, [m.exports[0]])
        for m in pick(rng, earlier(spec, plan.of("spine_service")), rng.randint(0, 1)):
            spec.add_import(m, [m.exports[0]])
        for m in pick(rng, plan.of("model"), rng.randint(0, 1)):
            spec.add_import(m, [m.exports[0]], kind="type_checking")
    elif kind == "spine_driver":
        spec.add_import(plan.of("db")[1], ["get_async_session"])
        for m in pick(rng, plan.of("model"), rng.randint(1, 2)) + pick(rng, plan.of("spine_schema"), 1):
            spec.add_import(m, [m.exports[0]])
    elif kind == "l5_schema":
        for m in pick(rng, earlier(spec, plan.of("l5_schema", dom)), rng.randint(0, 2)):
            spec.add_import(m, [m.exports[0]])
        for m in pick(rng, plan.of("spine_schema"), rng.randint(0, 1)):
            spec.add_import(m, [m.exports[0]])
    elif kind == "l6_driver":
        spec.add_import(plan.of("db")[1], ["get_async_session"])
        for m in pick(rng, plan.of("model"), rng.randint(1, 3)):
            spec.add_import(m, [m.exports[0]])
        for m in pick(rng, plan.of("l5_schema", dom), rng.randint(1, 2)):
            spec.add_import(m, m.exports[:2])
        for m in pick(rng, lower_spine, rng.randint(1, 2)):
            spec.add_import(m, [m.exports[0]], kind="lazy" if rng.random() < 0.25 else "module")
        for m in pick(rng, earlier(spec, plan.of("l6_driver", dom)), rng.randint(0, 1)):
            spec.add_import(m, [m.exports[0]], kind="lazy" if rng.random() < 0.3 else "module")
        # Realistic upward type-only reference; every tool ignores TYPE_CHECKING imports here.
        for m in pick(rng, plan.of("l5_engine", dom), 1 if rng.random() < 0.3 else 0):
            spec.add_import(m, [m.exports[0]], kind="type_checking")
    elif kind == "l5_engine":
        for m in pick(rng, plan.of("l6_driver", dom), rng.randint(1, 2)):
            spec.add_import(m, [m.exports[0]], kind="lazy" if rng.random() < 0.2 else "module")
        for m in pick(rng, plan.of("l5_schema", dom), rng.randint(1, 2)):
            spec.add_import(m, m.exports[:2])
        for m in pick(rng, lower_spine, rng.randint(1, 3)):
            spec.add_import(m, [m.exports[0]], kind="lazy" if rng.random() < 0.2 else "module")
        for m in pick(rng, earlier(spec, plan.of("l5_engine", dom)), rng.randint(0, 2)):
            spec.add_import(m, [m.exports[0]], kind="lazy" if rng.random() < 0.35 else "module")
        spec.add_import(ctx_schema, ["OperationContext"], kind="type_checking")
    elif kind == "bridge":
        for m in pick(rng, plan.of("l5_engine", dom), rng.randint(1, 3)):
            spec.add_import(m, [m.exports[0]])
        for m in pick(rng, plan.of("l5_schema", dom), 1):
            spec.add_import(m, [m.exports[0]])
        spec.add_import(ctx_schema, ["OperationContext"])
    elif kind == "coordinator":
        for d in spec.extra["pair"]:
            for m in pick(rng, plan.of("bridge", d), 1):
                spec.add_import(m, [m.exports[0]])
        spec.add_import(ctx_schema, ["OperationContext", "OperationResult"])
    elif kind == "handler":
        choose_handler_imports(plan, spec, rng)
    elif kind == "api":
        spec.add_import(plan.of("registry")[0], ["get_operation_registry"])
        spec.add_import(ctx_schema, ["OperationContext"])
        for m in pick(rng, plan.of("l5_schema", dom), rng.randint(1, 2)):
            spec.add_import(m, m.exports[:2])
        for m in pick(rng, plan.of("spine_service"), rng.randint(0, 2)):
            spec.add_import(m, [m.exports[0]], kind="lazy" if rng.random() < 0.3 else "module")
    elif kind == "facade":
        for m in pick(rng, plan.of("api"), rng.randint(2, 5)):
            spec.add_import(m, ["router"], alias=f"{m.domain}_{Path(m.path).stem}_router")
    elif kind == "registry":
        spec.add_import(ctx_schema, ["OperationContext", "OperationResult"])


def choose_handler_imports(plan: Plan, spec: ModuleSpec, rng: random.Random) -> None:
    own = spec.extra["op_domain"]
    ctx_schema = plan.of("spine_schema")[0]
    spec.add_import(ctx_schema, ["OperationContext", "OperationResult"])
    spec.add_import(plan.of("registry")[0], ["OperationRegistry"])
    spec.add_import(plan.of("spine_driver")[0], [plan.of("spine_driver")[0].exports[0]])
    for m in pick(rng, plan.of("l5_engine", own), rng.randint(1, 3)):
        spec.add_import(m, [m.exports[0]])
    for m in pick(rng, plan.of("l5_engine", own), 1):
        spec.add_import(m, [m.exports[0]], kind="lazy")
    others = [d for d in DOMAINS if d != own]
    for d in rng.sample(others, rng.choice((0, 0, 1, 1, 2))):
        for m in pick(rng, plan.of("l5_engine", d), 1):
            spec.add_import(m, [m.exports[0]])
    if rng.random() < 0.35:
        for m in pick(rng, plan.of("coordinator"), 1):
            spec.add_import(m, [m.exports[1]])  # the get_*_coordinator factory
    for m in pick(rng, plan.of("model"), rng.randint(0, 1)):
        spec.add_import(m, [m.exports[0]])


def handler_reach(plan: Plan, spec: ModuleSpec) -> list[str]:
    """Domains the handler's operations reach (docs/rules.md#lam302), so declarations match exactly.

    Module-level and lazy imports count, TYPE_CHECKING ones do not; coordinators and bridges
    (the pack's `follow_roles`) are followed transitively through their whole-module reach.
    """
    by_module = {m.module: m for m in plan.modules}
    reached: set[str] = set()
    seen: set[str] = set()
    stack = [spec]
    while stack:
        cur = stack.pop()
        for imp in cur.imports:
            if imp.kind == "type_checking":
                continue
            target = by_module[imp.target]
            if target.kind in ("l5_engine", "l5_schema", "l6_driver", "api") and target.domain:
                reached.add(target.domain)
            if target.kind in ("coordinator", "bridge") and target.module not in seen:
                seen.add(target.module)
                stack.append(target)
    reached.discard(spec.extra["op_domain"])
    return sorted(reached)


def plan_operations(plan: Plan, seed: int) -> None:
    """Name each handler's operations (unique, own-domain) and declare their cross-domain deps."""
    verbs = ("list", "get", "create", "update", "evaluate", "archive", "export", "sync", "recompute", "preview")
    taken: set[str] = set()
    for spec in plan.of("handler"):
        rng = random.Random(f"ops:{seed}:{spec.path}")
        own = spec.extra["op_domain"]
        deps = handler_reach(plan, spec)
        ops: list[str] = []
        for verb in rng.sample(verbs, rng.randint(2, 4)):
            name = f"{own}.{verb}_{spec.noun}"
            n = 2
            while name in taken:
                name, n = f"{own}.{verb}_{spec.noun}_{n}", n + 1
            taken.add(name)
            ops.append(name)
        spec.extra["ops"] = ops
        spec.extra["deps"] = deps
    by_domain: dict[str, list[str]] = {}
    for spec in plan.of("handler"):
        by_domain.setdefault(spec.extra["op_domain"], []).extend(spec.extra["ops"])
    for spec in plan.of("api"):
        rng = random.Random(f"exec:{seed}:{spec.path}")
        own_ops = by_domain.get(spec.domain or "", [])
        spec.extra["ops"] = rng.sample(own_ops, min(len(own_ops), rng.randint(2, 4)))


def plan_violations(plan: Plan) -> None:
    """A fixed handful of deliberate violations, identical at every size.

    `tools` lists the configurations that must report each one: `layers` (lamina-layers.yaml, LAM101),
    `full` (the HOC pack, with the code it reports), `import-linter`, `tach`.
    """
    d = DOMAINS
    every = ["layers", "import-linter", "tach"]

    def note(spec: ModuleSpec, what: str, tools: list[str], full_code: str | None) -> None:
        plan.violations.append({"path": f"backend/{spec.path}", "what": what,
                                "tools": tools + ([f"full:{full_code}"] if full_code else [])})

    src, tgt = plan.of("l5_engine", d[0])[-1], plan.of("l6_driver", d[1])[0]
    src.add_import(tgt, [tgt.exports[0]], kind="lazy")
    note(src, f"L5 engine lazily imports another domain's L6 driver {tgt.module}", every, "LAM101")

    src, tgt = plan.of("l6_driver", d[2])[-1], plan.of("l5_engine", d[2])[0]
    src.add_import(tgt, [tgt.exports[0]])
    note(src, f"L6 driver imports an L5 engine of its own domain {tgt.module} (Law 1)", every, "LAM101")

    src, tgt = plan.of("l5_engine", d[3])[-1], plan.of("coordinator")[0]
    src.add_import(tgt, [tgt.exports[1]], kind="lazy")
    note(src, f"L5 engine imports the orchestrator coordinator {tgt.module}", every, "LAM201")

    src, tgt = plan.of("api", d[4])[-1], plan.of("l6_driver", d[4])[0]
    src.add_import(tgt, [tgt.exports[0]])
    note(src, f"L2 API bypasses L4 and imports the L6 driver {tgt.module}", every, "LAM101")

    src, tgt = plan.of("model")[-1], plan.of("l5_schema", d[5])[0]
    src.add_import(tgt, [tgt.exports[0]])
    note(src, f"L7 model imports the L5 schema {tgt.module}", every, "LAM101")

    flags = (("handler", 0, "reflective_dispatch", "LAM202", "handler dispatches through getattr(self, name)()"),
             ("handler", 1, "missing_deps", "LAM301", "registration without cross_domain_deps"),
             ("handler", 2, "coroutine_probe", "LAM203", "asyncio.iscoroutinefunction in L4"),
             ("coordinator", 0, "commit", "LAM401", "coordinator commits outside the transaction owners"),
             ("bridge", 0, "oversized", "LAM307", "bridge class has 7 public methods (max 5)"),
             ("l6_driver", 0, "header_claims_l5", "LAM104", "L6 driver header claims layer L5 (warning)"))
    for kind, index, flag, code, what in flags:
        spec = plan.of(kind)[index]
        spec.flags.add(flag)
        note(spec, what, [], code)


def write_tree(plan: Plan, out: Path, seed: int) -> tuple[int, int]:
    """Render every module and `__init__.py`; return (files, lines) of the tree."""
    backend = out / "backend"
    namespace_dirs = namespace_directories(plan)
    package_dirs = sorted({str(Path(m.path).parent) for m in plan.modules})
    all_dirs = sorted({p for d in package_dirs for p in ancestors(d)})
    files = lines = 0
    for d in all_dirs:
        if d in namespace_dirs:
            continue
        text = f'"""{d.replace("/", ".")} package."""\n'
        write(backend / d / "__init__.py", text)
        files, lines = files + 1, lines + text.count("\n")
    for spec in plan.modules:
        rng = random.Random(f"code:{seed}:{spec.path}")
        text = render_module(spec, Planned(rng=rng))
        write(backend / spec.path, text)
        files, lines = files + 1, lines + text.count("\n")
    return files, lines


def namespace_directories(plan: Plan) -> set[str]:
    """Directories left without `__init__.py` (~20% of all).

    They sit at the top of the tree (`app`, `app/hoc`, `app/hoc/cus`, the domain folders, `app/hoc/api`,
    `app/hoc/api/cus`) because import-linter's grimp silently drops a namespace directory nested in a
    regular package; below these, every package is regular so that all tools see the same files.
    """
    dirs = {"app", "app/hoc", "app/hoc/cus", "app/hoc/api", "app/hoc/api/cus"}
    dirs.update(f"app/hoc/cus/{d}" for d in DOMAINS)
    return dirs


def ancestors(directory: str) -> list[str]:
    parts = directory.split("/")
    return ["/".join(parts[: i + 1]) for i in range(len(parts))]


# A fixed, old mtime (2024-01-01T00:00:00Z) for every generated file: reproducible trees, and no
# tool mistakes a just-generated file for one edited during its previous run (mtime-based caches).
FIXED_MTIME = 1704067200


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    os.utime(path, (FIXED_MTIME, FIXED_MTIME))


def change_target(plan: Plan) -> str:
    """The L5 file that one-file-changed runs append to: a clean engine of a mid-size domain."""
    flagged = {v["path"] for v in plan.violations}
    for spec in plan.of("l5_engine", DOMAINS[6]):
        if f"backend/{spec.path}" not in flagged:
            return f"backend/{spec.path}"
    return f"backend/{plan.of('l5_engine')[0].path}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lines", type=int, required=True, help="approximate total lines of Python")
    parser.add_argument("--out", type=Path, required=True, help="output directory (replaced if it exists)")
    parser.add_argument("--seed", type=int, default=20240607)
    args = parser.parse_args(argv)
    if args.out.exists():
        if not (args.out / "bench-corpus.json").exists():
            print(f"refusing to replace {args.out}: it is not a generated corpus", file=sys.stderr)
            return 2
        shutil.rmtree(args.out)
    plan = plan_tree(args.lines, args.seed)
    plan_imports(plan, args.seed)
    plan_violations(plan)
    plan_operations(plan, args.seed)
    files, lines = write_tree(plan, args.out, args.seed)
    write_configs(args.out, DOMAINS)
    for config in ("pyproject.toml", "lamina-layers.yaml", ".importlinter", "tach.toml"):
        os.utime(args.out / config, (FIXED_MTIME, FIXED_MTIME))
    manifest = {
        "name": f"hoc-synthetic-{args.lines}",
        "kind": "hoc",
        "seed": args.seed,
        "requested_lines": args.lines,
        "files": files,
        "lines": lines,
        "source_root": "backend",
        "change_file": change_target(plan),
        "lamina_layers_config": "lamina-layers.yaml",
        "lamina_full": True,
        "deliberate_violations": plan.violations,
    }
    write(args.out / "bench-corpus.json", json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    print(f"wrote {files} files, {lines} lines to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
