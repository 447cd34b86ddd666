"""Source files and positions."""


from enum import Enum
from typing import NamedTuple


class Location(NamedTuple):
    """A 1-based span in a file (columns are 1-based too)."""

    line: int
    column: int
    end_line: int
    end_column: int


class ParseStatus(str, Enum):
    OK = "ok"
    FALLBACK = "fallback"  # stdlib ast failed, libcst's parser succeeded
    SYNTAX_ERROR = "syntax_error"
    UNDECODABLE = "undecodable"


class SourceFile(NamedTuple):
    """One discovered ``.py`` file.

    ``path`` is project-relative POSIX, ``rel`` is relative to its source ``root``.
    """

    path: str
    root: str
    rel: str
    module: str
    is_package: bool
    size: int
    mtime_ns: int
    content_hash: str = ""
    # Changes on every write, chmod and utime, and cannot be set: what a restored mtime
    # cannot hide from the cache (on Windows before Python 3.12 the creation time, which
    # only makes the check as good as the mtime's).
    ctime_ns: int = 0
