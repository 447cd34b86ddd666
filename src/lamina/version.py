"""Versions that key every cache (floor 1; cheap to import on the warm path)."""

__version__ = "0.1.0"

# Bumped whenever the shape of lamina.model.facts changes, so old cache entries are ignored.
FACTS_SCHEMA_VERSION = 2
