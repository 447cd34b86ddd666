"""``ModuleFacts`` ⇄ bytes, the form the facts cache stores and workers send (docs/architecture.md#engine-and-caches).

The fact records are ``NamedTuple``s, which ``msgspec`` encodes as MessagePack arrays and decodes
straight back into the same types, validating every field on the way in C: a value of the wrong
type, an unknown enum value, a truncated or garbled payload all raise ``ValueError`` (and nothing
else), so a corrupt or planted cache entry is a miss. Decoding never executes anything.
Measured against the hand-written JSON codec it replaced (``bench/README.md``, "Facts codec"): the
facts of a 500k-line codebase decode about 1.7× faster (interning included), encode about 4.5× faster
and take 30% fewer bytes.

Payload: a one-byte format tag, the length of the core part (4 bytes, big-endian), the core part
(status, header, imports, suppressions, bindings, and a digest of the code part), then the code part
(calls, assigns, functions, classes, lambdas, bindings, name uses - most of the bytes). The core
is decoded at once; the code part is checked against its digest and decoded only when a rule
reads it. Facts extracted without code
have an empty code part and a null digest.

MessagePack strings are UTF-8, which cannot hold the lone surrogates of a module named after an
undecodable file name or of a string literal such as ``"\\udcff"``: such facts (rare) are stored as
JSON with ``surrogatepass`` under their own tag and validated by ``msgspec.convert``.
"""

from __future__ import annotations

import hashlib
import json
from itertools import islice, repeat
from sys import intern as _intern
from typing import Any, NamedTuple

import msgspec

from lamina.model.facts import (
    FACTS_SCHEMA_VERSION,
    ArgFact,
    AssignFact,
    BindingFact,
    CallFact,
    CodeFacts,
    FunctionFact,
    HeaderField,
    ImportedName,
    ImportFact,
    ModuleFacts,
    NameUse,
    ParamFact,
    ParseProblem,
    SuppressionComment,
)
from lamina.model.source import ParseStatus

_MSGPACK = b"M"
_JSON = b"J"  # facts holding lone surrogates (see above)
_LENGTH = 4

_new_record = tuple.__new__  # builds a NamedTuple from a tuple of its fields, in C


class _Core(NamedTuple):
    """Everything of ``ModuleFacts`` but the code facts, led by the schema version."""

    version: int
    status: ParseStatus
    problem: ParseProblem | None
    docstring: str | None
    header: tuple[HeaderField, ...]
    imports: tuple[ImportFact, ...]
    suppressions: tuple[SuppressionComment, ...]
    module_bindings: tuple[str, ...]
    trivial_init: bool
    code_digest: str | None  # None: extracted without code


_ENCODER = msgspec.msgpack.Encoder()
_CORE_DECODER = msgspec.msgpack.Decoder(_Core)
_CODE_DECODER = msgspec.msgpack.Decoder(CodeFacts)


def _code_digest(code: bytes) -> str:
    return hashlib.blake2b(code, digest_size=8).hexdigest()


def _core(facts: ModuleFacts, digest: str | None) -> _Core:
    return _Core(FACTS_SCHEMA_VERSION, facts.status, facts.problem, facts.docstring, facts.header, facts.imports,
                 facts.suppressions, facts.module_bindings, facts.trivial_init, digest)  # fmt: skip


def _frame(tag: bytes, core: bytes, code: bytes) -> bytes:
    return tag + len(core).to_bytes(_LENGTH, "big") + core + code


def _json_bytes(value: object) -> bytes:
    # ``json.loads`` of bytes decodes with the same ``surrogatepass`` handler: lone surrogates read back unchanged.
    return json.dumps(msgspec.to_builtins(value), separators=(",", ":"), ensure_ascii=False).encode(
        "utf-8", "surrogatepass"
    )


def encode_facts(facts: ModuleFacts) -> bytes:
    """The cache/transfer form of ``facts`` (see above); the same facts always give the same bytes."""
    try:
        code = _ENCODER.encode(facts.code) if facts.has_code else b""
        core = _ENCODER.encode(_core(facts, _code_digest(code) if facts.has_code else None))
        return _frame(_MSGPACK, core, code)
    except UnicodeEncodeError:
        code = _json_bytes(facts.code) if facts.has_code else b""
        core = _json_bytes(_core(facts, _code_digest(code) if facts.has_code else None))
        return _frame(_JSON, core, code)


def _decode_part(tag: bytes, raw: bytes, kind: type[Any], decoder: msgspec.msgpack.Decoder[Any]) -> Any:
    if tag == _MSGPACK:
        return decoder.decode(raw)
    try:
        return msgspec.convert(json.loads(raw), kind)
    except (TypeError, KeyError, IndexError, AttributeError, RecursionError) as exc:
        raise ValueError(f"malformed facts entry: {exc!r}") from None


def decode_facts(raw: bytes) -> ModuleFacts:
    """Decode ``encode_facts`` output; ``ValueError`` for anything malformed in the core or a
    code part that does not match its digest (a truncated or edited entry)."""
    tag = raw[:1]
    if tag != _MSGPACK and tag != _JSON:
        raise ValueError("not a facts entry")
    size = int.from_bytes(raw[1 : 1 + _LENGTH], "big")
    start = 1 + _LENGTH
    if len(raw) < start + size:
        raise ValueError("truncated facts entry")
    core: _Core = _decode_part(tag, raw[start : start + size], _Core, _CORE_DECODER)
    if core.version != FACTS_SCHEMA_VERSION:
        raise ValueError(f"facts schema {core.version}, expected {FACTS_SCHEMA_VERSION}")
    code = raw[start + size :]
    without_code = core.code_digest is None
    if without_code:
        if code:
            raise ValueError("facts without code followed by a code part")
    elif core.code_digest != _code_digest(code):
        raise ValueError("code part does not match its digest")
    return ModuleFacts(
        status=core.status,
        problem=core.problem,
        docstring=core.docstring,
        header=tuple([_new_record(HeaderField, (_intern(h.key), _intern(h.value), h.line)) for h in core.header]),
        imports=_shared_imports(core.imports) if core.imports else (),
        suppressions=core.suppressions,
        module_bindings=tuple(map(_intern, core.module_bindings)),
        trivial_init=core.trivial_init,
        code_loader=None if without_code else lambda: _decode_code(tag, code),
        without_code=without_code,
    )


