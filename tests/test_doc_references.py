"""Every documentation reference in the repository can be followed by someone who clones it.

Docstrings, comments and docs point at the design as ``docs/<file>.md#<anchor>``; such a
reference must name a file of ``docs/`` and, when it has an anchor, a heading of that file
(GitHub's slug) or an explicit ``<a id=…>``. Relative markdown links in ``*.md`` files are held to
the same standard. No reference may point at a design document that lives outside the
repository (the four upper-case design documents the code was first written against)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

REPOSITORY = Path(__file__).resolve().parents[1]

# Where references live. bench/ is walked without its scratch directory.
WALKED = ("src", "tests", "rules", "examples", "docs", "bench", "README.md")
SKIPPED_DIRS = frozenset({
    ".git", ".venv", "venv", "__pycache__", ".lamina_cache", ".pytest_cache", ".mypy_cache",
    ".ruff_cache", "build", "dist", "node_modules", ".work",
})
TEXT_SUFFIXES = frozenset({".py", ".md", ".yaml", ".yml", ".toml", ".txt", ".j2", ".cfg", ".ini", ".rst"})

# Spelled in parts so that this file does not match its own pattern.
_OUTSIDE_NAMES = ("ARCHITECTURE", "RULES", "REPORTS", "RUNTIME")
OUTSIDE = re.compile(r"\b(?:" + "|".join(_OUTSIDE_NAMES) + r")\.md\b")
# ``docs/<file>.md`` not inside a longer path (``app/docs/x.md``) and not in a subdirectory of docs/.
DOC_REFERENCE = re.compile(r"(?<![\w./-])docs/([\w.-]+\.md)(?:#([\w-]*))?")
MARKDOWN_LINK = re.compile(r"\]\(([^)\s]*)\)")
FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$")
EXPLICIT_ANCHOR = re.compile(r"<a\s+(?:id|name)=\"([^\"]+)\"")

# Strings that look like references but are paths inside a user's project (tests, examples).
NOT_REFERENCES = frozenset({
    ("docs/reports.md", "docs/INDEX.md"),
    ("tests/commands/test_safe_writes.py", "docs/INDEX.md"),
    ("tests/commands/test_safe_writes.py", "docs/pairing.md"),
})
# This file's broken references are the fixtures of its own test.
THIS_FILE = "tests/test_doc_references.py"


class Reference(NamedTuple):
    path: str  # repository-relative POSIX path of the file holding the reference
    line: int
    target: str  # the referenced file, repository-relative
    anchor: str | None

    def __str__(self) -> str:
        anchor = f"#{self.anchor}" if self.anchor is not None else ""
        return f"{self.path}:{self.line}: {self.target}{anchor}"


def text_files(root: Path) -> list[Path]:
    """The text files under the walked parts of ``root``, sorted."""
    return sorted(_walk(root))


def _walk(root: Path) -> Iterator[Path]:
    for name in WALKED:
        start = root / name
        if start.is_file():
            yield start
            continue
        if not start.is_dir():
            continue
        for path in start.rglob("*"):
            relative = path.relative_to(root).parts
            if any(part in SKIPPED_DIRS or part.endswith(".egg-info") for part in relative[:-1]):
                continue
            if path.is_file() and path.suffix in TEXT_SUFFIXES:
                yield path


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8", errors="replace")


def outside_lines(path: Path) -> Iterator[int]:
    for number, line in enumerate(read(path).splitlines(), start=1):
        if OUTSIDE.search(line):
            yield number


def unfenced_lines(text: str) -> Iterator[tuple[int, str]]:
    """The lines of a markdown text outside fenced code blocks, with their numbers."""
    fence: str | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        opened = FENCE.match(line)
        if fence is None:
            if opened:
                fence = opened.group(1)
                continue
            yield number, line
        elif opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence) \
                and not line.strip()[len(opened.group(1)):].strip():
            fence = None


def slug(heading: str) -> str:
    """GitHub's anchor of a heading: the rendered text, lower-cased, punctuation dropped,
    spaces turned into hyphens."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", heading)  # a link renders as its text
    text = re.sub(r"<[^>]+>", "", text).replace("`", "").replace("*", "")
    return re.sub(r"[^\w\- ]", "", text.lower()).replace(" ", "-")


