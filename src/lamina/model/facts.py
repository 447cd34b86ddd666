"""Facts extracted from one module (docs/rule-semantics.md#facts-the-rules-read).

Fact records are typed ``NamedTuple``s: immutable and hashable like frozen dataclasses, but
built by C-level tuple construction - a large codebase has hundreds of thousands of them, and
creating and decoding them was a measured share of every cold run.

Facts depend on the file's bytes only, so they are cached by content hash. Names are
recorded as written; absolute resolution happens later, in ``layout``.
Bump ``FACTS_SCHEMA_VERSION`` whenever a class here changes shape.
"""


from collections.abc import Callable
from enum import Enum
from typing import NamedTuple

from lamina.model.source import ParseStatus
from lamina.version import FACTS_SCHEMA_VERSION as FACTS_SCHEMA_VERSION  # re-exported: bump it there


class ImportKind(str, Enum):
    MODULE = "module"
    LAZY = "lazy"
    TYPE_CHECKING = "type_checking"


class ImportOrigin(str, Enum):
    IMPORT = "import"
    FROM = "from"
    IMPORTLIB = "importlib"
    DUNDER_IMPORT = "dunder_import"


class ImportedName(NamedTuple):
    name: str
    alias: str | None = None


class ImportFact(NamedTuple):
    """One imported module as written.

    ``import a, b`` yields two facts. For ``from`` imports ``module`` is the text after
    ``from`` without the leading dots (``level`` counts them) and ``names`` the imported
    names. For ``import a.b as c`` ``alias`` is ``c``. For ``importlib.import_module(".x",
    "a.b")`` ``module`` is ``x``, ``level`` 1 and ``package`` ``a.b``.
    """

    module: str
    level: int
    names: tuple[ImportedName, ...]
    alias: str | None
    kind: ImportKind
    origin: ImportOrigin
    guarded: bool
    symbol: str
    line: int
    column: int
    end_line: int
    end_column: int
    package: str | None = None


class ArgKind(str, Enum):
    STR = "str"
    STRS = "strs"
    NAME = "name"
    CALL = "call"
    OTHER = "other"


class ArgFact(NamedTuple):
    """Summary of one argument: literal strings / lists of strings keep their values,
    names and calls keep their dotted text."""

    kind: ArgKind
    value: str | None = None
    values: tuple[str, ...] = ()


class KeywordArgFact(NamedTuple):
    name: str
    value: ArgFact


class CallFact(NamedTuple):
    """One ``ast.Call``.

    ``text`` is the dotted callee rendering (``self._session.commit``,
    ``get_registry().register``, ``handlers[].run``) or None for other shapes.
    ``qualname`` replaces the first segment by the import binding visible at the call;
    relative bindings keep their leading dots (``..coordinators.get_x``) and are made
    absolute in ``layout``. ``callee_call`` is the index (in ``ModuleFacts.calls``) of the
    call used as this call's callee (``getattr(o, n)(...)``), ``decorator_of`` the
    qualified name of the decorated definition. ``method`` is the attribute called when
    the receiver is not rooted in a name (``(await get_session()).commit``, ``(a or
    b).commit``): such calls have no ``text``, so no rule matching callee texts sees them,
    but a rule about method names (LAM401) can.
    """

    text: str | None
    qualname: str | None
    symbol: str
    line: int
    column: int
    end_line: int
    end_column: int
    awaited: bool
    args: tuple[ArgFact, ...]
    keywords: tuple[KeywordArgFact, ...]
    callee_call: int | None = None
    decorator_of: str | None = None
    has_star_args: bool = False
    has_star_kwargs: bool = False
    method: str | None = None


class AssignFact(NamedTuple):
    """``name = <value>`` (plain, annotated or walrus) with a single name target.

    ``call`` is the index (in ``ModuleFacts.calls``) of the value when it is a call;
    ``source`` the right-hand name when the value is a bare name (``w = z``); both are
    None for any other value, which still records that ``name`` was rebound.
    """

    name: str
    call: int | None
    symbol: str
    line: int
    source: str | None = None


class BindingKind(str, Enum):
    ANNOTATION = "annotation"  # ``target: X`` (with or without a value)
    CALL = "call"  # ``target = X(...)``
    NAME = "name"  # ``target = x``
    RETURNS = "returns"  # ``def symbol(...) -> X``


