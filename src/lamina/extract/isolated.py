"""The fallback parse in a child process, so that nothing in a source file can kill the run.

libcst's native parser can crash the interpreter (a segmentation fault on deep nesting, a
Rust panic) or run for minutes on long operator chains. ``lamina.parsing.fallback.refusal``
keeps the known cases away from it; whatever gets past that check is parsed here, in a
child process that has ``FALLBACK_BUDGET_SECONDS`` to send back the encoded facts. A child
that dies becomes "the fallback parser crashed on this file", one that runs out of time
"the fallback parse exceeded the 10 s budget": both SYNTAX_ERROR facts (``LAM001``) that
are cached like any other parse failure. Only files that need the fallback pay for the
process (a fork on Linux, so libcst is imported once per parent).
"""

from __future__ import annotations

import faulthandler
import sys
import traceback
import warnings
from typing import Any

from lamina.cache.facts_codec import decode_facts, encode_facts
from lamina.extract import fallback_facts
from lamina.extract.lifeline import die_with_parent
from lamina.extract.positions import line_count
from lamina.model.facts import ModuleFacts, ParseProblem
from lamina.model.source import ParseStatus
from lamina.parsing.fallback import load_parser

# Seconds a fallback parse may take, process start included. Files past the pre-check
# parse in well under a second; the budget only has to outlast a loaded machine.
FALLBACK_BUDGET_SECONDS = 10.0
_FACTS = b"F"  # the message carries encoded facts
_ERROR = b"E"  # the message carries the traceback of an exception in lamina itself


def _child(text: str, problem: ParseProblem, writer: Any) -> None:
    die_with_parent()
    # An expected crash is reported as a finding; a traceback dump on stderr would be noise.
    faulthandler.disable()
    try:
        message = _FACTS + encode_facts(fallback_facts(text, problem))
    except Exception:  # a bug in lamina, not in the file: the parent re-raises it
        message = _ERROR + traceback.format_exc().encode("utf-8", errors="replace")
    writer.send_bytes(message)
    writer.close()


def _context() -> Any:
    import multiprocessing

    if sys.platform.startswith("linux"):
        load_parser()  # forked children inherit it
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _run(text: str, problem: ParseProblem, budget: float) -> bytes | str:
    """The child's message, or why there is none."""
    context = _context()
    reader, writer = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(text, problem, writer), name="lamina-fallback-parse")
    try:
        with warnings.catch_warnings():
            # Python 3.12+ warns about fork() in a process with threads; the child only parses.
            warnings.simplefilter("ignore", DeprecationWarning)
            process.start()
        writer.close()  # so that the child's death reads as end of file here
        if not reader.poll(budget):
            process.kill()
            return f"the fallback parse exceeded the {budget:g} s budget"
        try:
            return reader.recv_bytes()
        except (EOFError, OSError):
            return "the fallback parser crashed on this file"
    finally:
        reader.close()
        if process.pid is not None:
            process.join(budget)  # it exits right after sending, or is already dead
            if process.is_alive():
                process.kill()
                process.join()


def isolated_fallback(text: str, problem: ParseProblem) -> ModuleFacts:
    """``fallback_facts`` run in a child process under ``FALLBACK_BUDGET_SECONDS``."""
    # Read at call time so that tests can shorten the budget.
    outcome = _run(text, problem, FALLBACK_BUDGET_SECONDS)
    if isinstance(outcome, str):
        failed = problem._replace(message=f"{problem.message}; {outcome}")
        return ModuleFacts.failed(ParseStatus.SYNTAX_ERROR, failed, line_count(text))
    if outcome.startswith(_ERROR):
        raise RuntimeError("fallback extraction failed in the child process:\n" + outcome[1:].decode("utf-8"))
    return decode_facts(outcome[1:])
