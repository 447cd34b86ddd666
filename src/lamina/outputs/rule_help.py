"""A rule's documentation (the text ``lamina explain`` prints) as SARIF help text.

Rule docstrings have sections (``What it catches:`` … ``Example:``) whose bodies are
indented; in markdown an indented body would render as a code block, so prose sections
are dedented and the sections that show code or option syntax are fenced instead.
"""

from __future__ import annotations

import textwrap

# Sections whose body is code or YAML-like syntax: shown verbatim.
VERBATIM_SECTIONS = ("Options", "Example")


def summary(doc: str, fallback: str) -> str:
    """The first sentence of the first section body (``What it catches``), one line."""
    text = description(doc)
    end = text.find(". ")
    sentence = text[: end + 1] if end >= 0 else text
    return sentence or fallback


def description(doc: str) -> str:
    """The first section body (``What it catches``) as one paragraph."""
    sections = _sections(doc)
    return " ".join((sections[0][1] if sections else doc).split())


def markdown(doc: str) -> str:
    """Markdown of a sectioned docstring; unsectioned text is returned as paragraphs."""
    sections = _sections(doc)
    if not sections:
        return doc.strip() + "\n"
    parts: list[str] = []
    for heading, body in sections:
        parts.append(f"**{heading}**")
        if heading in VERBATIM_SECTIONS:
            parts.append("```\n" + body + "\n```")
        else:
            parts.append(body)
    return "\n\n".join(parts) + "\n"


def _sections(doc: str) -> list[tuple[str, str]]:
    """(heading, dedented body) of each ``Heading:`` line written at column 0."""
    sections: list[tuple[str, list[str]]] = []
    for line in doc.splitlines():
        if _is_heading(line):
            sections.append((line[:-1], []))
        elif sections:
            sections[-1][1].append(line)
    return [(heading, textwrap.dedent("\n".join(lines)).strip("\n")) for heading, lines in sections]


def _is_heading(line: str) -> bool:
    # "What it catches:", "Options:" - short, unindented, ending with a colon.
    return bool(line) and not line[0].isspace() and line.endswith(":") and len(line.split()) <= 4
