"""API layer."""