def anchors(path: Path) -> frozenset[str]:
    """Every anchor a markdown file offers: heading slugs (repeats numbered as GitHub does)
    and explicit ``<a id>`` / ``<a name>`` anchors."""
    seen: dict[str, int] = {}
    found: set[str] = set()
    for _, line in unfenced_lines(read(path)):
        found.update(EXPLICIT_ANCHOR.findall(line))
        heading = HEADING.match(line)
        if heading is None:
            continue
        base = slug(heading.group(2))
        count = seen.get(base, 0)
        seen[base] = count + 1
        found.add(base if count == 0 else f"{base}-{count}")
    return frozenset(found)


def references(root: Path) -> Iterator[Reference]:
    """``docs/<file>.md[#anchor]`` mentions anywhere, and relative links of markdown files."""
    for path in text_files(root):
        relative = path.relative_to(root).as_posix()
        if relative == THIS_FILE:
            continue
        text = read(path)
        for number, line in enumerate(text.splitlines(), start=1):
            for match in DOC_REFERENCE.finditer(line):
                if (relative, match.group(0).split("#")[0]) in NOT_REFERENCES:
                    continue
                yield Reference(relative, number, f"docs/{match.group(1)}", match.group(2))
        if path.suffix != ".md":
            continue
        for number, line in unfenced_lines(text):
            for match in MARKDOWN_LINK.finditer(line):
                link = match.group(1).strip("<>")
                if not link or "://" in link or link.startswith("mailto:"):
                    continue
                target, _, anchor = link.partition("#")
                if target and not target.endswith(".md"):
                    continue  # a link to a directory or a non-markdown file: existence is enough
                resolved = (path.parent / target).resolve() if target else path.resolve()
                try:
                    shown = resolved.relative_to(root.resolve()).as_posix()
                except ValueError:
                    shown = link
                yield Reference(relative, number, shown, anchor or None)


def missing_files(root: Path) -> list[str]:
    return [str(ref) for ref in references(root) if not (root / ref.target).is_file()]


def missing_anchors(root: Path) -> list[str]:
    cache: dict[str, frozenset[str]] = {}
    problems = []
    for ref in references(root):
        target = root / ref.target
        if ref.anchor is None or not target.is_file():
            continue
        if ref.target not in cache:
            cache[ref.target] = anchors(target)
        if ref.anchor not in cache[ref.target]:
            problems.append(str(ref))
    return problems


def outside_references(root: Path) -> list[str]:
    return [f"{path.relative_to(root).as_posix()}:{number}" for path in text_files(root)
            for number in outside_lines(path)]


def test_no_reference_to_a_design_document_outside_the_repository() -> None:
    assert outside_references(REPOSITORY) == []


def test_every_referenced_doc_exists() -> None:
    assert missing_files(REPOSITORY) == []


def test_every_referenced_anchor_is_a_heading() -> None:
    assert missing_anchors(REPOSITORY) == []


def test_the_checks_see_every_kind_of_broken_reference(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "guide.md").write_text(
        "# Guide\n\n## 9. Operations\n\n## Operations\n\n## Operations\n\n<a id=\"kept\"></a>\n\n"
        "```text\n## Not a heading\n```\n\n[ok](#operations-1) [bad](#nowhere) [gone](other.md)\n",
        encoding="utf-8",
    )
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "mod.py").write_text(
        '"""See docs/guide.md#9-operations, docs/guide.md#kept and docs/guide.md#operations;\n'
        "not docs/guide.md#not-a-heading, docs/missing.md or " + _OUTSIDE_NAMES[1] + '.md section 2."""\n',
        encoding="utf-8",
    )
    assert missing_files(tmp_path) == ["docs/guide.md:15: docs/other.md", "src/mod.py:2: docs/missing.md"]
    assert missing_anchors(tmp_path) == ["docs/guide.md:15: docs/guide.md#nowhere",
                                         "src/mod.py:2: docs/guide.md#not-a-heading"]
    assert outside_references(tmp_path) == ["src/mod.py:2"]
