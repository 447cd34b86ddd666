"""The fallback parse in a child process, so that nothing in a source file can kill the run.

libcst's native parser can crash the interpreter (a segmentation fault on deep nesting, a
Rust panic) or run for minutes on long operator chains. ``lamina.parsing.fallback.refusal``
keeps the known cases away from it; whatever gets past that check is parsed here, in a
child process that has ``FALLBACK_BUDGET_SECONDS`` to send back the encoded facts. A child
that dies becomes "the fallback parser crashed on this file", one that runs out of time
"the fallback parse exceeded the 10 s budget": both SYNTAX_ERROR facts (``LAM001``) that
are cached like any other parse failure. Only files that need the fallback pay for the
process (a bare fork on Linux, so libcst is imported once per parent).
"""

from __future__ import annotations

import faulthandler
import gc
import os
import select
import signal
import sys
import time
import traceback
import warnings
from collections.abc import Callable
from typing import Any

from lamina.cache.facts_codec import decode_facts, encode_facts
from lamina.extract.lifeline import die_with_parent, preload
from lamina.model.facts import ModuleFacts, ParseProblem
from lamina.model.source import ParseStatus
from lamina.parsing.fallback import load_parser

# Seconds a fallback parse may take, process start included. Files past the pre-check
# parse in well under a second; the budget only has to outlast a loaded machine.
FALLBACK_BUDGET_SECONDS = 10.0
_FACTS = b"F"  # the message carries encoded facts
_ERROR = b"E"  # the message carries the traceback of an exception in lamina itself
_CRASHED = "the fallback parser crashed on this file"
# ``lamina.extract.fallback_facts``, passed in by its caller (importing it here would tie
# the package and this module in an import cycle).
FallbackParse = Callable[[str, ParseProblem], ModuleFacts]


def _message(text: str, problem: ParseProblem, parse: FallbackParse) -> bytes:
    try:
        return _FACTS + encode_facts(parse(text, problem))
    except Exception:  # a bug in lamina, not in the file: the parent re-raises it
        return _ERROR + traceback.format_exc().encode("utf-8", errors="replace")


def _start_child() -> None:
    # A short-lived child needs no cyclic collector, which would touch (and so copy) every
    # page of the heap it shares with its parent.
    gc.disable()
    die_with_parent()
    # An expected crash is reported as a finding; a traceback dump on stderr would be noise.
    faulthandler.disable()


def _run_forked(text: str, problem: ParseProblem, budget: float, parse: FallbackParse) -> bytes | str:
    """The child's message, or why there is none: a bare fork (a millisecond or two,
    where a multiprocessing process costs several) that writes its message to a pipe."""
    # Imports done here once rather than in every child.
    load_parser()
    preload()
    import lamina.extract.cst_visitor  # noqa: F401
    read_end, write_end = os.pipe()
    with warnings.catch_warnings():
        # Python 3.12+ warns about fork() in a process with threads; the child only parses.
        warnings.simplefilter("ignore", DeprecationWarning)
        pid = os.fork()
    if pid == 0:  # the child, which never returns
        status = 1
        try:
            os.close(read_end)
            _start_child()
            data = memoryview(_message(text, problem, parse))
            while data:
                data = data[os.write(write_end, data) :]
            status = 0
        finally:
            os._exit(status)  # no atexit handlers, no flush of the parent's buffers
    os.close(write_end)
    chunks: list[bytes] = []
    deadline = time.monotonic() + budget
    timed_out = False
    readable = select.poll()  # not select.select, which fails on descriptors past 1023
    readable.register(read_end, select.POLLIN)
    try:
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not readable.poll(max(remaining * 1000, 1)):
                timed_out = True
                break
            chunk = os.read(read_end, 1 << 16)
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(read_end)
        try:
            os.kill(pid, signal.SIGKILL)  # a no-op on a child that already exited
        except ProcessLookupError:
            pass
        status = os.waitpid(pid, 0)[1]
    if timed_out:
        return _over_budget(budget)
    return b"".join(chunks) if status == 0 else _CRASHED


def _spawned_child(text: str, problem: ParseProblem, writer: Any, parse: FallbackParse) -> None:
    _start_child()
    writer.send_bytes(_message(text, problem, parse))
    writer.close()


def _run_spawned(text: str, problem: ParseProblem, budget: float, parse: FallbackParse) -> bytes | str:
    """``_run_forked`` where fork is unavailable or unsafe: a multiprocessing child."""
    import multiprocessing

    context = multiprocessing.get_context("spawn")
    reader, writer = context.Pipe(duplex=False)
    process = context.Process(target=_spawned_child, args=(text, problem, writer, parse), name="lamina-fallback-parse")
    try:
        process.start()
        writer.close()  # so that the child's death reads as end of file here
        if not reader.poll(budget):
            return _over_budget(budget)
        try:
            return reader.recv_bytes()
        except (EOFError, OSError):
            return _CRASHED
    finally:
        reader.close()
        if process.pid is not None:
            process.kill()  # a no-op on a child that already exited
            process.join()


def _over_budget(budget: float) -> str:
    return f"the fallback parse exceeded the {budget:g} s budget"


def isolated_fallback(text: str, problem: ParseProblem, parse: FallbackParse) -> ModuleFacts:
    """``parse`` (``fallback_facts``) run in a child process under ``FALLBACK_BUDGET_SECONDS``."""
    # Read at call time so that tests can shorten the budget.
    run = _run_forked if sys.platform.startswith("linux") else _run_spawned
    outcome = run(text, problem, FALLBACK_BUDGET_SECONDS, parse)
    if isinstance(outcome, str):
        failed = problem._replace(message=f"{problem.message}; {outcome}")
        return ModuleFacts.failed(ParseStatus.SYNTAX_ERROR, failed)
    if outcome.startswith(_ERROR):
        raise RuntimeError("fallback extraction failed in the child process:\n" + outcome[1:].decode("utf-8"))
    return decode_facts(outcome[1:])
