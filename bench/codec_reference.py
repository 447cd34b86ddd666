"""The hand-written facts codec of facts schema 3 (stdlib ``json``), kept as the baseline of
``bench/codec.py``; lamina itself uses ``lamina.cache.facts_codec``.

Original description: ``ModuleFacts`` ⇄ plain JSON-compatible data (ARCHITECTURE.md section 5).

Positional lists rather than objects keep entries small and fast to load; enums are
stored as their values. The first element is ``FACTS_SCHEMA_VERSION``. Decoding is
strict: any entry that does not have exactly the expected shape and types raises
``ValueError`` (and nothing else), so a corrupt or planted cache entry is a miss.
"""

from __future__ import annotations

import hashlib
import json
from sys import intern as _intern

_new_record = tuple.__new__  # builds a NamedTuple from a tuple of its fields, in C
from enum import Enum
from types import MappingProxyType
from typing import Any, Mapping, TypeVar

from lamina.model.facts import (
    FACTS_SCHEMA_VERSION,
    ArgFact,
    ArgKind,
    AssignFact,
    CallFact,
    CodeFacts,
    ClassFact,
    FunctionFact,
    HeaderField,
    ImportedName,
    ImportFact,
    ImportKind,
    ImportOrigin,
    KeywordArgFact,
    ModuleFacts,
    ParamFact,
    ParamKind,
    ParseProblem,
    SuppressionComment,
)
from lamina.model.source import ParseStatus

E = TypeVar("E", bound=Enum)


def _table(enum: type[E]) -> Mapping[Any, E]:
    return MappingProxyType({member.value: member for member in enum})


_STATUS = _table(ParseStatus)
_IMPORT_KIND = _table(ImportKind)
_ORIGIN = _table(ImportOrigin)
_ARG_KIND = _table(ArgKind)
_PARAM_KIND = _table(ParamKind)


# -- encoding -------------------------------------------------------------------------


def _arg(arg: ArgFact) -> list[Any]:
    if arg.values:
        return [arg.kind.value, arg.value, list(arg.values)]
    if arg.value is not None:
        return [arg.kind.value, arg.value]
    return [arg.kind.value]


def _import(i: ImportFact) -> list[Any]:
    names = [[n.name, n.alias] for n in i.names]
    return [i.module, i.level, names, i.alias, i.kind.value, i.origin.value, i.guarded, i.symbol,
            i.line, i.column, i.end_line, i.end_column, i.package]  # fmt: skip


def _call(c: CallFact) -> list[Any]:
    return [c.text, c.qualname, c.symbol, c.line, c.column, c.end_line, c.end_column, c.awaited,
            [_arg(a) for a in c.args], [[k.name, _arg(k.value)] for k in c.keywords], c.callee_call,
            c.decorator_of, c.has_star_args, c.has_star_kwargs]  # fmt: skip


def _function(f: FunctionFact) -> list[Any]:
    params = [[p.name, p.kind.value, p.annotation, p.position, p.line, p.column] for p in f.params]
    return [f.qualname, f.name, f.line, f.column, f.end_line, f.is_async, f.in_class_body, params,
            list(f.decorators), f.nested]  # fmt: skip


def facts_to_data(facts: ModuleFacts) -> list[Any]:
    """Encode facts as nested lists of str/int/bool/None (``json.dumps``-ready); the four
    code fields are None for facts extracted without code."""
    problem = facts.problem
    if not facts.has_code:
        return [FACTS_SCHEMA_VERSION, facts.status.value,
                None if problem is None else [problem.message, problem.line, problem.column], facts.docstring,
                [[h.key, h.value, h.line] for h in facts.header], [_import(i) for i in facts.imports],
                None, None, None, None,
                [[s.line, s.column, s.text, s.target_line, s.in_header, s.statement_line] for s in facts.suppressions],
                list(facts.module_bindings), facts.trivial_init]  # fmt: skip
    return [
        FACTS_SCHEMA_VERSION,
        facts.status.value,
        None if problem is None else [problem.message, problem.line, problem.column],
        facts.docstring,
        [[h.key, h.value, h.line] for h in facts.header],
        [_import(i) for i in facts.imports],
        [_call(c) for c in facts.calls],
        [[a.name, a.call, a.symbol, a.line] for a in facts.assigns],
        [_function(f) for f in facts.functions],
        [[c.qualname, c.name, c.line, c.column, c.end_line, list(c.bases), list(c.methods), c.top_level]
         for c in facts.classes],
        [[s.line, s.column, s.text, s.target_line, s.in_header, s.statement_line] for s in facts.suppressions],
        list(facts.module_bindings),
        facts.trivial_init,
    ]  # fmt: skip


