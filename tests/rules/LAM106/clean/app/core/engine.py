"""Core engine (placed in layer core)."""
