"""Versions that key every cache (floor 1; cheap to import on the warm path)."""

import sys as _sys

__version__ = "0.1.0"

# Bumped whenever the shape of lamina.model.facts or of the facts cache changes, so old
# cache entries are ignored (3: entries without code; pack files; 4: MessagePack entries;
# 5: no line count; 6: call methods, name rebinds, bound lambdas; 7: no import fact for a
# relative import_module whose package is known only at run time; 8: binding facts for
# receiver resolution; 9: module-level names used per symbol, for call-level reach; 10: a call
# argument keeps its first string literal, for ``text("COMMIT")``).
FACTS_SCHEMA_VERSION = 10

# Caches also depend on the interpreter: which files parse natively (LAM003) and the
# messages of syntax errors change between Python versions.
CACHE_TAG = f"{__version__}-py{_sys.version_info[0]}{_sys.version_info[1]}"
