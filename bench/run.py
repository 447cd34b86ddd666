#!/usr/bin/env python3
"""Side-by-side speed benchmark: lamina vs import-linter vs tach on the same corpus.

    python bench/run.py --synthetic 100k                 # generate a 100k-line HOC corpus and compare
    python bench/run.py --synthetic 100k,250k,500k --django --runs 7 --json results.json
    python bench/run.py --lines 100k,250k,500k           # scaling: lamina cold/warm per size
    python bench/run.py --differential 200 --synthetic 20k  # cache correctness: bench/differential.py

Machines are shared and noisy, so the tools are compared by ratios measured in one run, with the
commands interleaved round-robin (every tool once per state per round, the order rotating each round)
instead of grouped: a slow minute hits all tools alike.

States:
  cold     the tool's cache is deleted before the run (the OS page cache stays warm);
  warm     nothing changed since the tool's previous run;
  changed  one L5 file (the manifest's `change_file`) gets a comment line appended before the run,
           the tool's cache being warm for the tree as it was.

Exit code 1 (violations found) is a successful run; any other non-zero exit marks the command FAILED
and it is skipped for the rest of that corpus. Wall time is `time.perf_counter` around
`subprocess.run`; peak RSS comes from one extra run per command and state under `/usr/bin/time -v`.
Standard library only.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent
STATES = ("cold", "warm", "changed")
TOOLS = ("lamina-layers", "lamina-full", "lamina-layers+baseline", "lamina-full+baseline", "import-linter", "tach")
# The adopter's setup ("Adopt on an existing codebase" in the README): the same configuration
# with a baseline of every current finding, written once by `lamina baseline` before timing.
BASELINE_CONFIGS = {
    "lamina-layers+baseline": ("lamina-layers-baseline.toml", '["lamina-layers.yaml"]'),
    "lamina-full+baseline": ("lamina-full-baseline.toml", '["builtin:hoc"]'),
}
BASELINE = "import-linter"
OK_EXIT_CODES = (0, 1)
GNU_TIME = "/usr/bin/time"


@dataclass
class Corpus:
    root: Path
    manifest: dict

    @property
    def name(self) -> str:
        return str(self.manifest["name"])


@dataclass
class Tool:
    """One benchmarked command, its cache locations and its run history for one corpus."""

    name: str
    argv: list[str]
    env: dict[str, str]
    cache_paths: list[Path]
    synced_version: int = -1          # tree version the tool's cache reflects (-1: unknown)
    failure: str | None = None


@dataclass
class Measurement:
    tool: str
    state: str
    times: list[float] = field(default_factory=list)
    exit_codes: list[int] = field(default_factory=list)
    primes: int = 0                   # untimed runs needed to bring the cache up to date
    rss_kb: int | None = None
    failure: str | None = None

    def stats(self) -> dict[str, float] | None:
        if not self.times:
            return None
        return {"median": statistics.median(self.times), "min": min(self.times), "max": max(self.times)}


@dataclass
class Tree:
    """Counts modifications of the corpus so that 'warm' can be guaranteed per tool."""

    corpus: Corpus
    version: int = 0

    def touch_change_file(self) -> None:
        path = self.corpus.root / self.corpus.manifest["change_file"]
        with path.open("a", encoding="utf-8") as fh:
            fh.write(f"# bench: edit {self.version + 1}\n")
        self.version += 1


# ---------------------------------------------------------------------------------------------
# Executables and corpora


def find_executable(explicit: str | None, name: str) -> str | None:
    """Explicit option, else the bench venv, else PATH: the venv first keeps runs reproducible."""
    if explicit:
        # Absolute, because every command runs with the corpus root as its working directory.
        return str(Path(explicit).resolve()) if Path(explicit).exists() else shutil.which(explicit)
    venv = BENCH / ".work" / "venv" / "bin" / name
    if venv.exists():
        return str(venv)
    return shutil.which(name)


def parse_size(text: str) -> int:
    text = text.strip().lower()
    if text.endswith("k"):
        return int(float(text[:-1]) * 1000)
    if text.endswith("m"):
        return int(float(text[:-1]) * 1_000_000)
    return int(text)


def load_corpus(root: Path) -> Corpus:
    manifest = json.loads((root / "bench-corpus.json").read_text(encoding="utf-8"))
    return Corpus(root=root.resolve(), manifest=manifest)


def generate_synthetic(lines: int, work: Path) -> Corpus:
    """(Re)generate: deterministic and fast, and it resets the lines appended by earlier runs."""
    out = work / f"hoc-{lines}"
    subprocess.run([sys.executable, str(BENCH / "gen_hoc.py"), "--lines", str(lines), "--out", str(out)],
                   check=True)
    return load_corpus(out)


def prepare_django(work: Path, version: str | None) -> Corpus:
    argv = [sys.executable, str(BENCH / "django_corpus.py"), "--work", str(work)]
    if version:
        argv += ["--version", version]
    subprocess.run(argv, check=True)
    from django_corpus import DEFAULT_VERSION  # same directory; only for the folder name
    return load_corpus(work / f"django-{version or DEFAULT_VERSION}")


def build_tools(corpus: Corpus, exes: dict[str, str | None], wanted: list[str], cache_root: Path) -> list[Tool]:
    """Command lines per tool. Caches live outside the corpus so that no tool ever analyzes another's."""
    root, m = corpus.root, corpus.manifest
    base_env = dict(os.environ)
    # Every tool runs as a user would run it: with the interpreter's bytecode cache on (some
    # sandboxes set this variable; with it, each start recompiles every imported module).
    base_env.pop("PYTHONDONTWRITEBYTECODE", None)
    tools: list[Tool] = []
    cache = cache_root / corpus.name
    for name in wanted:
        env = dict(base_env)
        if name.startswith("lamina"):
            if name.startswith("lamina-full") and not m.get("lamina_full"):
                continue
            exe = exes["lamina"]
            cdir = cache / name
            argv = [exe or "lamina", "check", "--cache-dir", str(cdir)]
            if name == "lamina-layers":
                argv[2:2] = ["--config", str(m["lamina_layers_config"])]
            if name in BASELINE_CONFIGS:
                config = write_baseline_config(corpus, name, exe)
                argv[2:2] = ["--config", str(config)]
            tool = Tool(name, argv, env, [cdir, root / ".lamina_cache"])
        elif name == "import-linter":
            exe = exes["lint-imports"]
            cdir = cache / name
            # import-linter needs the root package importable: the source root goes on PYTHONPATH.
            env["PYTHONPATH"] = str(root / m["source_root"])
            argv = [exe or "lint-imports", "--no-logo", "--cache-dir", str(cdir)]
            tool = Tool(name, argv, env, [cdir, root / ".import_linter_cache"])
        elif name == "tach":
            exe = exes["tach"]
            # `tach check` keeps no cache of its own (its computation cache serves `tach test`).
            tool = Tool(name, [exe or "tach", "check"], env, [root / ".tach"])
        else:
            raise SystemExit(f"unknown tool {name!r}; choose from {', '.join(TOOLS)}")
        if exe is None:
            tool.failure = "executable not found"
        tools.append(tool)
    return tools


