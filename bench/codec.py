#!/usr/bin/env python3
"""Facts codec benchmark: encode / decode time, encoded size and decoded memory of candidate codecs.

    python bench/codec.py --lines 500000              # generate bench/.work/codec-500000 and measure
    python bench/codec.py --corpus DIR --rounds 7     # measure an existing corpus

Facts of every file of the corpus are extracted once (``extract_facts(data, with_code=True)``); then every
candidate encodes all of them and decodes all of them back, calls and definitions included (``.code`` is
forced), round-robin per round with the order rotating, so that a slow moment on a shared machine hits all
candidates alike. Reported: medians over the rounds and ratios to the first candidate, the total encoded
size, and (one extra, untimed pass under ``tracemalloc``) the memory held by the decoded facts of the whole
corpus and the peak while decoding.

Candidates:
  lamina          the shipped codec (``lamina.cache.facts_codec``)
  msgspec-json    ``msgspec.json`` straight into the fact ``NamedTuple``s (no interning, no sharing)
  msgspec-msgpack ``msgspec.msgpack`` straight into the fact ``NamedTuple``s (no interning, no sharing)
  pickle          reference only: ``pickle`` of the records (never for a cache: it executes its input)

Standard library besides the candidates (``msgspec``).
"""

from __future__ import annotations

import argparse
import gc
import pickle
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))


from lamina.cache import facts_codec  # noqa: E402
from lamina.extract import extract_facts  # noqa: E402
from lamina.model.facts import (  # noqa: E402
    CodeFacts,
    HeaderField,
    ImportFact,
    ModuleFacts,
    ParseProblem,
    SuppressionComment,
)
from lamina.model.source import ParseStatus  # noqa: E402


class Candidate(NamedTuple):
    name: str
    encode: Callable[[ModuleFacts], bytes]
    decode: Callable[[bytes], object]  # everything decoded, code facts included
    decode_core: Callable[[bytes], object] | None = None  # without the lazily decoded code facts


def _full(decode: Callable[[bytes], ModuleFacts]) -> Callable[[bytes], object]:
    def run(raw: bytes) -> object:
        facts = decode(raw)
        facts.code  # noqa: B018 - forces the lazily decoded calls and definitions
        return facts

    return run


class _Core(NamedTuple):
    status: ParseStatus
    problem: ParseProblem | None
    docstring: str | None
    header: tuple[HeaderField, ...]
    imports: tuple[ImportFact, ...]
    suppressions: tuple[SuppressionComment, ...]
    module_bindings: tuple[str, ...]
    trivial_init: bool


def _msgspec(module: Any) -> Candidate:
    encoder = module.Encoder()

    def encode(facts: ModuleFacts) -> bytes:
        core = _Core(facts.status, facts.problem, facts.docstring, facts.header, facts.imports, facts.suppressions,
                     facts.module_bindings, facts.trivial_init)  # fmt: skip
        return encoder.encode((core, facts.code))

    def decode(raw: bytes) -> object:
        # One document here (the lazily split form costs the same per byte); the split is the codec's business.
        core, code = module.decode(raw, type=tuple[_Core, CodeFacts])
        return ModuleFacts(status=core.status, problem=core.problem, docstring=core.docstring, header=core.header,
                           imports=core.imports, calls=code.calls, assigns=code.assigns, functions=code.functions,
                           classes=code.classes, suppressions=core.suppressions, module_bindings=core.module_bindings,
                           trivial_init=core.trivial_init)  # fmt: skip

    return Candidate(f"msgspec-{module.__name__.rsplit('.', 1)[-1]}", encode, decode)


def _pickle() -> Candidate:
    def encode(facts: ModuleFacts) -> bytes:
        return pickle.dumps((facts.status, facts.problem, facts.docstring, facts.header, facts.imports, facts.code,
                             facts.suppressions, facts.module_bindings, facts.trivial_init),
                            protocol=pickle.HIGHEST_PROTOCOL)  # fmt: skip

    return Candidate("pickle", encode, pickle.loads)


def candidates() -> list[Candidate]:
    found = [
        Candidate("lamina", facts_codec.encode_facts, _full(facts_codec.decode_facts), facts_codec.decode_facts),
    ]
    try:
        import msgspec
    except ImportError:
        print("msgspec is not installed: its candidates are skipped", file=sys.stderr)
    else:
        found += [_msgspec(msgspec.json), _msgspec(msgspec.msgpack)]
    return [*found, _pickle()]