class BindingFact(NamedTuple):
    """What a name or ``self`` attribute is declared or built as, where ``AssignFact`` and
    ``ParamFact`` do not say it: for resolving the receivers of calls (operation patterns).

    Recorded: annotated names (``registry: OperationRegistry`` in a function, a class body or
    the module; ``self._registry: OperationRegistry = …``), ``self.x = <call or name>`` in an
    ``__init__``, and return annotations (``target`` empty, ``symbol`` the function). ``value``
    is the dotted text as written - an annotation unwrapped from quotes, ``Optional[…]`` and
    ``… | None`` (annotations of any other shape are not recorded), the callee text of a CALL,
    the name of a NAME; ``call`` indexes ``ModuleFacts.calls`` for a CALL.
    """

    target: str
    kind: BindingKind
    value: str
    symbol: str
    line: int
    call: int | None = None


class ParamKind(str, Enum):
    POSITIONAL_ONLY = "positional_only"
    POSITIONAL = "positional"
    KEYWORD_ONLY = "keyword_only"
    VAR_POSITIONAL = "var_positional"
    VAR_KEYWORD = "var_keyword"


class ParamFact(NamedTuple):
    name: str
    kind: ParamKind
    annotation: str | None
    position: int
    line: int
    column: int


class FunctionFact(NamedTuple):
    qualname: str
    name: str
    line: int
    column: int
    end_line: int
    is_async: bool
    in_class_body: bool
    params: tuple[ParamFact, ...]
    decorators: tuple[str, ...]
    nested: bool  # defined inside another function


class ClassFact(NamedTuple):
    qualname: str
    name: str
    line: int
    column: int
    end_line: int
    bases: tuple[str, ...]
    methods: tuple[str, ...]  # distinct names of def/async def directly in the body, sorted
    top_level: bool


class HeaderField(NamedTuple):
    key: str
    value: str
    line: int


class SuppressionComment(NamedTuple):
    """A real ``COMMENT`` token containing ``lamina:``.

    ``target_line`` is the line it applies to: its own line for a trailing comment, the
    next line that is neither blank nor comment-only for a comment alone on its line.
    ``in_header`` marks comments inside the header block (for ``ignore-file``).
    ``statement_line`` is the first line of the statement that holds ``target_line``
    (equal to it for one-line statements), for findings located at the start of a
    multi-line statement (docs/rule-semantics.md#inline-suppressions).
    """

    line: int
    column: int
    text: str
    target_line: int
    in_header: bool
    statement_line: int = 0


class ParseProblem(NamedTuple):
    message: str
    line: int
    column: int


class NameUse(NamedTuple):
    """The module-level names (``module_bindings``) that code directly in ``symbol`` mentions,
    sorted: loads and rebinds of plain names, never attribute names, keywords or parameter
    names. Call-level reach (``layout.reach``) charges a definition with the module-level
    imports it actually uses and follows the module's own definitions it mentions.

    ``counts``: how often each name that some assignment of the module binds to a call's
    result (``obj = Bridge()``) occurs there, sorted by name: reach resolves ``obj.method()``
    to the method only when every occurrence of ``obj`` is such a call or assignment."""

    symbol: str
    names: tuple[str, ...]
    counts: tuple[tuple[str, int], ...] = ()


class CodeFacts(NamedTuple):
    """The high-volume part of a module's facts: calls and definitions. Only rules about
    calls and declarations read it, so a cached entry decodes it on first use, and a run
    whose rules read none of it does not extract it at all (``ModuleFacts.has_code``)."""

    calls: tuple[CallFact, ...] = ()
    assigns: tuple[AssignFact, ...] = ()
    functions: tuple[FunctionFact, ...] = ()
    classes: tuple[ClassFact, ...] = ()
    # ``name = lambda …`` at module level or in a class body: the lambda as a function
    # called ``name`` (kept apart from ``functions``, which hold only def statements).
    lambdas: tuple[FunctionFact, ...] = ()
    bindings: tuple[BindingFact, ...] = ()
    uses: tuple[NameUse, ...] = ()  # one per symbol that mentions a module-level name, by symbol


class CodeFactsNotExtracted(LookupError):
    """A module's calls or definitions were read, but it was extracted without them: the
    reading rule's code is missing ``reads_code`` in ``model/codes.py`` (a lamina bug)."""


def _not_extracted() -> CodeFacts:
    raise CodeFactsNotExtracted("code facts were not extracted for this module")


_FIELDS = (
    "status", "problem", "docstring", "header", "imports", "calls", "assigns", "functions",
    "classes", "lambdas", "bindings", "uses", "suppressions", "module_bindings", "trivial_init",
)  # fmt: skip
_CODE_FIELDS = frozenset(CodeFacts._fields)