def write_baseline_config(corpus: Corpus, name: str, exe: str | None) -> Path:
    """A configuration with its own baseline holding every current finding (made once)."""
    filename, packs = BASELINE_CONFIGS[name]
    config = corpus.root / filename
    baseline = filename.replace(".toml", ".json")
    source_root = corpus.manifest["source_root"]
    config.write_text(f'[tool.lamina]\npacks = {packs}\nroots = ["{source_root}"]\nbaseline = "{baseline}"\n',
                      encoding="utf-8")
    if exe is not None and not (corpus.root / baseline).exists():
        subprocess.run([exe, "baseline", "--config", str(config)], cwd=corpus.root, capture_output=True, check=False)
    return config


# ---------------------------------------------------------------------------------------------
# Running


def run_once(tool: Tool, cwd: Path, timeout: float, wrap_time: bool = False) -> tuple[float, int, str, str]:
    argv = ([GNU_TIME, "-v"] if wrap_time else []) + tool.argv
    start = time.perf_counter()
    try:
        proc = subprocess.run(argv, cwd=cwd, env=tool.env, capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return time.perf_counter() - start, -9, "", f"timed out after {timeout:.0f}s"
    except OSError as exc:
        return time.perf_counter() - start, -2, "", str(exc)
    elapsed = time.perf_counter() - start
    return elapsed, proc.returncode, proc.stdout.decode("utf-8", "replace"), proc.stderr.decode("utf-8", "replace")


def clear_cache(tool: Tool) -> None:
    tool.synced_version = -1
    for path in tool.cache_paths:
        if path.is_dir():
            shutil.rmtree(path)
        elif path.exists():
            path.unlink()


def prepare_state(tool: Tool, state: str, tree: Tree, cwd: Path, timeout: float, m: Measurement) -> bool:
    """Put the tool's cache and the tree into `state`; False when a priming run failed."""
    if state == "cold":
        clear_cache(tool)
        return True
    # Every edit the harness makes touches the same change_file, so a cache built for any earlier
    # version still differs from the tree by that one file: 'changed' only needs a populated cache,
    # 'warm' needs one built for exactly this version.
    stale = tool.synced_version < 0 if state == "changed" else tool.synced_version != tree.version
    if stale:
        # One untimed run brings the tool's cache up to date.
        _, rc, _, err = run_once(tool, cwd, timeout)
        m.primes += 1
        if crashed(rc, err):
            tool.failure = describe_failure(rc, err)
            return False
        tool.synced_version = tree.version
    if state == "changed":
        tree.touch_change_file()
    return True


def crashed(rc: int, stderr: str) -> bool:
    """A run that did not finish normally. Exit 1 means 'violations found' for every tool, but an
    uncaught Python exception also exits 1, so a traceback on stderr counts as a crash."""
    return rc not in OK_EXIT_CODES or "Traceback (most recent call last)" in stderr


def describe_failure(rc: int, stderr: str) -> str:
    tail = [line for line in stderr.strip().splitlines() if line.strip()][-2:]
    # No '|': the text lands in a markdown table cell.
    return (f"exit {rc}: " + " / ".join(line.strip() for line in tail))[:300].replace("|", "/")


def save_log(log_dir: Path, tool: Tool, state: str, rc: int, out: str, err: str) -> None:
    """Keep the latest output per command and state, to compare what the tools reported."""
    log_dir.mkdir(parents=True, exist_ok=True)
    (log_dir / f"{tool.name}-{state}.txt").write_text(
        f"$ {' '.join(tool.argv)}\n# exit {rc}\n{out}\n--- stderr ---\n{err}", encoding="utf-8")


def bench_corpus(corpus: Corpus, tools: list[Tool], states: list[str], runs: int, timeout: float,
                 rss: bool, log_dir: Path) -> list[Measurement]:
    tree = Tree(corpus)
    results = {(t.name, s): Measurement(t.name, s, failure=t.failure) for t in tools for s in states}
    for r in range(runs):
        order = tools[r % len(tools):] + tools[: r % len(tools)]  # rotate who goes first
        for state in states:
            for tool in order:
                m = results[(tool.name, state)]
                if tool.failure:
                    m.failure = m.failure or tool.failure
                    continue
                if not prepare_state(tool, state, tree, corpus.root, timeout, m):
                    m.failure = tool.failure
                    continue
                elapsed, rc, out, err = run_once(tool, corpus.root, timeout)
                if crashed(rc, err):
                    tool.failure = m.failure = describe_failure(rc, err)
                    save_log(log_dir, tool, state, rc, out, err)
                    continue
                tool.synced_version = tree.version
                m.times.append(elapsed)
                m.exit_codes.append(rc)
                if r == runs - 1:
                    save_log(log_dir, tool, state, rc, out, err)
        print(f"  round {r + 1}/{runs} done", file=sys.stderr)
    if rss:
        measure_rss(tools, states, tree, corpus.root, timeout, results)
    return [results[(t.name, s)] for t in tools for s in states]


def measure_rss(tools: list[Tool], states: list[str], tree: Tree, cwd: Path, timeout: float,
                results: dict[tuple[str, str], Measurement]) -> None:
    """One extra run per command and state under GNU time; separate so time's overhead never
    enters the wall-time samples. For multi-process tools this is the largest single process."""
    if not Path(GNU_TIME).exists():
        print(f"  {GNU_TIME} not found (apt-get install time): peak RSS not measured", file=sys.stderr)
        return
    for state in states:
        for tool in tools:
            m = results[(tool.name, state)]
            if tool.failure or not prepare_state(tool, state, tree, cwd, timeout, Measurement(tool.name, state)):
                continue
            _, rc, _, err = run_once(tool, cwd, timeout, wrap_time=True)
            tool.synced_version = tree.version
            found = re.search(r"Maximum resident set size \(kbytes\): (\d+)", err)
            if not crashed(rc, err) and found:
                m.rss_kb = int(found.group(1))


# ---------------------------------------------------------------------------------------------
# Reporting


def fmt(value: float | None, digits: int = 3) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def markdown_table(corpus: Corpus, measurements: list[Measurement]) -> str:
    base = {m.state: m.stats() for m in measurements if m.tool == BASELINE}
    m0 = corpus.manifest
    lines = [f"### {corpus.name} — {m0.get('lines', '?')} lines, {m0.get('files', '?')} files", "",
             "| command | state | median s | min s | max s | ratio vs import-linter | peak RSS MB | runs | exit |",
             "|---|---|---:|---:|---:|---:|---:|---:|---:|"]
    for m in measurements:
        st = m.stats()
        if st is None:
            lines.append(f"| {m.tool} | {m.state} | FAILED | | | | | | {m.failure or 'no runs'} |")
            continue
        b = base.get(m.state)
        ratio = f"{st['median'] / b['median']:.2f}×" if b else "—"
        rss = fmt(m.rss_kb / 1024, 0) if m.rss_kb else "—"
        runs = f"{len(m.times)}" + (f" (+{m.primes} priming)" if m.primes else "")
        lines.append(f"| {m.tool} | {m.state} | {fmt(st['median'])} | {fmt(st['min'])} | {fmt(st['max'])} "
                     f"| {ratio} | {rss} | {runs} | {','.join(map(str, sorted(set(m.exit_codes))))} |")
    return "\n".join(lines)


def scaling_table(rows: list[tuple[Corpus, list[Measurement]]]) -> str:
    keys = sorted({(m.tool, m.state) for _, ms in rows for m in ms}, key=lambda k: (k[0], STATES.index(k[1])))
    head = "| lines | files | " + " | ".join(f"{t} {s} s" for t, s in keys) + " | " + \
        " | ".join(f"{t} {s} s/100k lines" for t, s in keys if s == "cold") + " |"
    sep = "|" + "---:|" * (2 + len(keys) + sum(1 for _, s in keys if s == "cold"))
    out = [head, sep]
    for corpus, ms in rows:
        by = {(m.tool, m.state): m.stats() for m in ms}
        lines = int(corpus.manifest.get("lines", 0)) or 1
        cells = [fmt(by[k]["median"]) if by.get(k) else "FAILED" for k in keys]
        per = [fmt(by[k]["median"] * 100_000 / lines) if by.get(k) else "—" for k in keys if k[1] == "cold"]
        out.append(f"| {lines} | {corpus.manifest.get('files', '?')} | " + " | ".join(cells + per) + " |")
    return "\n".join(out)


def tool_version(exe: str | None, flag: str = "--version") -> str:
    if not exe:
        return "not found"
    try:
        proc = subprocess.run([exe, flag], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"unavailable ({exc})"
    text = proc.stdout.decode("utf-8", "replace").strip().splitlines()
    return text[-1][:80] if proc.returncode == 0 and text else f"unavailable (exit {proc.returncode})"


def machine_info(exes: dict[str, str | None]) -> dict[str, str]:
    cpu = ""
    try:
        cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo", encoding="utf-8")
                    if line.startswith("model name")), "")
    except OSError:
        pass
    mem = ""
    try:
        kb = int(next(line.split()[1] for line in open("/proc/meminfo", encoding="utf-8")
                      if line.startswith("MemTotal")))
        mem = f"{kb / 1024 / 1024:.1f} GiB"
    except (OSError, StopIteration, ValueError):
        pass
    return {
        "nproc": str(len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()),
        "cpu": cpu, "memory": mem, "python": platform.python_version(), "platform": platform.platform(),
        "lamina": tool_version(exes["lamina"]), "import-linter": tool_version(exes["lint-imports"]),
        "tach": tool_version(exes["tach"]),
    }