def corpus_files(args: argparse.Namespace) -> list[Path]:
    root: Path = args.corpus
    if root is None:
        root = BENCH / ".work" / f"codec-{args.lines}"
        if not (root / "bench-corpus.json").exists():
            subprocess.run([sys.executable, str(BENCH / "gen_hoc.py"), "--lines", str(args.lines), "--out", str(root)],
                           check=True)  # fmt: skip
    return sorted(root.rglob("*.py"))


def _timed(action: Callable[[], object]) -> float:
    # The collector is paused like in lamina's own decoding loop (``collect._gc_paused``): hundreds of
    # thousands of new tuples would otherwise trigger full collections that dwarf the decoding itself.
    gc.collect()
    gc.disable()
    try:
        start = time.perf_counter()
        action()
        return time.perf_counter() - start
    finally:
        gc.enable()


def _memory(decode: Callable[[bytes], object], payloads: list[bytes]) -> tuple[int, int]:
    """Bytes held by the decoded facts of the corpus, and the peak while decoding them."""
    gc.collect()
    tracemalloc.start()
    try:
        decoded = [decode(raw) for raw in payloads]
        held, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    del decoded
    return held, peak


def _median(values: list[float]) -> float:
    return statistics.median(values)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lines", type=int, default=500_000, help="size of the generated corpus (default 500000)")
    parser.add_argument("--corpus", type=Path, default=None, help="measure this corpus instead of generating one")
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--only", default="", help="comma-separated candidate names")
    args = parser.parse_args(argv)

    files = corpus_files(args)
    sources = [path.read_bytes() for path in files]
    facts = [extract_facts(data, with_code=True) for data in sources]
    calls = sum(len(f.calls) for f in facts)
    lines = sum(data.count(b"\n") for data in sources)
    print(f"{len(files)} files, {lines} lines, {calls} call facts")
    chosen = [c for c in candidates() if not args.only or c.name in args.only.split(",")]

    payloads = {c.name: [c.encode(f) for f in facts] for c in chosen}
    for c in chosen:  # every candidate must round-trip the corpus before it is timed
        if c.name != "pickle":
            decoded = [c.decode(raw) for raw in payloads[c.name]]
            assert decoded == facts, f"{c.name} does not round-trip"
            assert [c.encode(f) for f in facts] == payloads[c.name], f"{c.name} is not deterministic"
    del decoded

    encode_times: dict[str, list[float]] = {c.name: [] for c in chosen}
    decode_times: dict[str, list[float]] = {c.name: [] for c in chosen}
    core_times: dict[str, list[float]] = {c.name: [] for c in chosen}
    for round_number in range(args.rounds):
        shift = round_number % len(chosen)
        for c in chosen[shift:] + chosen[:shift]:
            encode_times[c.name].append(_timed(lambda c=c: [c.encode(f) for f in facts]))
            raws = payloads[c.name]
            decode_times[c.name].append(_timed(lambda c=c, raws=raws: [c.decode(raw) for raw in raws]))
            if c.decode_core is not None:
                core = c.decode_core
                core_times[c.name].append(_timed(lambda core=core, raws=raws: [core(raw) for raw in raws]))
    memory = {c.name: _memory(c.decode, payloads[c.name]) for c in chosen}

    base = chosen[0].name
    enc0, dec0 = _median(encode_times[base]), _median(decode_times[base])
    print(f"\nmedians of {args.rounds} interleaved rounds; ratios are candidate / {base} (lower is better)\n")
    print("| candidate | encode s | × | decode s (full) | × | decode s (core only) | size MB | × | held MB | peak MB |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    size0 = sum(map(len, payloads[base]))
    for c in chosen:
        enc, dec = _median(encode_times[c.name]), _median(decode_times[c.name])
        size = sum(map(len, payloads[c.name]))
        held, peak = memory[c.name]
        core_only = f"{_median(core_times[c.name]):.3f}" if core_times[c.name] else "—"
        print(f"| {c.name} | {enc:.3f} | {enc / enc0:.2f} | {dec:.3f} | {dec / dec0:.2f} | {core_only} | "
              f"{size / 1e6:.1f} | {size / size0:.2f} | {held / 1e6:.1f} | {peak / 1e6:.1f} |")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
