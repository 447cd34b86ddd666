"""The vocabulary of rule specs that the engine reads without importing the rules:
what a rule reads (``Reads``) and what its findings depend on (``Locality``).

Each rule declares its ``RuleSpec`` (``config/rulespec.py``) next to its code.
"""

from enum import Enum


class Needs(str, Enum):
    """What a rule needs built before it runs (derived from its ``Reads``)."""

    NOTHING = "-"
    FACTS = "facts"
    GRAPH = "graph"


class Reads(str, Enum):
    """The facts a rule consumes. ``CALLS`` and ``DEFINITIONS`` make files be extracted
    with their code facts; ``GRAPH`` builds the import graph; a rule reading nothing runs
    after the others, on their findings (the hygiene codes)."""

    FILES = "files"  # the file set, parse status and placements
    IMPORTS = "imports"
    CALLS = "calls"
    DEFINITIONS = "definitions"
    HEADERS = "headers"
    GRAPH = "graph"


class Locality(str, Enum):
    """What a code's findings depend on, which decides what a run may reuse.

    - ``local``: a file's findings depend only on its own facts and placement and on the
      placements of the modules it imports; they are recomputed for the files whose facts
      changed (and the importers of a file whose placement changed).
    - ``path``: findings depend only on the file set, discovery and placements.
    - ``global``: findings anywhere may change when any file's facts change (operation
      tables, import cycles, transitive chains); recomputed whenever a file's facts change.
    """

    LOCAL = "local"
    PATH = "path"
    GLOBAL = "global"
