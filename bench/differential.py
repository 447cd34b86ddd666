#!/usr/bin/env python3
"""Differential cache check on a synthetic HOC corpus: N random edits, cached vs --no-cache.

    python bench/differential.py --edits 200                 # 20k-line corpus, seed 1
    python bench/differential.py --edits 500 --lines 100k --seed 7 --lamina .venv/bin/lamina
    python bench/run.py --differential 200                   # the same, from the bench harness

Generates a corpus with gen_hoc.py, configures the full bundled HOC pack (plus a small local
pack whose rules, options and severities the edits change), writes a baseline with
`lamina baseline`, then applies N seeded random edits - imports (module-level, lazy,
TYPE_CHECKING), operation registrations, commits, added/deleted/renamed files and packages,
headers, suppressions, baseline and pack changes, touches, same-size edits with the old mtime
restored - and after each one compares `lamina check --format json` (warm cache) with
`lamina check --format json --no-cache`, byte for byte, exit codes included, through the
installed executable. The edits are those of the test suite (tests/core/differential_edits.py).

Every mismatch is printed with its edit and a diff; the cache is then cleared so that the
next edits are judged on their own. Exit 0 when every run matched, 1 on any mismatch, 2 on a
usage error. Standard library only.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent / "tests" / "core"))

from differential_edits import HOC_PACK, EditableProject, Mismatch, Run, Runner, differential  # noqa: E402


def parse_size(text: str) -> int:
    text = text.strip().lower()
    if text.endswith("k"):
        return int(float(text[:-1]) * 1000)
    return int(text)


def find_lamina(explicit: str | None) -> str | None:
    """Explicit option, else the repository's .venv, else PATH."""
    if explicit:
        return str(Path(explicit).resolve()) if Path(explicit).exists() else shutil.which(explicit)
    venv = BENCH.parent / ".venv" / "bin" / "lamina"
    return str(venv) if venv.exists() else shutil.which("lamina")


def subprocess_runner(lamina: str, timeout: float) -> Runner:
    def run(root: Path, args: Sequence[str]) -> Run:
        try:
            done = subprocess.run([lamina, *args], cwd=root, capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            return Run(-1, "", f"timed out after {timeout} s")
        return Run(done.returncode, done.stdout, done.stderr)

    return run


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--edits", type=int, default=200, help="random edits to apply (default 200)")
    p.add_argument("--lines", default="20k", help="corpus size in lines for gen_hoc.py (default 20k)")
    p.add_argument("--seed", type=int, default=1, help="seed of the edit sequence (default 1)")
    p.add_argument("--lamina", help="lamina executable (default: the repository's .venv, then PATH)")
    p.add_argument("--work", type=Path, default=BENCH / ".work", help="where the corpus goes (bench/.work)")
    p.add_argument("--timeout", type=float, default=300.0, help="seconds per lamina run")
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    lamina = find_lamina(args.lamina)
    if lamina is None:
        print("no lamina executable found; pass --lamina", file=sys.stderr)
        return 2
    lines = parse_size(args.lines)
    root = args.work.resolve() / f"differential-{lines}"
    subprocess.run([sys.executable, str(BENCH / "gen_hoc.py"), "--lines", str(lines), "--out", str(root)], check=True)
    run = subprocess_runner(lamina, args.timeout)
    project = EditableProject(root, "backend", HOC_PACK, run, random.Random(args.seed))
    project.setup()
    made = run(root, ["baseline"])
    if made.exit_code != 0:
        print(f"lamina baseline failed (exit {made.exit_code}):\n{made.stderr}", file=sys.stderr)
        return 1
    project.stamp(project.baseline)
    mismatches: list[Mismatch] = []

    def report(found: Mismatch) -> None:
        mismatches.append(found)
        what = str(found).split("\n\nseed ", 1)[0]  # the replay hint is printed once, at the end
        print(f"MISMATCH {what}\n", flush=True)
        shutil.rmtree(root / ".lamina_cache", ignore_errors=True)  # judge the next edits on their own

    started = time.perf_counter()
    log = differential(project, args.edits, args.seed, keep_going=report)
    elapsed = time.perf_counter() - started
    edited = [s for s in log if s.number > 0]
    small = sum(1 for s in edited if s.parsed is not None and s.parsed <= 2)
    summary = {"corpus": str(root), "files": len(project.py_files()), "seed": args.seed, "edits": len(edited),
               "mismatches": len(mismatches), "cached_runs_parsing_at_most_2_files": small,
               "seconds": round(elapsed, 1)}  # fmt: skip
    if mismatches:
        print("edit sequence (replay with the same --seed, --lines and --edits):")
        for step in log:
            print(f"  {step.number:4d}. {step.edit}")
    print(json.dumps(summary, indent=2))
    return 1 if mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