def _decode_code(tag: bytes, raw: bytes) -> CodeFacts:
    try:
        return _shared(_decode_part(tag, raw, CodeFacts, _CODE_DECODER))
    except ValueError as exc:
        # The digest matched, so only a deliberately crafted entry gets here.
        raise ValueError(f"cache entry with a valid digest but malformed code facts: {exc}") from None


def _opt_interned(values: tuple[str | None, ...]) -> list[str | None]:
    return [None if value is None else _intern(value) for value in values]


def _shared(code: CodeFacts) -> CodeFacts:
    """``code`` with its names interned and equal argument lists shared, after checking the
    indexes between facts.

    A large codebase has hundreds of thousands of calls whose callee texts, enclosing symbols and
    parameter names repeat: one object each nearly doubled the memory the decoded facts hold
    (measured with ``bench/codec.py``: 155 MB instead of 86 MB for 500k lines). The records are
    transposed to columns and rebuilt with C-level ``zip`` and ``map``, which costs less than
    decoding them.
    """
    calls, assigns, functions, classes, lambdas, bindings, uses = code
    count = len(calls)
    if calls:
        (text, qualname, symbol, line, column, end_line, end_column, awaited, args, keywords, callee, decorator_of,
         star, star_kwargs, method) = zip(*calls)  # fmt: skip
        _check_indexes(callee, count, "callee")
        shared_args: dict[tuple[ArgFact, ...], tuple[ArgFact, ...]] = {}
        rows = zip(_opt_interned(text), _opt_interned(qualname), map(_intern, symbol), line, column, end_line,
                   end_column, awaited, map(shared_args.setdefault, args, args), keywords, callee, decorator_of, star,
                   star_kwargs, _opt_interned(method))  # fmt: skip
        calls = tuple(map(_new_record, repeat(CallFact), rows))
    if assigns:
        name, call, symbol, line, source = zip(*assigns)
        _check_indexes(call, count, "assignment call")
        rows = zip(map(_intern, name), call, map(_intern, symbol), line, _opt_interned(source))
        assigns = tuple(map(_new_record, repeat(AssignFact), rows))
    if functions:
        functions = _shared_functions(functions)
    if lambdas:
        lambdas = _shared_functions(lambdas)
    if bindings:
        target, kind, value, symbol, line, call = zip(*bindings)
        _check_indexes(call, count, "binding call")
        rows = zip(map(_intern, target), kind, map(_intern, value), map(_intern, symbol), line, call)
        bindings = tuple(map(_new_record, repeat(BindingFact), rows))
    if uses:
        uses = tuple(
            [
                _new_record(NameUse, (_intern(use.symbol), tuple(map(_intern, use.names)), use.counts))
                for use in uses
            ]
        )
    return _new_record(CodeFacts, (calls, assigns, functions, classes, lambdas, bindings, uses))


def _check_indexes(indexes: tuple[int | None, ...], count: int, what: str) -> None:
    used = {index for index in indexes if index is not None}
    if used and (min(used) < 0 or max(used) >= count):
        raise ValueError(f"{what} index out of range")


def _shared_imports(imports: tuple[ImportFact, ...]) -> tuple[ImportFact, ...]:
    """``imports`` with their module names, symbols and imported names interned (see ``_shared``)."""
    names = [name for fact in imports for name in fact.names]
    if names:
        name, alias = zip(*names)
        names = list(map(_new_record, repeat(ImportedName), zip(map(_intern, name), _opt_interned(alias))))
    grouped = iter(names)
    module, level, imported, alias, kind, origin, guarded, symbol, line, column, end_line, end_column, package = zip(
        *imports
    )
    rows = zip(map(_intern, module), level, [tuple(islice(grouped, len(n))) for n in imported], _opt_interned(alias),
               kind, origin, guarded, map(_intern, symbol), line, column, end_line, end_column,
               _opt_interned(package))  # fmt: skip
    return tuple(map(_new_record, repeat(ImportFact), rows))


def _shared_functions(functions: tuple[FunctionFact, ...]) -> tuple[FunctionFact, ...]:
    """``functions`` with their names, parameter names and annotations interned (see ``_shared``)."""
    params = [param for function in functions for param in function.params]
    if params:
        name, kind, annotation, position, line, column = zip(*params)
        rows = zip(map(_intern, name), kind, _opt_interned(annotation), position, line, column)
        params = list(map(_new_record, repeat(ParamFact), rows))
    grouped = iter(params)
    qualname, name, line, column, end_line, is_async, in_class_body, own_params, decorators, nested = zip(*functions)
    rows = zip(map(_intern, qualname), map(_intern, name), line, column, end_line, is_async, in_class_body,
               [tuple(islice(grouped, len(p))) for p in own_params], decorators, nested)  # fmt: skip
    return tuple(map(_new_record, repeat(FunctionFact), rows))