# -- decoding -------------------------------------------------------------------------


def _int(value: Any) -> int:
    if type(value) is not int:
        raise ValueError("expected an integer")
    return value


def _opt_int(value: Any) -> int | None:
    return None if value is None else _int(value)


def _str(value: Any) -> str:
    """A string, interned: names, annotations and symbols repeat across thousands of facts,
    and one object each keeps a large codebase's decoded facts in bounds (measured: 430k
    string objects, 29 MB, for the code facts of 500k lines without it)."""
    if type(value) is not str:
        raise ValueError("expected a string")
    return _intern(value)


def _opt_str(value: Any) -> str | None:
    return None if value is None else _str(value)


def _bool(value: Any) -> bool:
    if type(value) is not bool:
        raise ValueError("expected a boolean")
    return value


def _list(value: Any) -> list[Any]:
    if type(value) is not list:
        raise ValueError("expected a list")
    return value


def _strs(value: Any) -> tuple[str, ...]:
    return tuple(_str(item) for item in _list(value))


def _read_arg(data: Any, memo: dict[tuple[Any, ...], ArgFact]) -> ArgFact:
    """One argument summary; equal ones are shared (most are ``other`` or repeated names)."""
    if type(data) is not list:
        raise ValueError("malformed argument")
    size = len(data)
    if size == 3:
        return ArgFact(_ARG_KIND[data[0]], _opt_str(data[1]), _strs(data[2]))
    if not 1 <= size <= 2:
        raise ValueError("malformed argument")
    key = tuple(data)
    fact = memo.get(key)
    if fact is None:
        fact = memo[key] = ArgFact(_ARG_KIND[data[0]], _opt_str(data[1]) if size == 2 else None)
    return fact


def _read_import(data: Any) -> ImportFact:
    module, level, names, alias, kind, origin, guarded, symbol, line, column, end_line, end_column, package = _list(
        data
    )
    imported = []
    for item in _list(names):
        name, name_alias = _list(item)
        imported.append(ImportedName(_str(name), _opt_str(name_alias)))
    return ImportFact(_str(module), _int(level), tuple(imported), _opt_str(alias), _IMPORT_KIND[kind],
                      _ORIGIN[origin], _bool(guarded), _str(symbol), _int(line), _int(column), _int(end_line),
                      _int(end_column), _opt_str(package))  # fmt: skip


def _read_call(data: Any, memo: dict[tuple[Any, ...], ArgFact], shared: dict[tuple[ArgFact, ...], tuple[ArgFact, ...]]) -> CallFact:
    if type(data) is not list or len(data) != 14:
        raise ValueError("malformed call")
    (text, qualname, symbol, line, column, end_line, end_column, awaited, args, keywords, callee, decorator_of,
     star, star_kwargs) = data  # fmt: skip
    # One combined check instead of a helper call per field: calls are most of an entry.
    if not (
        (text is None or type(text) is str)
        and (qualname is None or type(qualname) is str)
        and type(symbol) is str
        and type(line) is int
        and type(column) is int
        and type(end_line) is int
        and type(end_column) is int
        and type(awaited) is bool
        and type(args) is list
        and type(keywords) is list
        and (callee is None or type(callee) is int)
        and (decorator_of is None or type(decorator_of) is str)
        and type(star) is bool
        and type(star_kwargs) is bool
    ):
        raise ValueError("malformed call")
    keyword_facts: tuple[KeywordArgFact, ...] = ()
    if keywords:
        named = []
        for item in keywords:
            name, value = _list(item)
            named.append(KeywordArgFact(_str(name), _read_arg(value, memo)))
        keyword_facts = tuple(named)
    if args:
        arg_facts = tuple([_read_arg(a, memo) for a in args])
        arg_facts = shared.setdefault(arg_facts, arg_facts)  # equal argument lists share one tuple
    else:
        arg_facts = ()
    # Interned like every decoded string (see ``_str``): a function's calls repeat its symbol.
    # Built with tuple.__new__: the record's own constructor is a Python-level call, and a
    # large codebase has hundreds of thousands of calls.
    return _new_record(CallFact, (
        None if text is None else _intern(text), None if qualname is None else _intern(qualname), _intern(symbol),
        line, column, end_line, end_column, awaited, arg_facts, keyword_facts, callee, decorator_of, star,
        star_kwargs))  # fmt: skip


