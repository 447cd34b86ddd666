"""Path globs, module patterns and call patterns (docs/packs.md#3-patterns).

Globs are compiled to anchored regular expressions once per run. ``{domain}`` captures
one segment and accepts only members of the derived domain set, so a moved or unknown
directory never silently matches.
"""


import re
from typing import NamedTuple

DOMAIN_TOKEN = "{domain}"


class Specificity(NamedTuple):
    """Compared in field order: more literal segments wins, then partial wildcards, then captures."""

    literal: int
    partial: int
    captures: int

    def key(self) -> tuple[int, int, int]:
        return (self.literal, self.partial, self.captures)


class CompiledGlob(NamedTuple):
    pattern: str
    regex: re.Pattern[str]
    specificity: Specificity
    has_domain: bool

    def match(self, path: str) -> str | None | bool:
        """Return the captured domain (or True without a capture) when ``path`` matches, else False."""
        found = self.regex.fullmatch(path)
        if found is None:
            return False
        if self.has_domain:
            return found.group("domain")
        return True


def _segment_regex(segment: str, domain_alternatives: str | None) -> tuple[str, str]:
    """Regex for one segment and its kind: literal | partial | capture | star."""
    if segment == DOMAIN_TOKEN:
        inner = domain_alternatives if domain_alternatives is not None else "[^/]+"
        return f"(?P<domain>{inner})", "capture"
    if segment == "*":
        return "[^/]+", "star"
    out: list[str] = []
    wild = False
    for char in segment:
        if char == "*":
            out.append("[^/]*")
            wild = True
        elif char == "?":
            out.append("[^/]")
            wild = True
        else:
            out.append(re.escape(char))
    return "".join(out), ("partial" if wild else "literal")


def _alternatives(domains: tuple[str, ...] | None) -> str | None:
    if domains is None:
        return None
    if not domains:
        return "(?!)"  # an empty domain set matches nothing
    return "|".join(re.escape(d) for d in sorted(domains, key=lambda d: (-len(d), d)))


def compile_glob(pattern: str, domains: tuple[str, ...] | None = None) -> CompiledGlob:
    """Compile a path glob. With ``domains`` None, ``{domain}`` matches any one segment."""
    segments = pattern.strip("/").split("/")
    alternatives = _alternatives(domains)
    parts: list[str] = []
    literal = partial = captures = 0
    count = len(segments)
    for index, segment in enumerate(segments):
        last = index == count - 1
        if segment == "**":
            if count == 1:
                parts.append("[^/]+(?:/[^/]+)*")
            elif last:
                parts.append("(?:/[^/]+)*")
            else:
                # "a/**/b": zero or more whole segments, each followed by "/".
                if index and segments[index - 1] != "**":
                    parts.append("/")
                parts.append("(?:[^/]+/)*")
            continue
        regex, kind = _segment_regex(segment, alternatives)
        if kind == "literal":
            literal += 1
        elif kind == "partial":
            partial += 1
        elif kind == "capture":
            captures += 1
        previous = segments[index - 1] if index else None
        if index and previous != "**":
            parts.append("/")
        parts.append(regex)
    return CompiledGlob(
        pattern=pattern,
        regex=re.compile("".join(parts)),
        specificity=Specificity(literal, partial, captures),
        has_domain=captures > 0,
    )


class CompiledModulePattern(NamedTuple):
    pattern: str
    regex: re.Pattern[str]

    def match(self, module: str) -> bool:
        return self.regex.fullmatch(module) is not None


def _dotted_regex(pattern: str) -> str:
    segments = pattern.split(".")
    parts: list[str] = []
    for index, segment in enumerate(segments):
        if segment == "**":
            if len(segments) == 1:
                parts.append("[^.]+(?:\\.[^.]+)*")
            elif index == len(segments) - 1:
                parts.append("(?:\\.[^.]+)*")
            else:
                if index and segments[index - 1] != "**":
                    parts.append("\\.")
                parts.append("(?:[^.]+\\.)*")
            continue
        if index and segments[index - 1] != "**":
            parts.append("\\.")
        out: list[str] = []
        for char in segment:
            if char == "*":
                out.append("[^.]*")
            elif char == "?":
                out.append("[^.]")
            else:
                out.append(re.escape(char))
        parts.append("".join(out))
    return "".join(parts)


def compile_module_pattern(pattern: str) -> CompiledModulePattern:
    """A dotted module pattern; it matches the module and all of its submodules."""
    return CompiledModulePattern(pattern, re.compile(_dotted_regex(pattern) + "(?:\\..+)?"))


class CompiledCallPattern(NamedTuple):
    pattern: str
    regex: re.Pattern[str]

    def match(self, text: str) -> bool:
        return self.regex.fullmatch(text) is not None


def compile_call_pattern(pattern: str) -> CompiledCallPattern:
    """A call pattern matched segment-wise against a callee text (``**.register``)."""
    return CompiledCallPattern(pattern, re.compile(_dotted_regex(pattern)))


def name_glob(pattern: str) -> re.Pattern[str]:
    """A glob on one name (file stems, class names, factory names): ``*`` and ``?`` only."""
    out = ["[^/]*" if c == "*" else "[^/]" if c == "?" else re.escape(c) for c in pattern]
    return re.compile("".join(out))