def machine_line(info: dict[str, str]) -> str:
    return (f"Machine: nproc={info['nproc']}, {info['cpu'] or 'cpu ?'}, {info['memory'] or 'mem ?'}, "
            f"Python {info['python']}, {info['platform']}; lamina {info['lamina']}, "
            f"import-linter {info['import-linter']}, tach {info['tach']}")


# ---------------------------------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter,
                                epilog=__doc__.split("\n\n", 1)[1])
    p.add_argument("--synthetic", default="", help="comma-separated sizes in lines, e.g. 100k,250k,500k")
    p.add_argument("--django", action="store_true", help="also benchmark Django (bench/django_corpus.py)")
    p.add_argument("--django-version", default=None, help="Django version (default: django_corpus.py's pin)")
    p.add_argument("--corpus", action="append", default=[], type=Path,
                   help="an already prepared corpus directory (with bench-corpus.json); repeatable")
    p.add_argument("--runs", type=int, default=7, help="timed runs per command and state (default 7)")
    p.add_argument("--tools", default=",".join(TOOLS), help=f"subset of {','.join(TOOLS)}")
    p.add_argument("--states", default=",".join(STATES), help=f"subset of {','.join(STATES)}")
    p.add_argument("--scaling", action="store_true",
                   help="lamina cold/warm per --synthetic size (tools default to lamina-layers,lamina-full)")
    p.add_argument("--lines", default="", metavar="SIZES",
                   help="scaling mode over these sizes: same as --scaling --synthetic SIZES")
    p.add_argument("--work", type=Path, default=BENCH / ".work", help="corpora, caches, logs (bench/.work)")
    p.add_argument("--lamina", help="lamina executable (default: bench venv, then PATH)")
    p.add_argument("--lint-imports", dest="lint_imports", help="lint-imports executable")
    p.add_argument("--tach", help="tach executable")
    p.add_argument("--timeout", type=float, default=900.0, help="seconds per run before it counts as failed")
    p.add_argument("--no-rss", action="store_true", help="skip the /usr/bin/time -v peak-RSS runs")
    p.add_argument("--json", type=Path, help="also write all samples and summaries to this JSON file")
    p.add_argument("--differential", type=int, default=0, metavar="N",
                   help="instead of timing: apply N random edits to a synthetic corpus (first --synthetic size, "
                        "default 20k) and compare cached vs --no-cache output (bench/differential.py); exit 1 on "
                        "any mismatch")
    args = p.parse_args(argv)
    if args.lines:
        args.scaling = True
        args.synthetic = ",".join(filter(None, [args.synthetic, args.lines]))
    if args.scaling and args.tools == ",".join(TOOLS):
        args.tools = "lamina-layers,lamina-full"
    if args.scaling and args.states == ",".join(STATES):
        args.states = "cold,warm"
    return args


