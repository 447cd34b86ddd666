"""Showing text that comes from the analyzed tree: names, docstrings, headers, messages.

File names that are not valid UTF-8 reach lamina as ``surrogateescape`` strings (what
``os.scandir`` gives for str paths) and are carried that way internally, so that the
name still opens the file. Every output must nevertheless be valid UTF-8 and keep its
structure (one finding per text line, table rows in markdown), whatever the input holds.
The functions here decide how such text is shown; renderers call them instead of
replacing characters ad hoc.

An undecodable byte shows as the four characters ``\\xff``; control characters as
``\\n``, ``\\r``, ``\\t`` or ``\\x1b``. Backslashes themselves are not doubled, so that
ordinary messages keep their text; a name holding a literal ``\\xff`` therefore shows
like the undecodable byte (a collision accepted for readable output).
"""

import re

# The patterns are strings, compiled on first use through ``re``'s own cache: a character
# class spanning the surrogates costs about half a millisecond to compile, and the warm
# path imports this module (text output, error messages) but rarely needs a pattern, since
# the fast paths below answer for ordinary text.
# Lone surrogates: ``surrogateescape`` bytes (U+DC80..U+DCFF) and any other one that a
# string literal in analyzed code may hold ("\ud800"); none can be encoded as UTF-8.
_SURROGATES = "[\ud800-\udfff]"
# Characters that would end or rewrite a line: C0 (also tab), DEL, C1, the Unicode line
# and paragraph separators, and lone surrogates.
_UNPRINTABLE = "[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]"
# The same without newline and tab: for multi-line text (a docstring in a code fence).
_UNPRINTABLE_BLOCK = "[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]"
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
_WHITESPACE = r"\s+"


def _escaped(match: re.Match[str]) -> str:
    char = match.group()
    named = _NAMED.get(char)
    if named is not None:
        return named
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:
        return f"\\x{code - 0xDC00:02x}"  # the undecodable byte itself
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def shown(text: str) -> str:
    """``text`` encodable as UTF-8: lone surrogates escaped, everything else kept (for
    JSON and SARIF, whose own escaping carries control characters faithfully)."""
    return text if text.isascii() else re.sub(_SURROGATES, _escaped, text)


def one_line(text: str) -> str:
    """``text`` as part of one output line: control characters and lone surrogates escaped."""
    # Every character escaped here is unprintable (Cc, Zl, Zp, Cs), so printable text is kept.
    return text if text.isprintable() else re.sub(_UNPRINTABLE, _escaped, text)


def printable_block(text: str) -> str:
    """Multi-line text with its newlines and tabs kept, other control characters escaped."""
    return re.sub(_UNPRINTABLE_BLOCK, _escaped, text)


# -- markdown --------------------------------------------------------------------------------

_CODE_RUN = r"`+"
# Characters that start inline markup which could hide or rewrite text: HTML (comments,
# tags, autolinks), links and images, emphasis and strike-through, and a backtick that
# pairs with none (it could pair with one printed after the text). An underscore only
# matters at a word boundary (``snake_case`` stays as written).
_INLINE = r"\\(?=[!-/:-@\[-`{-~])|[<\[\]*~`]|(?<![0-9A-Za-z])_+|_+(?![0-9A-Za-z])"
# A line that starts like a block (heading, quote, list, thematic break, fence, setext
# underline, HTML is already covered by ``<``).
_BLOCK_START = r"^(?:[#>+\-=]|`{3}|~{3}|\d{1,9}(?=[.)](?:\s|$)))"


def _inline(text: str) -> str:
    return re.sub(_INLINE, lambda m: "".join("\\" + c for c in m.group()), text)


def _split_code(text: str) -> list[tuple[bool, str]]:
    """(is a code span, text) pieces, as CommonMark pairs backtick runs of equal length."""
    runs = re.compile(_CODE_RUN)
    pieces: list[tuple[bool, str]] = []
    position = 0
    plain_from = 0
    while True:
        opening = runs.search(text, position)
        if opening is None:
            break
        closing = runs.search(text, opening.end())
        while closing is not None and len(closing.group()) != len(opening.group()):
            closing = runs.search(text, closing.end())
        if closing is None:
            position = opening.end()  # an unmatched run is literal text
            continue
        if opening.start() > plain_from:
            pieces.append((False, text[plain_from : opening.start()]))
        pieces.append((True, text[opening.start() : closing.end()]))
        position = plain_from = closing.end()
    if plain_from < len(text):
        pieces.append((False, text[plain_from:]))
    return pieces


def md_text(text: str, *, cell: bool = False) -> str:
    """Prose from code (a docstring line, a header value, a message, a name) as one line of
    markdown: whitespace runs folded to one space, HTML and link/emphasis markup escaped
    outside code spans (``code`` written in a docstring still renders as code), a leading
    block marker escaped, and in a table cell every ``|`` as ``\\|`` (GFM reads that
    escape even inside code spans)."""
    folded = re.sub(_WHITESPACE, " ", text).strip()
    out = []
    for is_code, piece in _split_code(folded):
        out.append(piece if is_code else _inline(piece))
    line = "".join(out)
    start = re.match(_BLOCK_START, line)
    if start:
        marker = start.group()
        line = (marker + "\\" + line[len(marker) :]) if marker[0].isdigit() else "\\" + line
    if cell:
        line = line.replace("|", "\\|")
    return one_line(line)


def md_name(text: str, *, cell: bool = False) -> str:
    """A name from the tree or the code (file, directory, domain, operation) as markdown
    text: like ``md_text``, but a newline in it shows as ``\\n`` instead of a space, so
    two names never look alike."""
    return md_text(one_line(text), cell=cell)


def md_code(text: str, *, cell: bool = False) -> str:
    """``text`` as one inline code span: a backtick fence longer than any run inside, a
    space of padding where the text starts or ends with a backtick (CommonMark strips it),
    control characters escaped; in a table cell ``|`` as ``\\|``."""
    body = one_line(text)
    longest = max((len(run) for run in re.findall(_CODE_RUN, body)), default=0)
    fence = "`" * (longest + 1)
    if body.startswith("`") or body.endswith("`") or (body.startswith(" ") and body.endswith(" ") and body.strip()):
        body = f" {body} "
    if cell:
        body = body.replace("|", "\\|")
    return f"{fence}{body}{fence}"


def md_link(target: str) -> str:
    """A relative link destination: characters that would end or break it percent-encoded
    (an undecodable byte as its own ``%FF``; ``&``, which could start an entity), ordinary
    path characters kept."""
    from urllib.parse import quote  # deferred: only reports link, and the warm path imports this module

    return quote(path_bytes(target), safe="/._-~!$'*+,;=:@")


def path_bytes(path: str) -> bytes:
    """The bytes a ``surrogateescape`` path names on disk (any other surrogate kept as is)."""
    try:
        return path.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return path.encode("utf-8", "surrogatepass")
