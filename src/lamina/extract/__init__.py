"""Floor 3: facts of one module, a pure function of its bytes (docs/architecture.md#facts).

``extract_facts`` never raises for any input: undecodable and unparsable files become
facts with a status and a problem. Text-level facts (header, suppression comments, line
count) do not depend on the parser, so they are the same under the fallback.
"""

from __future__ import annotations

import ast
import unicodedata

from lamina.extract.comments import MARKER, suppression_comments
from lamina.extract.definitions import is_trivial, module_docstring
from lamina.extract.headers import header_block_end, header_fields
from lamina.extract.name_uses import ast_name_uses, call_assigned
from lamina.extract.positions import SourceLines, lines_containing, normalize_newlines
from lamina.extract.recorder import Extracted, Recorder
from lamina.extract.visitor import AstWalker
from lamina.model.facts import ModuleFacts, ParseProblem
from lamina.model.source import ParseStatus
from lamina.parsing import ParseFailure, decode_source, parse_fallback, parse_source
from lamina.parsing.fallback import refusal

__all__ = ["extract_facts", "fallback_facts", "parser_crashed"]


# Text that makes a statements-only walk incomplete: dynamic imports are calls, ``:=`` binds
# module-level names inside expressions, and suppression findings are attributed to the
# enclosing definition.
_NEEDS_FULL_WALK = ("import_module", "__import__", ":=", MARKER)


def _needs_full_walk(text: str, ascii_only: bool) -> bool:
    if not ascii_only:
        # Identifiers are NFKC-normalized by the parser, so test the spelling it will see.
        text = unicodedata.normalize("NFKC", text)
    return any(marker in text for marker in _NEEDS_FULL_WALK)


def _from_ast(tree: ast.Module, text: str, lines: SourceLines, with_code: bool) -> tuple[Extracted, str | None, bool]:
    recorder = Recorder()
    walker = AstWalker(lines, recorder)
    if not with_code:
        walker.walk_statements(tree, lines_containing(text, "import"))
        return recorder.finish(), module_docstring(tree), is_trivial(tree.body)
    walker.walk(tree)
    extracted = recorder.finish()
    extracted = extracted._replace(
        uses=ast_name_uses(tree, extracted.module_bindings, call_assigned(extracted.assigns))
    )
    return extracted, module_docstring(tree), is_trivial(tree.body)


def _from_fallback(text: str, lines: SourceLines) -> tuple[Extracted, str | None, bool] | None:
    """Facts from libcst's tree, or None when libcst rejects the text too."""
    module = parse_fallback(text)
    if module is None:
        return None
    from lamina.extract.cst_visitor import extract_cst  # loads libcst: fallback files only

    return extract_cst(module, lines)


def _assemble(
    status: ParseStatus,
    problem: ParseProblem | None,
    parts: tuple[Extracted, str | None, bool],
    text: str,
    lines: SourceLines,
    with_code: bool = True,
) -> ModuleFacts:
    extracted, docstring, trivial = parts
    block_end = header_block_end(lines.lines)
    return ModuleFacts(
        status=status,
        problem=problem,
        docstring=docstring,
        header=header_fields(lines.lines, block_end),
        imports=extracted.imports,
        calls=extracted.calls,
        assigns=extracted.assigns,
        functions=extracted.functions,
        classes=extracted.classes,
        lambdas=extracted.lambdas,
        bindings=extracted.bindings,
        uses=extracted.uses,
        suppressions=suppression_comments(text, lines.lines, block_end),
        module_bindings=extracted.module_bindings,
        trivial_init=trivial,
        without_code=not with_code,
    )


def _with_reason(problem: ParseProblem, reason: str) -> ParseProblem:
    return problem._replace(message=f"{problem.message}; {reason}")


def fallback_facts(text: str, problem: ParseProblem) -> ModuleFacts:
    """Facts from the fallback parser, in this process: FALLBACK with the ``ast`` error
    ``problem``, or SYNTAX_ERROR when libcst rejects ``text`` too or runs out of stack or
    memory. ``text`` has normalized newlines. Only ``lamina.extract.isolated`` calls this
    outside of tests: libcst can crash the interpreter."""
    lines = SourceLines(text)
    try:
        parts = _from_fallback(text, lines)
    except RecursionError:  # libcst's recursive passes give up on very deep nesting
        problem, parts = _with_reason(problem, "the fallback parser ran out of stack"), None
    except MemoryError:
        problem, parts = _with_reason(problem, "the fallback parser ran out of memory"), None
    if parts is None:
        return ModuleFacts.failed(ParseStatus.SYNTAX_ERROR, problem)
    return _assemble(ParseStatus.FALLBACK, problem, parts, text, lines)


def parser_crashed(data: bytes, detail: str) -> ModuleFacts:
    """The facts of a file whose parse killed the process doing it (``LAM001``)."""
    del data  # the crash is the fact; nothing else of the file is known
    problem = ParseProblem(f"the parser crashed on this file ({detail})", 1, 1)
    return ModuleFacts.failed(ParseStatus.SYNTAX_ERROR, problem)


def extract_facts(data: bytes, with_code: bool = True) -> ModuleFacts:
    """All facts of one file's bytes: status OK (``ast``), FALLBACK (libcst's tree, with
    the ``ast`` error as ``problem``), SYNTAX_ERROR or UNDECODABLE.

    ``with_code=False`` may leave out calls and definitions (``ModuleFacts.has_code``):
    the walk then visits statements only, a fraction of the nodes. Every other fact is
    the same either way.

    The fallback parser runs in a child process under a time budget (see
    ``lamina.extract.isolated``), after a pre-check that keeps texts it cannot survive away
    from it: a crash, a hang or a refusal is a SYNTAX_ERROR whose message says which."""
    decoded = decode_source(data)
    if isinstance(decoded, ParseProblem):
        return ModuleFacts.failed(ParseStatus.UNDECODABLE, decoded)
    text = normalize_newlines(decoded)
    lines = SourceLines(text)
    parsed = parse_source(text)
    if not isinstance(parsed, ParseFailure):
        full = with_code or _needs_full_walk(text, lines.ascii)
        try:
            return _assemble(ParseStatus.OK, None, _from_ast(parsed, text, lines, full), text, lines, full)
        except (RecursionError, MemoryError):
            problem = ParseProblem("source too complex to analyze", 1, 1)
            return ModuleFacts.failed(ParseStatus.SYNTAX_ERROR, problem)
    if not parsed.retry:
        return ModuleFacts.failed(ParseStatus.SYNTAX_ERROR, parsed.problem)
    reason = refusal(text)
    if reason is not None:
        return ModuleFacts.failed(ParseStatus.SYNTAX_ERROR, _with_reason(parsed.problem, reason))
    from lamina.extract.isolated import isolated_fallback  # fallback files only

    return isolated_fallback(text, parsed.problem, fallback_facts)
