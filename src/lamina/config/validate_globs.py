"""Syntax checks of the pattern strings written in packs (docs/packs.md#3-patterns and docs/packs.md#12-validation).

Only the *syntax* is checked here, so that a bad pattern is a configuration error with
a file:line instead of a pattern that silently matches nothing. Compiling and matching
patterns is ``globs.py``'s job. Each function returns an error message or ``None``.
"""

from __future__ import annotations

import posixpath
import re

_CAPTURE = re.compile(r"\{([^{}]*)\}")
_DOMAIN = "{domain}"
_WILDCARD_CHARS = frozenset("*?{}[]")

# How a pattern may use {domain}: never, at most once, or exactly once (domains.from).
FORBIDDEN = "forbidden"
OPTIONAL = "optional"
EXACTLY_ONE = "exactly_one"


def _capture_problem(text: str, where: str) -> str | None:
    for name in _CAPTURE.findall(text):
        if name != "domain":
            return f"unknown capture '{{{name}}}' in '{text}' at '{where}' (only {{domain}} exists)"
    if "{" in _CAPTURE.sub("", text) or "}" in _CAPTURE.sub("", text):
        return f"unbalanced brace in '{text}' at '{where}'"
    return None


def _domain_problem(text: str, where: str, segments: list[str], domain: str) -> str | None:
    count = text.count(_DOMAIN)
    if domain == FORBIDDEN and count:
        return (
            f"'{{domain}}' is not allowed in '{where}' "
            "(only in domains.from, layers, zones and roles)"
        )
    if domain == EXACTLY_ONE and count != 1:
        return f"pattern '{text}' at '{where}' must contain exactly one '{{domain}}'"
    if domain == OPTIONAL and count > 1:
        return f"pattern '{text}' at '{where}' may contain '{{domain}}' at most once"
    if any(_DOMAIN in seg and seg != _DOMAIN for seg in segments):
        return f"'{{domain}}' must be a whole segment in '{text}' at '{where}'"
    return None


def glob_problem(text: str, where: str, domain: str = FORBIDDEN) -> str | None:
    """A root- or project-relative path glob (``app/**/L5_*/*.py``)."""
    if not text:
        return f"empty glob at '{where}'"
    if text.startswith("/"):
        return f"glob '{text}' at '{where}' must be relative (no leading '/')"
    segments = text.split("/")
    if ".." in segments:
        return f"glob '{text}' at '{where}' must not contain '..'"
    if "" in segments:
        return f"glob '{text}' at '{where}' has an empty segment"
    return _capture_problem(text, where) or _domain_problem(text, where, segments, domain)


def module_problem(text: str, where: str, domain: str = FORBIDDEN) -> str | None:
    """A dotted module pattern (``app.services``, ``app.**.drivers``)."""
    if not text:
        return f"empty module pattern at '{where}'"
    if "/" in text:
        return f"module pattern '{text}' at '{where}' must be dotted, not a path"
    segments = text.split(".")
    if "" in segments:
        return f"module pattern '{text}' at '{where}' has an empty segment"
    return _capture_problem(text, where) or _domain_problem(text, where, segments, domain)


def name_glob_problem(text: str, where: str) -> str | None:
    """A glob over one name (file stems, domain names, class names, callee segments)."""
    if not text:
        return f"empty pattern at '{where}'"
    if "/" in text:
        return f"pattern '{text}' at '{where}' matches one name and must not contain '/'"
    if "{" in text or "}" in text:
        return f"pattern '{text}' at '{where}' must not contain captures"
    return None


def dir_path_problem(text: str, where: str) -> str | None:
    """A plain root-relative directory path (folders)."""
    if not text:
        return f"empty path at '{where}'"
    if text.startswith("/"):
        return f"path '{text}' at '{where}' must be relative (no leading '/')"
    segments = text.rstrip("/").split("/")
    if ".." in segments or "" in segments:
        return f"path '{text}' at '{where}' must not contain '..' or empty segments"
    if _WILDCARD_CHARS & set(text):
        return f"path '{text}' at '{where}' must be a directory path, not a pattern"
    return None


def relative_dir_problem(text: str, where: str) -> str | None:
    """A project-relative directory (``roots``): anything but an absolute path."""
    if not text:
        return f"empty path at '{where}'"
    if text.startswith("/") or re.match(r"^[A-Za-z]:[\\/]", text):
        return f"path '{text}' at '{where}' must be relative to the project root"
    # Source roots outside the project would analyze (and cache, and report on) files
    # another project owns: an error, unlike an extended pack outside it.
    normal = posixpath.normpath(text.replace("\\", "/"))
    if normal == ".." or normal.startswith("../"):
        return f"path '{text}' at '{where}' lies outside the project root"
    return None