def _read_param(data: Any) -> ParamFact:
    name, kind, annotation, position, line, column = _list(data)
    if not (type(position) is int and type(line) is int and type(column) is int):
        raise ValueError("malformed parameter")
    return _new_record(ParamFact, (_str(name), _PARAM_KIND[kind], _opt_str(annotation), position, line, column))


def _read_function(data: Any) -> FunctionFact:
    qualname, name, line, column, end_line, is_async, in_class, params, decorators, nested = _list(data)
    return FunctionFact(_str(qualname), _str(name), _int(line), _int(column), _int(end_line), _bool(is_async),
                        _bool(in_class), tuple(_read_param(p) for p in _list(params)), _strs(decorators),
                        _bool(nested))  # fmt: skip


def _read_class(data: Any) -> ClassFact:
    qualname, name, line, column, end_line, bases, methods, top_level = _list(data)
    return ClassFact(_str(qualname), _str(name), _int(line), _int(column), _int(end_line), _strs(bases),
                     _strs(methods), _bool(top_level))  # fmt: skip


def _read_assign(data: Any) -> AssignFact:
    name, call, symbol, line = _list(data)
    return AssignFact(_str(name), _int(call), _str(symbol), _int(line))


def _read_header(data: Any) -> HeaderField:
    key, value, line = _list(data)
    return HeaderField(_str(key), _str(value), _int(line))


def _read_suppression(data: Any) -> SuppressionComment:
    line, column, text, target, in_header, statement = _list(data)
    return SuppressionComment(_int(line), _int(column), _str(text), _int(target), _bool(in_header), _int(statement))


def _read_problem(data: Any) -> ParseProblem | None:
    if data is None:
        return None
    message, line, column = _list(data)
    return ParseProblem(_str(message), _int(line), _int(column))


def _read_code(calls: Any, assigns: Any, functions: Any, classes: Any) -> CodeFacts:
    memo: dict[tuple[Any, ...], ArgFact] = {}
    shared: dict[tuple[ArgFact, ...], tuple[ArgFact, ...]] = {}
    call_facts = tuple([_read_call(c, memo, shared) for c in _list(calls)])
    for call in call_facts:
        if call.callee_call is not None and not 0 <= call.callee_call < len(call_facts):
            raise ValueError("callee index out of range")
    assign_facts = tuple(_read_assign(a) for a in _list(assigns))
    if any(not 0 <= a.call < len(call_facts) for a in assign_facts):
        raise ValueError("assignment call index out of range")
    return CodeFacts(
        calls=call_facts,
        assigns=assign_facts,
        functions=tuple(_read_function(f) for f in _list(functions)),
        classes=tuple(_read_class(c) for c in _list(classes)),
    )


def _decode(data: Any) -> ModuleFacts:
    (version, status, problem, docstring, header, imports, calls, assigns, functions, classes, suppressions,
     bindings, trivial) = _list(data)  # fmt: skip
    if _int(version) != FACTS_SCHEMA_VERSION:
        raise ValueError(f"facts schema {version}, expected {FACTS_SCHEMA_VERSION}")
    without_code = calls is None and assigns is None and functions is None and classes is None
    code = CodeFacts() if without_code else _read_code(calls, assigns, functions, classes)
    return ModuleFacts(
        status=_STATUS[status],
        problem=_read_problem(problem),
        docstring=_opt_str(docstring),
        header=tuple(_read_header(h) for h in _list(header)),
        imports=tuple(_read_import(i) for i in _list(imports)),
        calls=code.calls,
        assigns=code.assigns,
        functions=code.functions,
        classes=code.classes,
        suppressions=tuple(_read_suppression(s) for s in _list(suppressions)),
        module_bindings=_strs(bindings),
        trivial_init=_bool(trivial),
        without_code=without_code,
    )


