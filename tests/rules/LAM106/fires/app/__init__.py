"""Application package (placed in layer core)."""