class ModuleFacts:
    """Everything extracted from one module; immutable and hashable like a frozen dataclass.

    ``calls``, ``assigns``, ``functions``, ``classes``, ``lambdas`` and ``bindings`` live in a
    ``CodeFacts`` value that a cached entry may supply as a loader: a layers-only run never pays for decoding the
    hundreds of thousands of call facts of a large codebase. Facts made ``without_code``
    have none (``has_code`` is false) and raise ``CodeFactsNotExtracted`` when read.
    """

    __slots__ = ("status", "problem", "docstring", "header", "imports", "suppressions",
                 "module_bindings", "trivial_init", "_code", "_load_code")  # fmt: skip

    status: ParseStatus
    problem: ParseProblem | None  # the decode/syntax error, or the ast error under FALLBACK
    docstring: str | None
    header: tuple[HeaderField, ...]
    imports: tuple[ImportFact, ...]
    suppressions: tuple[SuppressionComment, ...]
    module_bindings: tuple[str, ...]  # names bound at module level (import, def, class, assignment), sorted
    trivial_init: bool  # only a docstring, ``from __future__`` imports and ``pass``
    _code: CodeFacts | None  # None until the loader has run
    _load_code: Callable[[], CodeFacts] | None  # None once it has

    def __init__(
        self,
        *,
        status: ParseStatus,
        problem: ParseProblem | None,
        docstring: str | None,
        header: tuple[HeaderField, ...],
        imports: tuple[ImportFact, ...],
        calls: tuple[CallFact, ...] = (),
        assigns: tuple[AssignFact, ...] = (),
        functions: tuple[FunctionFact, ...] = (),
        classes: tuple[ClassFact, ...] = (),
        lambdas: tuple[FunctionFact, ...] = (),
        bindings: tuple[BindingFact, ...] = (),
        uses: tuple[NameUse, ...] = (),
        suppressions: tuple[SuppressionComment, ...],
        module_bindings: tuple[str, ...],
        trivial_init: bool,
        code_loader: Callable[[], CodeFacts] | None = None,
        without_code: bool = False,
    ) -> None:
        setter = object.__setattr__
        setter(self, "status", status)
        setter(self, "problem", problem)
        setter(self, "docstring", docstring)
        setter(self, "header", header)
        setter(self, "imports", imports)
        setter(self, "suppressions", suppressions)
        setter(self, "module_bindings", module_bindings)
        setter(self, "trivial_init", trivial_init)
        if without_code:
            code_loader = _not_extracted
        if code_loader is None:
            setter(self, "_code", CodeFacts(calls, assigns, functions, classes, lambdas, bindings, uses))
        else:
            setter(self, "_code", None)
        setter(self, "_load_code", code_loader)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"ModuleFacts is immutable; cannot set {name!r}")

    @property
    def code(self) -> CodeFacts:
        code = self._code
        if code is None:
            loader = self._load_code
            assert loader is not None  # dropped only after _code was set
            code = loader()
            object.__setattr__(self, "_code", code)
            # The loader holds the entry's encoded bytes; once decoded they are dead weight.
            object.__setattr__(self, "_load_code", None)
        return code

    @property
    def has_code(self) -> bool:
        """Whether calls and definitions were extracted (see ``CodeFacts``)."""
        return self._load_code is not _not_extracted

    @property
    def calls(self) -> tuple[CallFact, ...]:
        return self.code.calls

    @property
    def assigns(self) -> tuple[AssignFact, ...]:
        return self.code.assigns

    @property
    def functions(self) -> tuple[FunctionFact, ...]:
        return self.code.functions

    @property
    def classes(self) -> tuple[ClassFact, ...]:
        return self.code.classes

    @property
    def lambdas(self) -> tuple[FunctionFact, ...]:
        return self.code.lambdas

    @property
    def bindings(self) -> tuple[BindingFact, ...]:
        return self.code.bindings

    @property
    def uses(self) -> tuple[NameUse, ...]:
        return self.code.uses

    def _values(self) -> tuple[object, ...]:
        if not self.has_code:
            return tuple(None if name in _CODE_FIELDS else getattr(self, name) for name in _FIELDS)
        return tuple(getattr(self, name) for name in _FIELDS)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ModuleFacts):
            return NotImplemented
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        inner = ", ".join(f"{name}={value!r}" for name, value in zip(_FIELDS, self._values()))
        return f"ModuleFacts({inner})"

    @staticmethod
    def failed(status: ParseStatus, problem: ParseProblem) -> "ModuleFacts":
        return ModuleFacts(
            status=status,
            problem=problem,
            docstring=None,
            header=(),
            imports=(),
            suppressions=(),
            module_bindings=(),
            trivial_init=False,
        )