def facts_from_data(obj: object) -> ModuleFacts:
    """Decode ``facts_to_data`` output; ``ValueError`` for anything else."""
    try:
        return _decode(obj)
    except ValueError:
        raise
    except (TypeError, KeyError, IndexError, AttributeError, RecursionError) as exc:
        raise ValueError(f"malformed facts entry: {exc!r}") from None


# -- the stored form: two JSON documents, the code part decoded on demand --------------------
#
# ``<core JSON>\n<code JSON>``: compact JSON never contains a raw newline byte, so the first
# newline splits the parts. The core (status, header, imports, suppressions, bindings) is
# decoded at once; the code part (calls, assigns, functions, classes - most of the bytes) is
# checked against a digest stored in the core and decoded only when a rule reads it.
# Facts extracted without code are the core alone, with a null digest.


def _code_digest(code: bytes) -> str:
    return hashlib.blake2b(code, digest_size=8).hexdigest()


def encode_facts(facts: ModuleFacts) -> bytes:
    """The cache/transfer form of ``facts`` (see above)."""
    data = facts_to_data(facts)
    if not facts.has_code:
        return _json_bytes([*data[:6], *data[10:], None])
    code = _json_bytes(data[6:10])
    core = [*data[:6], *data[10:], _code_digest(code)]
    return _json_bytes(core) + b"\n" + code


def _json_bytes(value: object) -> bytes:
    # A module named after an undecodable file name, or a string literal such as "\udcff",
    # holds lone surrogates: ``surrogatepass`` stores them, and ``json.loads`` of bytes
    # decodes with the same handler, so they read back unchanged.
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode("utf-8", "surrogatepass")


def decode_facts(raw: bytes) -> ModuleFacts:
    """Decode ``encode_facts`` output; ``ValueError`` for anything malformed in the core or a
    code part that does not match its digest (a truncated or edited entry)."""
    try:
        core_bytes, newline, code = raw.partition(b"\n")
        core = json.loads(core_bytes)
        (version, status, problem, docstring, header, imports, suppressions, bindings, trivial,
         digest) = _list(core)  # fmt: skip
        if _int(version) != FACTS_SCHEMA_VERSION:
            raise ValueError(f"facts schema {version}, expected {FACTS_SCHEMA_VERSION}")
        without_code = digest is None
        if without_code:
            if newline:
                raise ValueError("facts without code followed by a code part")
        elif not newline or _str(digest) != _code_digest(code):
            raise ValueError("code part does not match its digest")
        return ModuleFacts(
            status=_STATUS[status],
            problem=_read_problem(problem),
            docstring=_opt_str(docstring),
            header=tuple(_read_header(h) for h in _list(header)),
            imports=tuple(_read_import(i) for i in _list(imports)),
            suppressions=tuple(_read_suppression(s) for s in _list(suppressions)),
            module_bindings=_strs(bindings),
            trivial_init=_bool(trivial),
            code_loader=None if without_code else lambda: _decode_code(code),
            without_code=without_code,
        )
    except ValueError:
        raise
    except (TypeError, KeyError, IndexError, AttributeError, RecursionError) as exc:
        raise ValueError(f"malformed facts entry: {exc!r}") from None


def _decode_code(code: bytes) -> CodeFacts:
    try:
        return _read_code(*_list(json.loads(code)))
    except ValueError as exc:
        # The digest matched, so only a deliberately crafted entry gets here.
        raise ValueError(f"cache entry with a valid digest but malformed code facts: {exc}") from None
    except (TypeError, KeyError, IndexError, AttributeError, RecursionError) as exc:
        raise ValueError(f"cache entry with a valid digest but malformed code facts: {exc!r}") from None