def run_differential(args: argparse.Namespace) -> int:
    import differential  # same directory

    size = next((s.strip() for s in args.synthetic.split(",") if s.strip()), "20k")
    argv = ["--edits", str(args.differential), "--lines", size, "--work", str(args.work)]
    lamina = find_executable(args.lamina, "lamina")
    if lamina:
        argv += ["--lamina", lamina]
    return differential.main(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    sys.path.insert(0, str(BENCH))
    if args.differential:
        return run_differential(args)
    work = args.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    exes = {"lamina": find_executable(args.lamina, "lamina"),
            "lint-imports": find_executable(args.lint_imports, "lint-imports"),
            "tach": find_executable(args.tach, "tach")}
    wanted = [t.strip() for t in args.tools.split(",") if t.strip()]
    states = [s.strip() for s in args.states.split(",") if s.strip()]
    if bad := [s for s in states if s not in STATES]:
        raise SystemExit(f"unknown state(s) {bad}; choose from {', '.join(STATES)}")
    corpora: list[Corpus] = []
    for size in [s for s in args.synthetic.split(",") if s.strip()]:
        corpora.append(generate_synthetic(parse_size(size), work))
    if args.django:
        corpora.append(prepare_django(work, args.django_version))
    corpora += [load_corpus(c) for c in args.corpus]
    if not corpora:
        raise SystemExit("nothing to benchmark: pass --synthetic SIZES, --django or --corpus DIR")

    info = machine_info(exes)
    report: dict = {"machine": info, "runs": args.runs, "corpora": []}
    tables: list[str] = []
    scaling_rows: list[tuple[Corpus, list[Measurement]]] = []
    for corpus in corpora:
        print(f"benchmarking {corpus.name} ({corpus.manifest.get('lines')} lines)", file=sys.stderr)
        tools = build_tools(corpus, exes, wanted, work / "cache")
        ms = bench_corpus(corpus, tools, states, args.runs, args.timeout, not args.no_rss,
                          work / "logs" / corpus.name)
        tables.append(markdown_table(corpus, ms))
        scaling_rows.append((corpus, ms))
        report["corpora"].append({"name": corpus.name, "root": str(corpus.root),
                                  "lines": corpus.manifest.get("lines"), "files": corpus.manifest.get("files"),
                                  "commands": {t.name: t.argv for t in tools},
                                  "measurements": [asdict(m) | {"stats": m.stats()} for m in ms]})
    print()
    print(machine_line(info))
    print()
    if args.scaling:
        print(scaling_table(scaling_rows))
        print()
    print("\n\n".join(tables))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    for corpus, ms in scaling_rows:
        # The synthetic corpora contain deliberate violations: exit 0 means a tool missed them all
        # (except with a baseline, whose whole point is that known findings pass).
        if corpus.manifest.get("deliberate_violations"):
            for m in ms:
                if 0 in m.exit_codes and m.tool not in BASELINE_CONFIGS:
                    print(f"warning: {m.tool} ({m.state}) exited 0 on {corpus.name}, which has deliberate "
                          "violations", file=sys.stderr)
    failures = {(c.name, m.tool): m.failure for c, ms in scaling_rows for m in ms if m.failure}
    for (corpus_name, tool_name), failure in sorted(failures.items()):
        print(f"note: {tool_name} on {corpus_name} FAILED: {failure}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
